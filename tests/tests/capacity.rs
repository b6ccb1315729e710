//! Counting scales: a burst of responses into one unit of one campaign is counted through the
//! real stream code on DynamoDB Local, every DynamoDB call's consumed capacity recorded by
//! partition key (`store/capacity.rs`), and the cost per response turned into each key's rate at
//! a sustained 100 responses a second. No key may take more than half of what DynamoDB allows one
//! partition (1,000 write and 3,000 read units a second), and every response counts exactly once.

use hailong_domain::{Receipt, Response};
use hailong_functions::results::{aggregation, stream::LocalStream};
use hailong_functions::store::{CapacityRecorder, Mark};
use hailong_tests::{dynamodb_endpoint, fresh_context, full_answers};
use std::sync::Arc;

/// Responses in the burst, all into one unit: the worst case for a unit-keyed scheme.
const BURST: usize = 400;
const RATE: f64 = 100.0;
const WRITE_LIMIT: f64 = 1_000.0;
const READ_LIMIT: f64 = 3_000.0;

fn response(campaign: &hailong_domain::Campaign, unit: &str, i: usize) -> Response {
    let member = campaign.units.iter().find(|u| u.code.as_str() == unit).expect("a unit of the demo");
    let questionnaire = campaign.questionnaire_for(member.kind).expect("planned").clone();
    let mut answers = full_answers(questionnaire.id.as_str());
    // Some spread, so the aggregate is as large as a real one.
    for (n, value) in answers.values_mut().enumerate() {
        if value.is_i64() && value.as_i64() == Some(4) {
            *value = serde_json::json!(1 + (i + n) % 5);
        }
    }
    serde_json::from_value(serde_json::json!({
        "id": uuid::Uuid::new_v4(),
        "campaign": campaign.id,
        "unit": unit,
        "questionnaire": questionnaire,
        "channel": "qr",
        "answers": answers,
        "comment": "Nhân viên hướng dẫn tận tình.",
        "received_at_ms": 1_764_000_000_000_i64 + i as i64,
    }))
    .expect("a valid response")
}

async fn counted(ctx: &hailong_functions::Context, campaign: &str) -> u64 {
    ctx.store.aggregates(campaign).await.unwrap().iter().map(|(_, a)| a.n()).sum()
}

#[tokio::test]
async fn no_partition_key_takes_half_its_limit_at_100_responses_a_second_and_each_counts_once() {
    let (ctx, campaign) = fresh_context().await;
    let unit = "tyt-cam-nghia";
    let responses: Vec<Response> = (0..BURST).map(|i| response(&campaign, unit, i)).collect();
    let rows: Vec<(Response, String, Receipt)> =
        responses.iter().map(|r| (r.clone(), format!("fp-{}", r.id), ctx.new_receipt())).collect();
    ctx.store.load_responses(&rows).await.unwrap();

    // Everything the counting does from here on goes through the recording store.
    let recorder = Arc::new(CapacityRecorder::default());
    let mut recording = ctx.clone();
    recording.store = ctx.store.recording(Arc::clone(&recorder));
    let mut stream = LocalStream::open(&recording, &dynamodb_endpoint()).await.unwrap();
    let mut handled = 0;
    for _ in 0..200 {
        handled += stream.poll(&recording).await.unwrap();
        if handled >= BURST {
            break;
        }
    }
    assert_eq!(handled, BURST, "the stream delivered every insert");
    assert_eq!(counted(&ctx, campaign.id.as_str()).await, BURST as u64);

    let keys = recorder.keys();
    assert!(recorder.calls() >= 3 * BURST as u64, "every count reads its mark and aggregate and commits");
    let mut rates: Vec<(f64, f64, String)> = keys
        .iter()
        .map(|((_, pk), used)| (used.write / BURST as f64 * RATE, used.read / BURST as f64 * RATE, pk.clone()))
        .collect();
    rates.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("write/s  read/s   partition key (at {RATE} responses/s into one unit)");
    for (w, r, pk) in &rates {
        println!("{w:8.1} {r:8.1}   {pk}");
    }
    let shards = usize::from(hailong_domain::shard::COUNT_SHARDS);
    let aggregate_keys = rates.iter().filter(|(_, _, pk)| pk.starts_with("AGG#")).count();
    assert_eq!(aggregate_keys, shards, "the unit's aggregate is spread over every shard");
    for (w, r, pk) in &rates {
        assert!(*w < WRITE_LIMIT / 2.0, "{pk} takes {w:.0} write units a second");
        assert!(*r < READ_LIMIT / 2.0, "{pk} takes {r:.0} read units a second");
    }
    // Multi-key calls (the transactions) are shared out by item size, but their totals are
    // DynamoDB's own figures: every one of them reported its capacity.
    let priced = recorder.priced();
    assert!(priced.len() >= BURST, "a transaction per count");
    assert!(priced.iter().all(|p| p.reported.is_some_and(|r| r >= p.estimated)), "{priced:?}");

    // Delivered again from the start of the stream: nothing counts twice.
    let mut again = LocalStream::open(&recording, &dynamodb_endpoint()).await.unwrap();
    let mut redelivered = 0;
    for _ in 0..200 {
        redelivered += again.poll(&recording).await.unwrap();
        if redelivered >= BURST {
            break;
        }
    }
    assert_eq!(redelivered, BURST);
    assert_eq!(counted(&ctx, campaign.id.as_str()).await, BURST as u64, "a redelivered record counts once");

    // An exclusion takes one out of its own shard, once.
    let excluded = &responses[7];
    aggregation::uncount(&ctx, excluded).await.unwrap();
    aggregation::uncount(&ctx, excluded).await.unwrap();
    aggregation::count(&ctx, excluded).await.unwrap();
    assert_eq!(counted(&ctx, campaign.id.as_str()).await, BURST as u64 - 1);
    let marks = ctx.store.unit_marks(campaign.id.as_str(), unit).await.unwrap();
    assert_eq!(marks.len(), BURST);
    assert_eq!(marks[&excluded.id.to_string()], Mark::Excluded);
    assert_eq!(ctx.store.marks(campaign.id.as_str()).await.unwrap(), marks);
}
