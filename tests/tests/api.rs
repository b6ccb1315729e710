//! Every public handler against real DynamoDB Local, through the dispatcher Lambda uses.

use hailong_domain::api::MAX_SUBMISSION_BYTES;
use hailong_functions::Context;
use hailong_functions::store::Tables;
use hailong_tests::{add_campaign, call, campaign_id, fresh_context, full_answers, response_id, today, unit_code};
use serde_json::{Value, json};
use uuid::Uuid;

const UBND: &str = "ubnd-cam-nghia";
const TYT: &str = "tyt-cam-nghia";

fn submission(unit: &str, questionnaire: &str) -> Value {
    json!({
        "id": Uuid::new_v4(),
        "campaign": "cam-ranh",
        "unit": unit,
        "channel": "qr",
        "answers": full_answers(questionnaire),
        "comment": "Cán bộ nhiệt tình."
    })
}

#[tokio::test]
async fn form_of_a_unit_carries_its_questionnaire_name_and_window() {
    let (ctx, demo) = fresh_context().await;
    let (status, form) = call(&ctx, "GET", &format!("/api/forms/cam-ranh/{UBND}"), None).await;
    assert_eq!(status, 200, "{form}");
    assert_eq!(form["unit"]["name"], "UBND phường Cam Nghĩa");
    assert_eq!(form["questionnaire"]["id"], "sipas");
    assert_eq!(form["campaign"]["opens"], demo.opens.to_string());
    let (_, station) = call(&ctx, "GET", &format!("/api/forms/cam-ranh/{TYT}"), None).await;
    assert_eq!(station["questionnaire"]["id"], "moh-outpatient");
    assert_eq!(station["unit"]["name"], "Trạm Y tế phường Cam Nghĩa");
}

#[tokio::test]
async fn unknown_campaign_or_unit_is_404_and_closed_or_future_is_410() {
    let (ctx, demo) = fresh_context().await;
    let (status, body) = call(&ctx, "GET", "/api/forms/nowhere/ubnd-cam-nghia", None).await;
    assert_eq!((status, body["error"].as_str()), (404, Some("not_found")));
    let (status, _) = call(&ctx, "GET", "/api/forms/cam-ranh/cam-ranh", None).await;
    assert_eq!(status, 404, "the city itself is not surveyed");
    let (status, body) = call(&ctx, "GET", "/api/forms/cam-ranh/..%2Fetc", None).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_id")), "no unit code has a '/'");

    add_campaign(&ctx, &demo, "old", today().add_days(-90), today().add_days(-1)).await;
    let (status, body) = call(&ctx, "GET", &format!("/api/forms/old/{UBND}"), None).await;
    assert_eq!((status, body["error"].as_str()), (410, Some("closed")));
    assert_eq!(body["window"]["closes"], today().add_days(-1).to_string());

    add_campaign(&ctx, &demo, "future", today().add_days(1), today().add_days(30)).await;
    let (status, body) = call(&ctx, "GET", &format!("/api/forms/future/{UBND}"), None).await;
    assert_eq!((status, body["error"].as_str()), (410, Some("not_yet_open")));
    assert_eq!(body["window"]["opens"], today().add_days(1).to_string());
}

#[tokio::test]
async fn a_valid_response_is_stored_once_and_its_receipt_answers() {
    let (ctx, _) = fresh_context().await;
    let body = submission(TYT, "moh-outpatient");
    let (status, accepted) = call(&ctx, "POST", "/api/responses", Some(body.clone())).await;
    assert_eq!(status, 201, "{accepted}");
    let receipt = accepted["receipt"].as_str().unwrap().to_owned();
    assert_eq!(receipt.len(), 10);

    let stored = ctx.store.response(&response_id(body["id"].as_str().unwrap())).await.unwrap().expect("stored");
    assert_eq!(stored.unit.as_str(), TYT);
    assert_eq!(stored.questionnaire.id.as_str(), "moh-outpatient");
    assert_eq!(stored.answers.len(), full_answers("moh-outpatient").len());
    assert_eq!(stored.comment.as_deref(), Some("Cán bộ nhiệt tình."));

    let (status, view) = call(&ctx, "GET", &format!("/api/receipts/{receipt}"), None).await;
    assert_eq!(status, 200);
    assert_eq!(view["campaign"], "cam-ranh");
    assert_eq!(view["unit"], TYT);
    assert!(view["received_at"].as_str().unwrap().ends_with('Z'));
    assert!(view.get("answers").is_none(), "a receipt never shows the answers");
    // As a person may type it: lower case, with the dash.
    let typed = format!("{}-{}", &receipt[..5], &receipt[5..]).to_lowercase();
    assert_eq!(call(&ctx, "GET", &format!("/api/receipts/{typed}"), None).await.0, 200);
}

#[tokio::test]
async fn a_retry_returns_the_same_receipt_and_a_different_body_conflicts() {
    let (ctx, _) = fresh_context().await;
    let body = submission(UBND, "sipas");
    let (first, a) = call(&ctx, "POST", "/api/responses", Some(body.clone())).await;
    let (again, b) = call(&ctx, "POST", "/api/responses", Some(body.clone())).await;
    assert_eq!((first, again), (201, 200));
    assert_eq!(a["receipt"], b["receipt"]);

    let mut changed = body.clone();
    changed["answers"]["q15"] = json!(1);
    let (status, err) = call(&ctx, "POST", "/api/responses", Some(changed)).await;
    assert_eq!((status, err["error"].as_str()), (409, Some("conflict")));
    assert_eq!(ctx.store.count_responses(&campaign_id("cam-ranh"), &unit_code(UBND)).await.unwrap(), 1);
    let stored = ctx.store.response(&response_id(body["id"].as_str().unwrap())).await.unwrap().unwrap();
    assert_eq!(stored.answers.get("q15"), Some(&hailong_domain::AnswerValue::Int(4)), "the stored answer is kept");
}

#[tokio::test]
async fn concurrent_retries_store_exactly_one_response() {
    let (ctx, _) = fresh_context().await;
    let body = submission(UBND, "sipas");
    let attempts = (0..12).map(|_| {
        let (ctx, body) = (ctx.clone(), body.clone());
        tokio::spawn(async move { call(&ctx, "POST", "/api/responses", Some(body)).await })
    });
    let mut statuses = Vec::new();
    let mut receipts = std::collections::BTreeSet::new();
    for a in attempts {
        let (status, answer) = a.await.unwrap();
        statuses.push(status);
        receipts.insert(answer["receipt"].as_str().unwrap().to_owned());
    }
    statuses.sort();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 201), "{statuses:?}");
    assert_eq!(receipts.len(), 1);
    assert_eq!(ctx.store.count_responses(&campaign_id("cam-ranh"), &unit_code(UBND)).await.unwrap(), 1);
}

#[tokio::test]
async fn invalid_answers_are_listed_per_item_and_nothing_is_stored() {
    let (ctx, _) = fresh_context().await;
    let mut body = submission(UBND, "sipas");
    let answers = body["answers"].as_object_mut().unwrap();
    answers.remove("q16");
    answers.insert("q17".into(), json!(7));
    answers.insert("nope".into(), json!(1));
    let (status, err) = call(&ctx, "POST", "/api/responses", Some(body)).await;
    assert_eq!((status, err["error"].as_str()), (400, Some("invalid_answers")));
    let items: Vec<(String, String)> = err["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["item"].as_str().unwrap().to_owned(), i["code"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        items,
        [
            ("q16".into(), "missing".into()),
            ("q17".into(), "out_of_range".into()),
            ("nope".into(), "unknown_item".into())
        ]
    );
    assert_eq!(ctx.store.count_responses(&campaign_id("cam-ranh"), &unit_code(UBND)).await.unwrap(), 0);
}

#[tokio::test]
async fn malformed_oversized_misdirected_and_staff_channel_bodies_are_refused() {
    let (ctx, _) = fresh_context().await;
    let raw = |bytes: Vec<u8>| {
        let ctx = ctx.clone();
        async move {
            hailong_tests::decode(
                hailong_functions::dispatch(&ctx, hailong_tests::request("POST", "/api/responses", Some(bytes))).await,
            )
        }
    };
    let (status, err) = raw(b"{not json".to_vec()).await;
    assert_eq!((status, err["error"].as_str()), (400, Some("invalid_body")));
    let (status, err) = raw(vec![b' '; MAX_SUBMISSION_BYTES + 1]).await;
    assert_eq!((status, err["error"].as_str()), (413, Some("too_large")));

    let mut paper = submission(UBND, "sipas");
    paper["channel"] = json!("paper");
    assert_eq!(call(&ctx, "POST", "/api/responses", Some(paper)).await.0, 400);

    let mut elsewhere = submission(UBND, "sipas");
    elsewhere["unit"] = json!("ubnd-hoi-an");
    assert_eq!(call(&ctx, "POST", "/api/responses", Some(elsewhere)).await.0, 404);
    let mut no_campaign = submission(UBND, "sipas");
    no_campaign["campaign"] = json!("nowhere");
    assert_eq!(call(&ctx, "POST", "/api/responses", Some(no_campaign)).await.0, 404);

    let mut wrong_form = submission(TYT, "sipas");
    wrong_form["unit"] = json!(TYT);
    let (status, err) = call(&ctx, "POST", "/api/responses", Some(wrong_form)).await;
    assert_eq!((status, err["error"].as_str()), (400, Some("invalid_answers")), "a station answers the MoH form");
}

/// Ids are parsed at the edge: an empty, overlong or odd one is the caller's mistake (400, with
/// a message), never a key DynamoDB refuses and the API answers as the store being down (503).
#[tokio::test]
async fn empty_overlong_and_odd_ids_are_a_400_with_a_message() {
    let (ctx, _) = fresh_context().await;
    let long = "a".repeat(1_100);
    for (field, value) in [("campaign", ""), ("campaign", long.as_str()), ("unit", ""), ("unit", "a/b")] {
        let mut body = json!({"id": "6f1d3b1e-0000-4000-8000-000000000001", "campaign": "cam-ranh", "unit": UBND, "channel": "qr"});
        body[field] = json!(value);
        let (status, err) = call(&ctx, "POST", "/api/responses", Some(body)).await;
        assert_eq!((status, err["error"].as_str()), (400, Some("invalid_body")), "{field} = {value:.20}: {err}");
        assert!(err["message"].as_str().unwrap().contains("code"), "the message names the problem: {err}");
    }
    for path in [
        format!("/api/forms/{long}/{UBND}"),
        format!("/api/forms/cam-ranh/{long}"),
        format!("/api/receipts/{long}"),
        "/api/forms/cam-ranh/a%2Fb".to_owned(),
    ] {
        let (status, err) = call(&ctx, "GET", &path, None).await;
        assert_eq!((status, err["error"].as_str()), (400, Some("invalid_id")), "{path:.40}: {err}");
        assert!(err["message"].as_str().unwrap().contains("not a valid id"), "{err}");
    }
    assert_eq!(call(&ctx, "GET", &format!("/api/forms/cam-ranh/{UBND}"), None).await.0, 200, "nothing else changed");
}

#[tokio::test]
async fn responses_outside_the_window_are_refused() {
    let (ctx, demo) = fresh_context().await;
    add_campaign(&ctx, &demo, "old", today().add_days(-90), today().add_days(-1)).await;
    add_campaign(&ctx, &demo, "future", today().add_days(2), today().add_days(30)).await;
    for (campaign, code) in [("old", "closed"), ("future", "not_yet_open")] {
        let mut body = submission(UBND, "sipas");
        body["campaign"] = json!(campaign);
        let (status, err) = call(&ctx, "POST", "/api/responses", Some(body)).await;
        assert_eq!((status, err["error"].as_str()), (410, Some(code)));
        assert_eq!(ctx.store.count_responses(&campaign_id(campaign), &unit_code(UBND)).await.unwrap(), 0);
    }
}

#[tokio::test]
async fn receipts_unknown_or_malformed() {
    let (ctx, _) = fresh_context().await;
    assert_eq!(call(&ctx, "GET", "/api/receipts/ABCDE-FGHJK", None).await.0, 404);
    let (status, err) = call(&ctx, "GET", "/api/receipts/hello", None).await;
    assert_eq!((status, err["error"].as_str()), (400, Some("invalid_receipt")));
}

#[tokio::test]
async fn health_answers_when_the_store_does_and_not_otherwise() {
    let (ctx, _) = fresh_context().await;
    assert_eq!(call(&ctx, "GET", "/api/health", None).await, (200, json!({"status": "ok"})));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dead = Context::local(&format!("http://127.0.0.1:{port}"), Tables::with_prefix("none-"));
    let (status, err) = call(&dead, "GET", "/api/health", None).await;
    assert_eq!((status, err["error"].as_str()), (503, Some("store_unavailable")));
}

#[tokio::test]
async fn unknown_paths_and_methods() {
    let (ctx, _) = fresh_context().await;
    assert_eq!(call(&ctx, "GET", "/api/nothing", None).await.0, 404);
    assert_eq!(call(&ctx, "DELETE", "/api/responses", None).await.0, 405);
    // A Lambda serves only its own routes.
    use hailong_functions::routes::dispatch_to;
    let request = hailong_tests::request("GET", "/api/health", None);
    let response = dispatch_to(&ctx, &[hailong_functions::receipts::TABLE], request).await;
    assert_eq!(response.status(), 404);
}

/// A questionnaire travels gzipped to a browser that accepts it, and reads back the same.
#[tokio::test]
async fn answers_are_gzipped_for_callers_that_accept_it() {
    use std::io::Read;
    let (ctx, _) = fresh_context().await;
    let path = "/api/forms/cam-ranh/tyt-cam-nghia";
    let (_, plain) = call(&ctx, "GET", path, None).await;
    let mut req = hailong_tests::request("GET", path, None);
    req.headers_mut().insert("accept-encoding", "gzip, deflate, br, zstd".parse().unwrap());
    let response = hailong_functions::dispatch(&ctx, req).await;
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let mut text = String::new();
    flate2::read::GzDecoder::new(response.body().as_ref()).read_to_string(&mut text).unwrap();
    assert!(text.len() > 3 * response.body().len(), "{} bytes gzipped to {}", text.len(), response.body().len());
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), plain);
}

/// A store that accepts connections and never answers (frozen, as under SIGSTOP): health says
/// so with a 503 instead of hanging, and so does a request, once its bounded attempts are spent.
#[tokio::test]
async fn a_store_that_never_answers_is_a_503_not_a_hang() {
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}", silent.local_addr().unwrap());
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            open.push(socket);
        }
    });
    let ctx = Context::local(&endpoint, Tables::with_prefix("frozen-"));
    // Only a guard against hanging the suite: the handler's own bounds end it well before.
    let within = |f| tokio::time::timeout(std::time::Duration::from_secs(60), f);
    let (status, body) = within(call(&ctx, "GET", "/api/health", None)).await.expect("health answers");
    assert_eq!((status, body["error"].as_str()), (503, Some("store_unavailable")), "{body}");
    let (status, body) =
        within(call(&ctx, "GET", "/api/forms/cam-ranh/ubnd-cam-nghia", None)).await.expect("the form answers");
    assert_eq!((status, body["error"].as_str()), (503, Some("store_unavailable")), "{body}");
    held.abort();
}

/// A phone number or e-mail address typed into a comment is masked before it is stored, and
/// the stored response says so; a retry of the same body is still the same response.
#[tokio::test]
async fn contact_details_in_a_comment_are_masked_before_storing() {
    let (ctx, _) = fresh_context().await;
    let mut body = submission(UBND, "sipas");
    body["comment"] = json!("Cần gọi lại số 0905.123.456 hoặc gửi thư tới chi@example.vn về việc chờ 2 giờ");
    assert_eq!(call(&ctx, "POST", "/api/responses", Some(body.clone())).await.0, 201);
    assert_eq!(call(&ctx, "POST", "/api/responses", Some(body.clone())).await.0, 200, "a retry, not a conflict");
    let stored = ctx.store.response(&response_id(body["id"].as_str().unwrap())).await.unwrap().unwrap();
    assert_eq!(stored.comment.as_deref(), Some("Cần gọi lại số *** hoặc gửi thư tới *** về việc chờ 2 giờ"));
    assert!(stored.comment_masked);
}
