//! Bots on `POST /api/responses` (`functions/src/bots.rs`): the honeypot, the limits per device
//! and per network, and what they store: hashes that expire, never an address or a token.

use aws_sdk_dynamodb::types::AttributeValue;
use hailong_functions::Context;
use hailong_functions::bots::{KEEP_AFTER_WINDOW_S, Limits};
use hailong_tests::{call_as, campaign_id, fresh_context, full_answers, login, response_id, submit_from, unit_code};
use serde_json::{Value, json};
use std::collections::HashMap;
use uuid::Uuid;

const UBND: &str = "ubnd-cam-nghia";
/// A commune office's Wi-Fi, and another network.
const OFFICE: &str = "198.51.100.23";
const ELSEWHERE: &str = "203.0.113.99";

fn submission() -> Value {
    json!({
        "id": Uuid::new_v4(),
        "campaign": "cam-ranh",
        "unit": UBND,
        "channel": "qr",
        "answers": full_answers("sipas"),
        "comment": "Cán bộ nhiệt tình.",
        "website": ""
    })
}

fn device() -> String {
    Uuid::new_v4().to_string()
}

fn limits(device: u32, network: u32) -> Limits {
    Limits { device, network, ..Limits::default() }
}

async fn stored(ctx: &Context) -> u64 {
    ctx.store.count_responses(&campaign_id("cam-ranh"), &unit_code(UBND)).await.unwrap()
}

/// Every item of a table (a test may Scan; the API never does).
async fn scan(ctx: &Context, table: &str) -> Vec<HashMap<String, AttributeValue>> {
    let mut items = Vec::new();
    let mut start = None;
    loop {
        let out = ctx.store.client().scan().table_name(table).set_exclusive_start_key(start).send().await.unwrap();
        items.extend(out.items().iter().cloned());
        start = out.last_evaluated_key;
        if start.is_none() {
            return items;
        }
    }
}

async fn refusals(ctx: &Context) -> HashMap<String, i64> {
    ctx.store.refusals(&campaign_id("cam-ranh")).await.unwrap().into_iter().collect()
}

#[tokio::test]
async fn a_filled_honeypot_is_refused_plainly_stores_nothing_and_is_counted() {
    let (ctx, _) = fresh_context().await;
    let mut bot = submission();
    bot["website"] = json!("http://cheap-pills.example");
    let (status, _, body) = submit_from(&ctx, Some(&device()), OFFICE, &[], &bot).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("not_accepted")), "{body}");
    assert!(!body["message"].as_str().unwrap().contains("website"), "the answer does not point at the trap");
    assert!(ctx.store.response(&response_id(bot["id"].as_str().unwrap())).await.unwrap().is_none());
    assert_eq!(stored(&ctx).await, 0);
    assert_eq!(refusals(&ctx).await.get("honeypot"), Some(&1));
    let admin = login(&ctx, "demo-admin").await;
    let (status, flags) = call_as(&ctx, Some(&admin), "GET", "/api/admin/campaigns/cam-ranh/flags", None).await;
    assert_eq!((status, &flags["refused"]), (200, &json!({ "honeypot": 1 })), "{flags}");

    // People leave it empty (or the client leaves it out).
    let (status, _, body) = submit_from(&ctx, Some(&device()), OFFICE, &[], &submission()).await;
    assert_eq!(status, 201, "{body}");
    let mut old_client = submission();
    old_client.as_object_mut().unwrap().remove("website");
    assert_eq!(submit_from(&ctx, None, OFFICE, &[], &old_client).await.0, 201);
}

#[tokio::test]
async fn one_device_past_its_limit_gets_429_with_retry_after_and_others_are_unaffected() {
    let (mut ctx, _) = fresh_context().await;
    ctx.limits = limits(3, 100);
    let phone = device();
    for _ in 0..3 {
        let (status, _, body) = submit_from(&ctx, Some(&phone), OFFICE, &[], &submission()).await;
        assert_eq!(status, 201, "{body}");
    }
    let refused = submission();
    let (status, retry_after, body) = submit_from(&ctx, Some(&phone), ELSEWHERE, &[], &refused).await;
    assert_eq!((status, body["error"].as_str()), (429, Some("rate_limited")), "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("thiết bị này") && message.contains("this device"), "{message}");
    let seconds: i64 = retry_after.expect("a Retry-After header").parse().unwrap();
    assert!((1..=ctx.limits.window_s).contains(&seconds), "{seconds}");
    assert!(ctx.store.response(&response_id(refused["id"].as_str().unwrap())).await.unwrap().is_none());

    // Another phone on the same Wi-Fi, and a client without a token, still get through.
    assert_eq!(submit_from(&ctx, Some(&device()), OFFICE, &[], &submission()).await.0, 201);
    assert_eq!(submit_from(&ctx, None, OFFICE, &[], &submission()).await.0, 201);
    assert_eq!(stored(&ctx).await, 5);
    assert_eq!(refusals(&ctx).await.get("device"), Some(&1));

    // A token that is not a UUID is refused at the edge.
    let (status, _, body) = submit_from(&ctx, Some("robot"), OFFICE, &[], &submission()).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("bad_device_token")), "{body}");
}

#[tokio::test]
async fn one_network_past_its_limit_gets_429_whatever_the_device_and_the_viewer_address_counts_behind_cloudfront() {
    let (mut ctx, _) = fresh_context().await;
    ctx.limits = limits(100, 3);
    for _ in 0..3 {
        assert_eq!(submit_from(&ctx, Some(&device()), OFFICE, &[], &submission()).await.0, 201);
    }
    let (status, retry_after, body) = submit_from(&ctx, Some(&device()), OFFICE, &[], &submission()).await;
    assert_eq!(status, 429, "{body}");
    assert!(body["message"].as_str().unwrap().contains("mạng này"), "{body}");
    assert!(retry_after.is_some());
    // Without a device token only the network limit applies, and it is spent.
    assert_eq!(submit_from(&ctx, None, OFFICE, &[], &submission()).await.0, 429);
    assert_eq!(submit_from(&ctx, Some(&device()), ELSEWHERE, &[], &submission()).await.0, 201);
    assert_eq!(refusals(&ctx).await.get("network"), Some(&2));

    // Through CloudFront the API sees the edge's address; the viewer's own is the network, told
    // by CloudFront beside the origin secret it adds.
    ctx.origin_secret = Some(SECRET.into());
    let edge = "130.176.0.1";
    let through = |viewer| [("cloudfront-viewer-address", viewer), ("x-hailong-origin", SECRET)];
    for viewer in ["192.0.2.10:50123", "192.0.2.11:50123", "[2001:db8:1:2::7]:443", "2001:db8:1:2::8:443"] {
        let (status, _, body) = submit_from(&ctx, Some(&device()), edge, &through(viewer), &submission()).await;
        assert_eq!(status, 201, "{viewer}: {body}");
    }
    for viewer in ["2001:db8:1:2::9:443", "192.0.2.10:60000", "192.0.2.10:60000"] {
        assert_eq!(submit_from(&ctx, Some(&device()), edge, &through(viewer), &submission()).await.0, 201);
    }
    // 192.0.2.10 has sent 3, and the IPv6 /64 2001:db8:1:2:: 3 as well.
    assert_eq!(submit_from(&ctx, Some(&device()), edge, &through("192.0.2.10:1"), &submission()).await.0, 429);
    let full = through("[2001:db8:1:2:ffff::1]:1");
    assert_eq!(submit_from(&ctx, Some(&device()), edge, &full, &submission()).await.0, 429);
}

const SECRET: &str = "origin-secret-of-the-test-stack";

/// A made-up `CloudFront-Viewer-Address` lifted the network limit (320 of 320 sends from one
/// address got through). Without the origin secret, or with a wrong one, or where no secret is
/// set (the local stack), the header is not believed: the sender's own address counts.
#[tokio::test]
async fn a_forged_viewer_address_changes_nothing() {
    let (mut ctx, _) = fresh_context().await;
    ctx.limits = limits(100, 3);
    // (the stack's secret, what the sender puts in X-Hailong-Origin), each from a sender of its own.
    let cases = [(None, None), (None, Some(SECRET)), (Some(SECRET), None), (Some(SECRET), Some("a-guess"))];
    for (n, (stack, sent)) in cases.into_iter().enumerate() {
        ctx.origin_secret = stack.map(str::to_owned);
        let sender = format!("198.51.100.{n}");
        let mut statuses = Vec::new();
        for i in 0..5 {
            let viewer = format!("192.0.2.{i}:443");
            let mut headers = vec![("cloudfront-viewer-address", viewer.as_str())];
            headers.extend(sent.map(|s| ("x-hailong-origin", s)));
            statuses.push(submit_from(&ctx, Some(&device()), &sender, &headers, &submission()).await.0);
        }
        assert_eq!(statuses, [201, 201, 201, 429, 429], "stack {stack:?}, sent {sent:?}: one sender, one network");
    }
}

/// The limits count what would be stored: a person whose sends are refused as invalid (a
/// question skipped, a form changed) keeps the hour's allowance for the answer that counts.
#[tokio::test]
async fn refused_sends_do_not_use_up_the_limits() {
    let (mut ctx, _) = fresh_context().await;
    ctx.limits = limits(2, 2);
    let phone = device();
    for _ in 0..10 {
        let mut invalid = submission();
        invalid["answers"] = json!({ "not-an-item": 1 });
        let (status, _, body) = submit_from(&ctx, Some(&phone), OFFICE, &[], &invalid).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("invalid_answers")), "{body}");
    }
    for _ in 0..2 {
        let (status, _, body) = submit_from(&ctx, Some(&phone), OFFICE, &[], &submission()).await;
        assert_eq!(status, 201, "ten refused sends charged nothing: {body}");
    }
    let (status, _, body) = submit_from(&ctx, Some(&phone), OFFICE, &[], &submission()).await;
    assert_eq!((status, body["error"].as_str()), (429, Some("rate_limited")), "the limit itself still holds");
    assert_eq!(stored(&ctx).await, 2);
}

#[tokio::test]
async fn a_retry_of_a_stored_response_is_never_limited_and_a_changed_body_is_still_a_conflict() {
    let (mut ctx, _) = fresh_context().await;
    ctx.limits = limits(1, 1);
    let phone = device();
    let body = submission();
    let (status, _, first) = submit_from(&ctx, Some(&phone), OFFICE, &[], &body).await;
    assert_eq!(status, 201, "{first}");
    for _ in 0..3 {
        let (status, _, again) = submit_from(&ctx, Some(&phone), OFFICE, &[], &body).await;
        assert_eq!((status, &again["receipt"]), (200, &first["receipt"]), "{again}");
    }
    let mut changed = body.clone();
    changed["comment"] = json!("Khác.");
    assert_eq!(submit_from(&ctx, Some(&phone), OFFICE, &[], &changed).await.0, 409);
    // A new response from the same phone is over the limit: the retries found their response
    // stored even past the limit, a new one is refused.
    assert_eq!(submit_from(&ctx, Some(&phone), OFFICE, &[], &submission()).await.0, 429);
    assert_eq!(stored(&ctx).await, 1);
}

#[tokio::test]
async fn no_address_or_device_token_is_stored_and_every_counter_expires() {
    let (mut ctx, _) = fresh_context().await;
    ctx.limits = limits(2, 3);
    let phones = [device(), device()];
    let viewer = "192.0.2.77";
    for phone in &phones {
        for _ in 0..3 {
            submit_from(&ctx, Some(phone), OFFICE, &[], &submission()).await;
        }
    }
    submit_from(&ctx, None, "130.176.0.1", &[("cloudfront-viewer-address", &format!("{viewer}:5555"))], &submission())
        .await;
    let now_s = hailong_functions::clock::now_ms() / 1000;
    let tables = ctx.store.tables().clone();
    let mut counters = 0;
    for table in [&tables.catalog, &tables.responses, &tables.receipts] {
        for item in scan(&ctx, table).await {
            let text = format!("{item:?}");
            for secret in [OFFICE, viewer, "130.176.0.1", &phones[0], &phones[1]] {
                assert!(!text.contains(secret), "{table} stores {secret} in the clear: {text}");
            }
            let pk = item["pk"].as_s().unwrap();
            if pk.starts_with("RATE#") {
                counters += 1;
                let expires: i64 = item.get("expires_at").and_then(|v| v.as_n().ok()).expect(pk).parse().unwrap();
                assert!(
                    expires > now_s && expires <= now_s + ctx.limits.window_s + KEEP_AFTER_WINDOW_S,
                    "{pk}: {expires}"
                );
                assert_eq!(table, &tables.responses, "counters live in the table with TTL");
            }
        }
    }
    // Two phones, the office network, the viewer's network.
    assert_eq!(counters, 4);
}

#[tokio::test]
async fn the_local_stack_hands_the_peer_address_to_the_handler_as_api_gateway_does() {
    use hailong_tests::local_stack::request;
    use std::net::SocketAddr;
    let (mut ctx, _) = fresh_context().await;
    ctx.limits = limits(100, 1);
    let ctx = std::sync::Arc::new(ctx);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = hailong_functions::local::router(ctx.clone(), std::env::temp_dir());
    tokio::spawn(async move { axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await });
    let mut statuses = Vec::new();
    for _ in 0..2 {
        let body = serde_json::to_vec(&submission()).unwrap();
        let url = format!("http://{addr}/api/responses");
        statuses.push(request("POST", &url, &[("Content-Type", "application/json")], &body).await.0);
    }
    assert_eq!(statuses, [201, 429], "the second submission from 127.0.0.1 is over a network limit of 1");
}
