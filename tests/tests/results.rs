//! Aggregation from the real DynamoDB Local stream, exclusion, publishing, and receipts that prove
//! they were counted.

use hailong_domain::results::Aggregate;
use hailong_functions::results::stream::LocalStream;
use hailong_tests::{
    call, call_as, campaign_id, dynamodb_endpoint, fresh_context, full_answers, login, preview, publish, unit_code,
    verified_receipt,
};
use serde_json::json;
use uuid::Uuid;

const UNIT: &str = "tyt-cam-lap";

#[tokio::test]
async fn counted_responses_are_published_with_figures_equal_to_a_recompute_and_receipts_prove_it() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let mut receipts = Vec::new();
    let mut ids = Vec::new();
    for i in 0..8 {
        let mut answers = full_answers("moh-outpatient");
        answers.insert("a1".into(), json!(1 + i % 5));
        let body =
            json!({"id": Uuid::new_v4(), "campaign": "cam-ranh", "unit": UNIT, "channel": "qr", "answers": answers});
        let (status, ok) = call(&ctx, "POST", "/api/responses", Some(body.clone())).await;
        assert_eq!(status, 201);
        receipts.push(ok["receipt"].as_str().unwrap().to_owned());
        ids.push(body["id"].as_str().unwrap().to_owned());
    }
    // The stream, read twice: a redelivered record counts once.
    let mut stream = LocalStream::open(&ctx, &dynamodb_endpoint()).await.unwrap();
    assert!(stream.poll(&ctx).await.unwrap() >= 8);
    let mut again = LocalStream::open(&ctx, &dynamodb_endpoint()).await.unwrap();
    assert!(again.poll(&ctx).await.unwrap() >= 8, "the second reader is handed the same records again");

    let (status, _) = call_as(
        &ctx,
        Some(&admin),
        "POST",
        &format!("/api/admin/responses/{}/exclude", ids[0]),
        Some(json!({"reason": "invalid"})),
    )
    .await;
    assert_eq!(status, 200);

    // The running aggregate equals a full recompute over the stored, counted responses.
    let stored = ctx.store.unit_responses(&campaign_id("cam-ranh"), &unit_code(UNIT)).await.unwrap();
    let q = hailong_domain::catalogue::template("moh-outpatient").unwrap();
    let mut recompute = Aggregate::new(&q).unwrap();
    for r in stored.iter().filter(|r| r.id.to_string() != ids[0]) {
        recompute.add(r).unwrap();
    }
    let running = ctx.store.aggregates(&hailong_domain::CampaignId::parse("cam-ranh").unwrap()).await.unwrap();
    assert_eq!(running.len(), 1);
    assert_eq!(running[0].1, recompute);

    // The preview, a job read in pages of 7 of the 30 units, says what publishing then publishes.
    let (previewed, pages) = preview(&ctx, &admin, "cam-ranh", 7).await;
    assert_eq!(pages, 5);
    assert_eq!(publish(&ctx, &admin, "cam-ranh", None).await.unwrap_err().0, 409, "close first");
    call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/cam-ranh/close", None).await;
    let snapshot = publish(&ctx, &admin, "cam-ranh", None).await.expect("published");
    for part in ["units", "overall", "excluded", "target_pct", "min_responses"] {
        assert_eq!(previewed[part], snapshot[part], "the preview's {part} are the published ones");
    }
    assert_eq!((previewed["version"].as_u64(), previewed["digest"].as_str()), (Some(0), Some("")));
    let unit = snapshot["units"].as_array().unwrap().iter().find(|u| u["code"] == UNIT).unwrap();
    assert_eq!(unit["n"], 7);
    assert_eq!(unit["suppressed"], true, "fewer than 30 counted responses");
    assert_eq!(snapshot["excluded"], json!({"invalid": 1}));

    let (status, public) = call(&ctx, "GET", "/api/results/cam-ranh", None).await;
    assert_eq!((status, public["version"].as_u64()), (200, Some(1)));
    assert_eq!(verified_receipt(&ctx, &receipts[1]).await, Some(1), "a counted receipt checks");
    let (_, excluded) = call(&ctx, "GET", &format!("/api/receipts/{}", receipts[0]), None).await;
    assert!(excluded.get("counted_in").is_none());
    assert_eq!(excluded["excluded"]["reason"], "invalid");
    assert_eq!(verified_receipt(&ctx, &receipts[0]).await, None, "an excluded receipt does not");

    assert_eq!(publish(&ctx, &admin, "cam-ranh", None).await.unwrap_err().0, 400, "a second version needs a reason");

    // An exclusion after publishing, then a new version: the receipt no longer checks against
    // the latest digest (it still does against version 1, which stays as it was).
    let (status, _) = call_as(
        &ctx,
        Some(&admin),
        "POST",
        &format!("/api/admin/responses/{}/exclude", ids[1]),
        Some(json!({"reason": "fraud"})),
    )
    .await;
    assert_eq!(status, 200);
    let v2 = publish(&ctx, &admin, "cam-ranh", Some(json!({"reason": "Sửa lỗi nhập liệu"}))).await.expect("v2");
    assert_eq!(v2["version"].as_u64(), Some(2));
    assert_eq!(v2["units"].as_array().unwrap().iter().find(|u| u["code"] == UNIT).unwrap()["n"], 6);
    assert_eq!(verified_receipt(&ctx, &receipts[1]).await, None, "excluded after v1: not counted in v2");
    assert_eq!(verified_receipt(&ctx, &receipts[2]).await, Some(2));
    let (_, view) = call(&ctx, "GET", &format!("/api/receipts/{}", receipts[2]), None).await;
    assert_eq!(view["counted_in"], 2, "the server finds it in the latest leaves file too");
    assert_eq!(
        call(&ctx, "GET", "/api/results/cam-ranh?version=1", None).await.1["version"],
        1,
        "old versions stay readable"
    );
    let (_, list) = call(&ctx, "GET", "/api/results", None).await;
    assert_eq!(list[0]["versions"].as_array().unwrap().len(), 2);
    assert_ne!(list[0]["versions"][0]["digest"], list[0]["versions"][1]["digest"]);
}

/// Staff read the preview of their own units only, and its overall figures are of those units:
/// the province's unpublished figures are not theirs to read.
#[tokio::test]
async fn the_staff_preview_is_of_their_units_overall_included() {
    let (ctx, _) = fresh_context().await;
    let staff_unit = hailong_functions::auth::DEMO_STAFF_UNIT;
    for (unit, count) in [(staff_unit, 3), (UNIT, 5)] {
        for _ in 0..count {
            let answers = full_answers("moh-outpatient");
            let body = json!({"id": Uuid::new_v4(), "campaign": "cam-ranh", "unit": unit, "channel": "qr", "answers": answers});
            assert_eq!(call(&ctx, "POST", "/api/responses", Some(body)).await.0, 201);
        }
    }
    let mut stream = LocalStream::open(&ctx, &dynamodb_endpoint()).await.unwrap();
    assert!(stream.poll(&ctx).await.unwrap() >= 8);
    let moh_n = |preview: &serde_json::Value| {
        let overall = preview["overall"].as_array().unwrap();
        overall.iter().find(|o| o["questionnaire"]["id"] == "moh-outpatient").map(|o| o["n"].as_u64().unwrap())
    };
    let (admin, staff) = (login(&ctx, "demo-admin").await, login(&ctx, "demo-staff").await);
    let (all, _) = preview(&ctx, &admin, "cam-ranh", 50).await;
    assert_eq!(moh_n(&all), Some(8), "{all}");
    let (own, pages) = preview(&ctx, &staff, "cam-ranh", 50).await;
    let units: Vec<&str> = own["units"].as_array().unwrap().iter().map(|u| u["code"].as_str().unwrap()).collect();
    assert_eq!((units, pages), (vec![staff_unit], 1));
    assert_eq!(moh_n(&own), Some(3), "the overall figures are of the staff's unit alone: {own}");

    // A preview is its requester's: another caller is told there is none, and pages are bounded.
    let (status, job) = call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/cam-ranh/preview", None).await;
    assert_eq!(status, 202, "{job}");
    let path = format!("/api/admin/campaigns/cam-ranh/preview/{}", job["job"].as_str().unwrap());
    assert_eq!(call_as(&ctx, Some(&staff), "GET", &path, None).await.0, 404);
    for (query, code) in [("limit=101", "invalid_limit"), ("cursor=x", "invalid_cursor")] {
        let (status, body) = call_as(&ctx, Some(&admin), "GET", &format!("{path}?{query}"), None).await;
        assert_eq!((status, body["error"].as_str()), (400, Some(code)), "{body}");
    }
}
