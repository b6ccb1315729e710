//! The audit log of a long campaign on DynamoDB Local: thousands of entries (bulk-written, as
//! `audit::record` lays them out), read back a page at a time through the API, filtered.

use aws_sdk_dynamodb::types::{AttributeValue, PutRequest, WriteRequest};
use hailong_functions::Context;
use hailong_tests::{call_as, fresh_context, login};
use serde_json::{Value, json};
use std::collections::BTreeSet;

const ENTRIES: usize = 3_000;
/// 2026-12-01 00:00 in Việt Nam (UTC+7).
const DAY_ONE_MS: i64 = 1_796_058_000_000;
const HOUR_MS: i64 = 3_600_000;

/// Entry `i`: one every 20 minutes from day one, by three people, over two campaigns.
fn entry(i: usize) -> (String, Value) {
    let at = DAY_ONE_MS + i as i64 * HOUR_MS / 3;
    let user = ["demo-admin", "an.nguyen", "binh.tran"][i % 3];
    let (action, target) = match i % 4 {
        0 => ("campaign.quota", format!("{}/tyt-{i}", campaign(i))),
        1 => ("customers.upload", format!("{}/tyt-{i}", campaign(i))),
        2 => ("unit.update", format!("tyt-{i}")),
        _ => ("campaign.open", campaign(i).to_owned()),
    };
    let sk = format!("{at:013}#{}", uuid::Uuid::from_u128(i as u128));
    let doc = json!({
        "at": hailong_functions::clock::rfc3339(at), "user": user, "role": "admin",
        "action": action, "target": target, "before": null, "after": { "i": i },
    });
    (sk, doc)
}

fn campaign(i: usize) -> &'static str {
    if i.is_multiple_of(5) { "van-ninh" } else { "cam-ranh" }
}

async fn bulk_write(ctx: &Context) {
    let table = ctx.store.tables().catalog.clone();
    let requests: Vec<WriteRequest> = (0..ENTRIES)
        .map(|i| {
            let (sk, doc) = entry(i);
            let item = [("pk", "AUDIT".to_owned()), ("sk", sk), ("doc", doc.to_string())]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), AttributeValue::S(v)))
                .collect();
            WriteRequest::builder().put_request(PutRequest::builder().set_item(Some(item)).build().unwrap()).build()
        })
        .collect();
    for batch in requests.chunks(25) {
        let mut left = batch.to_vec();
        while !left.is_empty() {
            let out = ctx.store.client().batch_write_item().request_items(&table, left).send().await.unwrap();
            left = out.unprocessed_items.and_then(|mut u| u.remove(&table)).unwrap_or_default();
        }
    }
}

/// Every page of `query`, followed by its cursors: the entries' `after.i`, and the page sizes.
async fn read_all(ctx: &Context, token: &str, query: &str) -> (Vec<usize>, Vec<usize>) {
    let (mut seen, mut sizes, mut cursor) = (Vec::new(), Vec::new(), None::<String>);
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/admin/audit?{query}&cursor={c}"),
            None => format!("/api/admin/audit?{query}"),
        };
        let (status, page) = call_as(ctx, Some(token), "GET", &path, None).await;
        assert_eq!(status, 200, "{path}: {page}");
        let entries = page["entries"].as_array().unwrap();
        sizes.push(entries.len());
        seen.extend(entries.iter().filter_map(|e| e["after"]["i"].as_u64()).map(|i| i as usize));
        match page["next"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return (seen, sizes),
        }
        assert!(sizes.len() < 1_000, "the pages end");
    }
}

/// The seeded entries meeting `keep`, newest first.
fn expected(keep: impl Fn(usize) -> bool) -> Vec<usize> {
    (0..ENTRIES).rev().filter(|i| keep(*i)).collect()
}

#[tokio::test]
async fn a_long_audit_log_is_read_page_by_page_and_filtered() {
    let (ctx, _) = fresh_context().await;
    bulk_write(&ctx).await;
    let viewer = login(&ctx, "demo-viewer").await;

    // The whole log, 100 at a time: every entry once, newest first, in full pages.
    let (all, sizes) = read_all(&ctx, &viewer, "limit=100").await;
    assert_eq!(all, expected(|_| true), "every entry once, newest first");
    assert!(sizes.iter().all(|s| *s == 100 || *s == 0), "full pages: {sizes:?}");

    // The default page is 50 entries, the newest.
    let (_, first) = call_as(&ctx, Some(&viewer), "GET", "/api/admin/audit", None).await;
    let first: Vec<u64> =
        first["entries"].as_array().unwrap().iter().map(|e| e["after"]["i"].as_u64().unwrap()).collect();
    assert_eq!(first, (ENTRIES as u64 - 50..ENTRIES as u64).rev().collect::<Vec<_>>());

    // Filters, alone and together, page through the same way.
    let (by_user, _) = read_all(&ctx, &viewer, "limit=70&user=an.nguyen").await;
    assert_eq!(by_user, expected(|i| i % 3 == 1));
    let (by_action, _) = read_all(&ctx, &viewer, "limit=200&action=campaign.open").await;
    assert_eq!(by_action, expected(|i| i % 4 == 3));
    let (of_campaign, _) = read_all(&ctx, &viewer, "limit=90&campaign=van-ninh").await;
    assert_eq!(of_campaign, expected(|i| i % 5 == 0 && i % 4 != 2), "its actions and its units', not other units");
    // Day two in Việt Nam: entries 72 to 143 (three an hour).
    let (day_two, _) = read_all(&ctx, &viewer, "limit=25&from=2026-12-02&to=2026-12-02").await;
    assert_eq!(day_two, expected(|i| (72..144).contains(&i)));
    let (mixed, _) =
        read_all(&ctx, &viewer, "limit=7&from=2026-12-02&to=2026-12-03&user=binh.tran&action=unit.update").await;
    assert_eq!(mixed, expected(|i| (72..216).contains(&i) && i % 3 == 2 && i % 4 == 2));
    assert!(!mixed.is_empty());
    let (none, _) = read_all(&ctx, &viewer, "user=nobody").await;
    assert!(none.is_empty());

    // What the caller sent wrong is a 400 with its code; staff never read the log.
    for (query, code) in
        [("limit=0", "invalid_limit"), ("from=02/12/2026", "invalid_date"), ("cursor=abc", "invalid_cursor")]
    {
        let (status, body) = call_as(&ctx, Some(&viewer), "GET", &format!("/api/admin/audit?{query}"), None).await;
        assert_eq!((status, body["error"].as_str()), (400, Some(code)), "{query}");
    }
    let staff = login(&ctx, "demo-staff").await;
    assert_eq!(call_as(&ctx, Some(&staff), "GET", "/api/admin/audit", None).await.0, 403);
    let distinct: BTreeSet<usize> = all.into_iter().collect();
    assert_eq!(distinct.len(), ENTRIES);
}
