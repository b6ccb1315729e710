//! Aggregation from the real DynamoDB Local stream, exclusion, publishing, and receipts that prove
//! they were counted.

use hailong_domain::results::{Aggregate, verify_hex};
use hailong_functions::results::stream::LocalStream;
use hailong_tests::{call, call_as, dynamodb_endpoint, fresh_context, full_answers, login};
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
    let stored = ctx.store.unit_responses("cam-ranh", UNIT).await.unwrap();
    let q = hailong_domain::catalogue::template("moh-outpatient").unwrap();
    let mut recompute = Aggregate::new(&q).unwrap();
    for r in stored.iter().filter(|r| r.id.to_string() != ids[0]) {
        recompute.add(r).unwrap();
    }
    let running = ctx.store.aggregates("cam-ranh").await.unwrap();
    assert_eq!(running.len(), 1);
    assert_eq!(running[0].1, recompute);

    assert_eq!(
        call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/cam-ranh/publish", None).await.0,
        409,
        "close first"
    );
    call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/cam-ranh/close", None).await;
    let (status, snapshot) = call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/cam-ranh/publish", None).await;
    assert_eq!(status, 201, "{snapshot}");
    let unit = snapshot["units"].as_array().unwrap().iter().find(|u| u["code"] == UNIT).unwrap();
    assert_eq!(unit["n"], 7);
    assert_eq!(unit["suppressed"], true, "fewer than 30 counted responses");
    assert_eq!(snapshot["excluded"], json!({"invalid": 1}));

    let (status, public) = call(&ctx, "GET", "/api/results/cam-ranh", None).await;
    assert_eq!((status, public["version"].as_u64()), (200, Some(1)));
    let digest = public["digest"].as_str().unwrap().to_owned();
    let (_, counted) = call(&ctx, "GET", &format!("/api/receipts/{}", receipts[1]), None).await;
    let proof: hailong_domain::results::Proof = serde_json::from_value(counted["counted"]["proof"].clone()).unwrap();
    assert!(verify_hex(counted["counted"]["leaf"].as_str().unwrap(), &proof, &digest));
    let (_, excluded) = call(&ctx, "GET", &format!("/api/receipts/{}", receipts[0]), None).await;
    assert!(excluded.get("counted").is_none());
    assert_eq!(excluded["excluded"]["reason"], "invalid");

    assert_eq!(
        call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/cam-ranh/publish", None).await.0,
        400,
        "a second version needs a reason"
    );
    let (status, v2) = call_as(
        &ctx,
        Some(&admin),
        "POST",
        "/api/admin/campaigns/cam-ranh/publish",
        Some(json!({"reason": "Sửa lỗi nhập liệu"})),
    )
    .await;
    assert_eq!((status, v2["version"].as_u64()), (201, Some(2)));
    assert_eq!(
        call(&ctx, "GET", "/api/results/cam-ranh?version=1", None).await.1["version"],
        1,
        "old versions stay readable"
    );
    let (_, list) = call(&ctx, "GET", "/api/results", None).await;
    assert_eq!(list[0]["versions"].as_array().unwrap().len(), 2);
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
    let (_, all) = call_as(&ctx, Some(&admin), "GET", "/api/admin/campaigns/cam-ranh/preview", None).await;
    assert_eq!(moh_n(&all), Some(8), "{all}");
    let (status, own) = call_as(&ctx, Some(&staff), "GET", "/api/admin/campaigns/cam-ranh/preview", None).await;
    assert_eq!(status, 200, "{own}");
    let units: Vec<&str> = own["units"].as_array().unwrap().iter().map(|u| u["code"].as_str().unwrap()).collect();
    assert_eq!(units, [staff_unit]);
    assert_eq!(moh_n(&own), Some(3), "the overall figures are of the staff's unit alone: {own}");
}
