//! Whether one campaign at a sustained 100 responses a second keeps every DynamoDB partition key
//! well under its limit: a burst of responses spread over the campaign's units goes through
//! submit and the stream handler on a recording store, and what each key consumed per response
//! becomes a rate. DynamoDB Local reports capacity as DynamoDB bills it (item sizes, strong or
//! eventual reads, two units per transactional write), which is all this needs.

use hailong_functions::results::stream::LocalStream;
use hailong_functions::store::capacity::{CapacityRecorder, Used};
use hailong_tests::{dynamodb_endpoint, fresh_context, full_answers, submit_from};
use serde_json::json;
use std::sync::Arc;
use uuid::Uuid;

/// The rate the issue sizes for: one large campaign's peak.
const RESPONSES_PER_SECOND: f64 = 100.0;
/// DynamoDB's documented limits per partition key, per second.
const WCU_LIMIT: f64 = 1_000.0;
const RCU_LIMIT: f64 = 3_000.0;
/// Responses in the burst: every unit of the demo campaign gets several.
const BURST: usize = 300;

#[tokio::test]
async fn one_campaign_at_100_responses_a_second_keeps_every_key_under_half_its_limit() {
    let (mut ctx, campaign) = fresh_context().await;
    let recorder = Arc::new(CapacityRecorder::default());
    ctx.store = ctx.store.recording(recorder.clone());
    for i in 0..BURST {
        let unit = &campaign.units[i % campaign.units.len()];
        let questionnaire = campaign.questionnaire_for(unit.kind).unwrap().id.to_string();
        let body = json!({"id": Uuid::new_v4(), "campaign": campaign.id, "unit": unit.code, "channel": "qr",
            "answers": full_answers(&questionnaire)});
        // Every citizen on a device and network of their own, as a real burst arrives.
        let network = format!("10.{}.{}.{}", i / 65_536, (i / 256) % 256, i % 256);
        let (status, _, answer) = submit_from(&ctx, Some(&Uuid::new_v4().to_string()), &network, &[], &body).await;
        assert_eq!(status, 201, "{answer}");
    }
    let mut stream = LocalStream::open(&ctx, &dynamodb_endpoint()).await.unwrap();
    let mut seen = 0;
    for _ in 0..200 {
        seen += stream.poll(&ctx).await.unwrap();
        if seen >= BURST {
            break;
        }
    }
    assert!(seen >= BURST, "the stream delivered {seen} of {BURST} records");

    let used = recorder.take();
    let per_second = |u: f64| u / BURST as f64 * RESPONSES_PER_SECOND;
    let mut rates: Vec<(String, Used)> =
        used.into_iter().map(|(key, u)| (key, Used { read: per_second(u.read), write: per_second(u.write) })).collect();
    rates.sort_by(|a, b| (b.1.write + b.1.read / 3.0).total_cmp(&(a.1.write + a.1.read / 3.0)));
    assert!(rates.iter().any(|(k, u)| k.contains("AGG#") && u.write > 0.0), "the counting writes were recorded");
    println!("busiest partition keys at {RESPONSES_PER_SECOND} responses/s (WCU/s, RCU/s):");
    for (key, u) in rates.iter().take(8) {
        println!("  {:>8.1} {:>8.1}  {key}", u.write, u.read);
    }
    let over: Vec<&(String, Used)> =
        rates.iter().filter(|(_, u)| u.write > WCU_LIMIT / 2.0 || u.read > RCU_LIMIT / 2.0).collect();
    assert!(over.is_empty(), "keys above half their limit: {over:?}");
}
