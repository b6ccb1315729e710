//! Progress and flags a page of units at a time: a national campaign of 10,000 units is stored
//! and read back whole, its pages are bounded and their cursors visit every unit exactly once,
//! staff still see only their unit, and on the demo campaign the paged figures equal what the
//! whole campaign's responses give when counted here.

use hailong_domain::api::{Verification, VerificationStatus};
use hailong_domain::{Campaign, CampaignId, CampaignUnit, Response, SplitMix64, Submission, UnitCode};
use hailong_functions::Context;
use hailong_functions::auth::DEMO_STAFF_UNIT;
use hailong_functions::store::capacity::CapacityRecorder;
use hailong_tests::{call, call_as, campaign_id, count_all, fresh_context, full_answers, load_counted, login};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Instant;
use uuid::Uuid;

/// The national case's units.
const UNITS: usize = 10_000;

/// The demo campaign widened to `units` health stations and communes (the demo staff's station
/// among them), stored through the store as the console would.
async fn national(ctx: &Context, demo: &Campaign, units: usize) -> Campaign {
    let mut campaign = demo.clone();
    campaign.id = CampaignId::parse("quoc-gia").unwrap();
    campaign.units = (0..units)
        .map(|i| CampaignUnit {
            code: UnitCode::parse(&if i == units / 2 { DEMO_STAFF_UNIT.to_owned() } else { format!("don-vi-{i:05}") })
                .unwrap(),
            kind: demo.units[i % demo.units.len()].kind,
            quota: 100,
        })
        .collect();
    assert!(ctx.store.insert_campaign(&campaign).await.unwrap());
    campaign
}

/// `per_unit` responses to each of `units`, bulk-loaded as counted (responses, receipts, marks
/// and aggregates, as the stream leaves them), ten minutes apart and all with the same answers,
/// so that each unit has one group of identical sheets to flag.
async fn load(ctx: &Context, campaign: &Campaign, units: &[&CampaignUnit], per_unit: usize) {
    let now = hailong_functions::clock::now_ms();
    let submissions = units.iter().flat_map(|member| {
        let reference = campaign.questionnaire_for(member.kind).unwrap();
        (0..per_unit).map(move |k| {
            let body = json!({"id": Uuid::new_v4(), "campaign": campaign.id, "unit": member.code, "channel": "qr",
                "answers": full_answers(reference.id.as_str())});
            (serde_json::from_value::<Submission>(body).unwrap(), now - (per_unit - k) as i64 * 600_000)
        })
    });
    load_counted(ctx, campaign, submissions, &mut SplitMix64::new(10_000)).await;
}

/// Every page of `route` (`progress` or `flags`) of a campaign, following `next` from the first.
async fn walk(ctx: &Context, token: &str, campaign: &str, route: &str, limit: usize) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let after = cursor.as_deref().map_or(String::new(), |c| format!("&cursor={c}"));
        let path = format!("/api/admin/campaigns/{campaign}/{route}?limit={limit}{after}");
        let (status, page) = call_as(ctx, Some(token), "GET", &path, None).await;
        assert_eq!(status, 200, "{page}");
        cursor = page["next"].as_str().map(str::to_owned);
        pages.push(page);
        if cursor.is_none() {
            return pages;
        }
        assert!(pages.len() <= UNITS / limit, "the cursor must come to an end");
    }
}

fn codes(page: &Value) -> Vec<String> {
    page["units"].as_array().unwrap().iter().map(|u| u["code"].as_str().unwrap().to_owned()).collect()
}

/// In the suite: a campaign large enough to be stored in parts (more than 1,000 units), walked
/// page by page. Each page costs the same whatever the campaign's size (BENCHMARKS.md), so the
/// national size is left to the test below.
#[tokio::test(flavor = "multi_thread")]
async fn progress_and_flags_page_through_a_campaign_stored_in_parts() {
    pages_through(1_200).await;
}

/// The same at the national case's 10,000 units (~600 KB of units, over DynamoDB's 400 KB item
/// limit): a few minutes of pages. `cargo test -p hailong-tests --test unit_pages -- --ignored ten_thousand`.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "a scale check of a few minutes: 200 pages of 100 units"]
async fn progress_and_flags_page_through_ten_thousand_units() {
    pages_through(UNITS).await;
}

async fn pages_through(units: usize) {
    let (ctx, demo) = fresh_context().await;
    let campaign = national(&ctx, &demo, units).await;
    // The campaign's units, stored in parts, come back whole.
    assert_eq!(ctx.store.campaign(&campaign_id("quoc-gia")).await.unwrap().as_ref(), Some(&campaign));
    assert!(ctx.store.campaigns().await.unwrap().contains(&campaign));
    // Every 50th unit answered, three times each.
    let answered: Vec<&CampaignUnit> = campaign.units.iter().step_by(50).collect();
    load(&ctx, &campaign, &answered, 3).await;
    let answered: BTreeSet<String> = answered.iter().map(|u| u.code.to_string()).collect();
    // Re-verification records of a unit of the first page and of the last: each unit's progress
    // counts its own records only (read by its key prefix, never the campaign's partition).
    let record = |unit: &CampaignUnit, status| Verification {
        response: uuid::Uuid::new_v4(),
        unit: unit.code.clone(),
        seed: 1,
        status,
        note: String::new(),
        by: None,
        at: None,
    };
    let (early, late) = (&campaign.units[1], &campaign.units[units - 1]);
    let records = [
        record(early, VerificationStatus::Confirmed),
        record(early, VerificationStatus::Pending),
        record(late, VerificationStatus::Discrepancy),
    ];
    ctx.store.save_verifications(&campaign.id, &records).await.unwrap();
    let verified = |code: &str| match code {
        c if c == early.code.as_str() => json!({"sampled": 2, "confirmed": 1, "discrepancy": 0}),
        c if c == late.code.as_str() => json!({"sampled": 1, "confirmed": 0, "discrepancy": 1}),
        _ => json!({"sampled": 0, "confirmed": 0, "discrepancy": 0}),
    };
    let admin = login(&ctx, "demo-admin").await;

    let started = Instant::now();
    let pages = walk(&ctx, &admin, "quoc-gia", "progress", 100).await;
    let walked = started.elapsed();
    assert_eq!(pages.len(), units / 100);
    assert!(pages.iter().all(|p| codes(p).len() == 100), "every page is full and no larger than its limit");
    let visited: Vec<String> = pages.iter().flat_map(codes).collect();
    let all: Vec<String> = campaign.units.iter().map(|u| u.code.to_string()).collect();
    assert_eq!(visited, all, "every unit once, in the campaign's order");
    for unit in pages.iter().flat_map(|p| p["units"].as_array().unwrap().clone()) {
        let n = if answered.contains(unit["code"].as_str().unwrap()) { 3 } else { 0 };
        assert_eq!((unit["received"].as_u64(), unit["counted"].as_u64()), (Some(n), Some(n)), "{unit}");
        assert_eq!(unit["by_channel"], if n > 0 { json!({"qr": 3}) } else { json!({}) }, "{unit}");
        assert_eq!(unit["verification"], verified(unit["code"].as_str().unwrap()), "{unit}");
    }

    let pages = walk(&ctx, &admin, "quoc-gia", "flags", 100).await;
    assert_eq!(pages.len(), units / 100);
    let flagged: Vec<String> = pages
        .iter()
        .flat_map(|p| p["flags"].as_array().unwrap().clone())
        .map(|f| f["unit"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(flagged.iter().cloned().collect::<BTreeSet<_>>(), answered, "each answered unit's identical sheets");
    assert_eq!(flagged.len(), answered.len(), "each flagged once");
    println!("progress: {} pages of 100 units walked in {:.1} s", units / 100, walked.as_secs_f64());

    // Bounded: a page of one unit reads that unit's re-verification records alone, however many
    // the campaign holds (2,000 more of other units, ~300 KB: a read of the whole partition
    // would pay ~40 read units for them).
    let others: Vec<Verification> = campaign.units[2..]
        .iter()
        .take(1_000)
        .flat_map(|u| [record(u, VerificationStatus::Pending), record(u, VerificationStatus::Confirmed)])
        .collect();
    ctx.store.save_verifications(&campaign.id, &others).await.unwrap();
    let recorder = Arc::new(CapacityRecorder::default());
    let mut recording = ctx.clone();
    recording.store = ctx.store.recording(recorder.clone());
    let path = format!("/api/admin/campaigns/quoc-gia/progress?limit=1&cursor={}", campaign.units[0].code);
    let (status, page) = call_as(&recording, Some(&admin), "GET", &path, None).await;
    assert_eq!((status, codes(&page)), (200, vec![early.code.to_string()]), "{page}");
    assert_eq!(page["units"][0]["verification"], verified(early.code.as_str()));
    let read: f64 = recorder.take().iter().filter(|(key, _)| key.contains("VERIFY#")).map(|(_, u)| u.read).sum();
    assert!(read > 0.0 && read <= 1.0, "one unit's records cost {read} read units");

    // Staff: their own unit, on one page, however large the campaign.
    let staff = login(&ctx, "demo-staff").await;
    let (_, page) = call_as(&ctx, Some(&staff), "GET", "/api/admin/campaigns/quoc-gia/progress", None).await;
    assert_eq!((codes(&page), page["next"].clone()), (vec![DEMO_STAFF_UNIT.to_owned()], Value::Null));
    // Limits and cursors are checked: a page never grows past 100 units.
    for (query, code) in [("limit=101", "invalid_limit"), ("cursor=no-such-unit", "invalid_cursor")] {
        let (status, body) =
            call_as(&ctx, Some(&admin), "GET", &format!("/api/admin/campaigns/quoc-gia/progress?{query}"), None).await;
        assert_eq!((status, body["error"].as_str()), (400, Some(code)), "{body}");
    }
}

/// What the whole campaign's stored responses and exclusions give for one unit, counted here as
/// progress counted them before it was paged: (received, counted, excluded, by channel).
async fn whole_campaign_counts(ctx: &Context, campaign: &Campaign) -> BTreeMap<String, Value> {
    let excluded: BTreeSet<hailong_domain::ResponseId> =
        ctx.store.exclusions(&campaign.id).await.unwrap().into_iter().map(|e| e.response).collect();
    let mut counts = BTreeMap::new();
    for member in &campaign.units {
        let responses = ctx.store.unit_responses(&campaign.id, &member.code).await.unwrap();
        let counted: Vec<&Response> = responses.iter().filter(|r| !excluded.contains(&r.id)).collect();
        let mut by_channel: BTreeMap<String, u64> = BTreeMap::new();
        for r in &counted {
            *by_channel
                .entry(serde_json::to_value(r.source.channel()).unwrap().as_str().unwrap().to_owned())
                .or_default() += 1;
        }
        let figures = json!([responses.len(), counted.len(), responses.len() - counted.len(), by_channel]);
        counts.insert(member.code.to_string(), figures);
    }
    counts
}

#[tokio::test]
async fn paged_figures_equal_the_whole_campaign_computation() {
    let (ctx, demo) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let mut ids = Vec::new();
    for (i, member) in demo.units.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
        let reference = demo.questionnaire_for(member.kind).unwrap();
        for k in 0..=(i % 4) {
            let channel = if k % 2 == 0 { "qr" } else { "phone" };
            let mut body = json!({"id": Uuid::new_v4(), "campaign": "cam-ranh", "unit": member.code,
                "channel": channel, "answers": full_answers(reference.id.as_str())});
            ids.push(body["id"].as_str().unwrap().to_owned());
            let (status, answer) = if channel == "qr" {
                call(&ctx, "POST", "/api/responses", Some(body)).await
            } else {
                body["serial"] = Value::Null;
                call_as(&ctx, Some(&admin), "POST", "/api/admin/responses", Some(body)).await
            };
            assert_eq!(status, 201, "{answer}");
        }
    }
    count_all(&ctx).await;
    let exclude = format!("/api/admin/responses/{}/exclude", ids[0]);
    assert_eq!(call_as(&ctx, Some(&admin), "POST", &exclude, Some(json!({"reason": "invalid"}))).await.0, 200);

    let expected = whole_campaign_counts(&ctx, &demo).await;
    let pages = walk(&ctx, &admin, "cam-ranh", "progress", 7).await;
    assert_eq!(pages.len(), demo.units.len().div_ceil(7));
    let paged: BTreeMap<String, Value> = pages
        .iter()
        .flat_map(|p| p["units"].as_array().unwrap().clone())
        .map(|u| {
            (
                u["code"].as_str().unwrap().to_owned(),
                json!([u["received"], u["counted"], u["excluded"], u["by_channel"]]),
            )
        })
        .collect();
    assert_eq!(paged, expected);
    assert!(expected.values().any(|v| v[2] == 1), "one exclusion is in the figures");
    // Flags paged by seven units are those of the whole campaign in one page.
    let flags: Vec<Value> = walk(&ctx, &admin, "cam-ranh", "flags", 7)
        .await
        .iter()
        .flat_map(|p| p["flags"].as_array().unwrap().clone())
        .collect();
    let (_, whole) = call_as(&ctx, Some(&admin), "GET", "/api/admin/campaigns/cam-ranh/flags", None).await;
    assert_eq!(whole["next"], Value::Null, "the demo's 30 units are one page");
    assert_eq!(Value::from(flags), whole["flags"]);
    assert!(!whole["flags"].as_array().unwrap().is_empty(), "the identical sheets are flagged");
}

/// A benchmark, not a test: one page of progress and one of flags at 10,000 units, the page's
/// 100 units each holding `HAILONG_BENCH_PER_UNIT` responses (100: the national case's
/// 1,000,000 over 10,000), bulk-loaded; the first page (empty units) and the last (full ones)
/// timed, five times each. BENCHMARKS.md.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: pages of progress and flags of a 10,000-unit campaign on DynamoDB Local"]
async fn bench_unit_pages() {
    let per_unit = std::env::var("HAILONG_BENCH_PER_UNIT").ok().map_or(100, |v| v.parse().unwrap());
    let (ctx, demo) = fresh_context().await;
    let campaign = national(&ctx, &demo, UNITS).await;
    let last: Vec<&CampaignUnit> = campaign.units[UNITS - 100..].iter().collect();
    let loading = Instant::now();
    load(&ctx, &campaign, &last, per_unit).await;
    let loaded = loading.elapsed();
    let admin = login(&ctx, "demo-admin").await;
    let cursor = campaign.units[UNITS - 101].code.to_string();
    let mut table = format!(
        "bench_unit_pages: {UNITS} units, the last 100 with {per_unit} responses each (loaded in {:.1} s)\n\
         | page of 100 units | min / median / max |\n|---|---|\n",
        loaded.as_secs_f64()
    );
    for route in ["progress", "flags"] {
        for (which, after) in
            [("first (empty units)", String::new()), ("last (full units)", format!("&cursor={cursor}"))]
        {
            let path = format!("/api/admin/campaigns/quoc-gia/{route}?limit=100{after}");
            let mut times = Vec::new();
            for _ in 0..5 {
                let began = Instant::now();
                let (status, page) = call_as(&ctx, Some(&admin), "GET", &path, None).await;
                times.push(began.elapsed().as_secs_f64() * 1000.0);
                assert_eq!(status, 200, "{page}");
            }
            times.sort_by(f64::total_cmp);
            table += &format!("| {route}, {which} | {:.0} / {:.0} / {:.0} ms |\n", times[0], times[2], times[4]);
        }
    }
    println!("{table}");
}
