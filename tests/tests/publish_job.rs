//! Publishing as a job, step by step, on DynamoDB Local: the steps handed over by hand as SQS
//! would hand them to the `publish` function, delivered twice, failing, or racing an exclusion.

use hailong_domain::api::{JobFailure, JobState};
use hailong_functions::Context;
use hailong_functions::queue::ATTEMPTS;
use hailong_functions::queue::JobQueue;
use hailong_functions::snapshots::SnapshotStore;
use hailong_functions::steps;
use hailong_tests::{
    call, call_as, campaign_id, count_all, fresh_context, full_answers, login, publish, verified_receipt,
};
use serde_json::{Value, json};
use tokio::sync::mpsc::UnboundedReceiver;
use uuid::Uuid;

const UNIT: &str = "tyt-cam-lap";

/// A context whose queue is this test's to read, and `n` responses sent to `UNIT`, their ids.
async fn held_queue(n: usize) -> (Context, UnboundedReceiver<String>, String, Vec<String>) {
    let (mut ctx, _) = fresh_context().await;
    let (queue, queued) = tokio::sync::mpsc::unbounded_channel();
    ctx.jobs = JobQueue::InProcess(queue);
    let admin = login(&ctx, "demo-admin").await;
    let mut ids = Vec::new();
    for _ in 0..n {
        let id = Uuid::new_v4().to_string();
        let body = json!({"id": id, "campaign": "cam-ranh", "unit": UNIT, "channel": "qr",
            "answers": full_answers("moh-outpatient")});
        assert_eq!(call(&ctx, "POST", "/api/responses", Some(body)).await.0, 201);
        ids.push(id);
    }
    (ctx, queued, admin, ids)
}

async fn start(ctx: &Context, admin: &str) -> Value {
    assert_eq!(call_as(ctx, Some(admin), "POST", "/api/admin/campaigns/cam-ranh/close", None).await.0, 200);
    let (status, job) = call_as(ctx, Some(admin), "POST", "/api/admin/campaigns/cam-ranh/publish", None).await;
    assert_eq!(status, 202, "{job}");
    job
}

fn drain(queued: &mut UnboundedReceiver<String>) -> Vec<String> {
    std::iter::from_fn(|| queued.try_recv().ok()).collect()
}

/// Delivers every queued step, and every step those make, each `times` times; answers how many
/// deliveries were made.
async fn run_all(ctx: &Context, queued: &mut UnboundedReceiver<String>, times: usize) -> usize {
    let mut delivered = 0;
    loop {
        let steps = drain(queued);
        if steps.is_empty() {
            return delivered;
        }
        for step in steps {
            for _ in 0..times {
                steps::deliver(ctx, &step, 1).await.unwrap();
                delivered += 1;
            }
        }
    }
}

async fn job_state(ctx: &Context, job: &Value) -> hailong_functions::store::StoredJob {
    ctx.store.job(&campaign_id("cam-ranh"), job["job"].as_str().unwrap()).await.unwrap().expect("the job is stored")
}

#[tokio::test]
async fn the_request_only_starts_the_job_and_every_step_delivered_twice_publishes_once() {
    let (ctx, mut queued, admin, _) = held_queue(5).await;
    count_all(&ctx).await;
    let job = start(&ctx, &admin).await;
    // Nothing is hashed inside the request: the job waits for its steps.
    assert_eq!((job["units_done"].as_u64(), job["responses_hashed"].as_u64()), (Some(0), Some(0)));
    let (status, again) = call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/cam-ranh/publish", None).await;
    assert_eq!((status, again["error"].as_str()), (409, Some("publish_busy")), "one job per version: {again}");
    let (_, list) = call(&ctx, "GET", "/api/results", None).await;
    assert!(list.as_array().unwrap().is_empty(), "nothing is public before the job is done: {list}");

    let delivered = run_all(&ctx, &mut queued, 2).await;
    let done = job_state(&ctx, &job).await;
    assert_eq!(done.record.state, JobState::Done, "{:?}", done.record);
    let units = ctx.store.campaign(&campaign_id("cam-ranh")).await.unwrap().unwrap().units.len() as u32;
    assert_eq!((done.units_done, done.responses_hashed), (units, 5), "steps counted once");
    assert!(delivered >= 2 * (1 + done.record.steps_total as usize + 1), "{delivered} deliveries");
    let (_, list) = call(&ctx, "GET", "/api/results", None).await;
    assert_eq!(list[0]["versions"].as_array().unwrap().len(), 1, "{list}");
    let (status, view) = call_as(
        &ctx,
        Some(&admin),
        "GET",
        &format!("/api/admin/campaigns/cam-ranh/publish/{}", job["job"].as_str().unwrap()),
        None,
    )
    .await;
    assert_eq!(
        (status, view["state"].as_str(), &view["digest"]),
        (200, Some("done"), &list[0]["versions"][0]["digest"])
    );
    let (_, snapshot) = call(&ctx, "GET", "/api/results/cam-ranh", None).await;
    assert_eq!(snapshot["units"].as_array().unwrap().iter().find(|u| u["code"] == UNIT).unwrap()["n"], 5);
}

#[tokio::test]
async fn responses_stored_but_not_counted_fail_the_job_in_words_and_free_the_version() {
    let (ctx, mut queued, admin, _) = held_queue(4).await;
    // The stream has delivered none of them: stored, not counted.
    let job = start(&ctx, &admin).await;
    run_all(&ctx, &mut queued, 1).await;
    let failed = job_state(&ctx, &job).await;
    assert_eq!(failed.record.state, JobState::Failed);
    assert_eq!(
        failed.record.failure,
        Some(JobFailure::NotFullyCounted {
            stored: 4,
            counted: 0,
            units: vec![hailong_domain::UnitCode::parse(UNIT).unwrap()]
        })
    );
    let (_, list) = call(&ctx, "GET", "/api/results", None).await;
    assert!(list.as_array().unwrap().is_empty(), "nothing published: {list}");

    // Once the stream catches up, the same version number is free for the next job.
    count_all(&ctx).await;
    let (status, job) = call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/cam-ranh/publish", None).await;
    assert_eq!((status, job["version"].as_u64()), (202, Some(1)), "{job}");
    run_all(&ctx, &mut queued, 1).await;
    assert_eq!(job_state(&ctx, &job).await.record.state, JobState::Done);
}

#[tokio::test]
async fn an_exclusion_made_while_the_job_runs_is_never_half_in() {
    let (ctx, mut queued, admin, ids) = held_queue(3).await;
    count_all(&ctx).await;
    let job = start(&ctx, &admin).await;
    // The plan runs, then an exclusion lands before the hash steps.
    let plan = drain(&mut queued);
    steps::deliver(&ctx, &plan[0], 1).await.unwrap();
    let path = format!("/api/admin/responses/{}/exclude", ids[0]);
    assert_eq!(call_as(&ctx, Some(&admin), "POST", &path, Some(json!({"reason": "fraud"}))).await.0, 200);
    count_all(&ctx).await;
    run_all(&ctx, &mut queued, 1).await;
    let failed = job_state(&ctx, &job).await;
    assert_eq!((failed.record.state, failed.record.failure), (JobState::Failed, Some(JobFailure::ExclusionsChanged)));

    // Published again, the exclusion is wholly out: figures and digest both leave it out.
    drop(queued);
    let ctx = steps::in_process(ctx);
    let snapshot = publish(&ctx, &admin, "cam-ranh", None).await.expect("published");
    assert_eq!(snapshot["units"].as_array().unwrap().iter().find(|u| u["code"] == UNIT).unwrap()["n"], 2);
    assert_eq!(snapshot["excluded"], json!({"fraud": 1}));
}

#[tokio::test]
async fn a_step_that_fails_every_delivery_fails_its_job_and_says_which() {
    let (mut ctx, mut queued, admin, _) = held_queue(2).await;
    count_all(&ctx).await;
    // Published files cannot be written: a file stands where their folder should be.
    let blocked = std::env::temp_dir().join(format!("blocked-{}", Uuid::new_v4().simple()));
    std::fs::write(&blocked, b"not a folder").unwrap();
    ctx.snapshots = SnapshotStore::Folder(blocked.clone());
    let job = start(&ctx, &admin).await;
    let plan = drain(&mut queued);
    steps::deliver(&ctx, &plan[0], 1).await.unwrap();
    let hash = drain(&mut queued).remove(0);
    for attempt in 1..ATTEMPTS {
        assert!(steps::deliver(&ctx, &hash, attempt).await.is_err(), "handed back for another delivery");
        assert_eq!(job_state(&ctx, &job).await.record.state, JobState::Running);
    }
    assert!(steps::deliver(&ctx, &hash, ATTEMPTS).await.is_ok(), "the last delivery ends the job instead");
    let failed = job_state(&ctx, &job).await;
    match failed.record.failure {
        Some(JobFailure::StepFailed { step, message }) => {
            assert_eq!(step, "hash 0");
            assert!(message.contains(&blocked.display().to_string()), "{message}");
        }
        other => panic!("expected a failed step, got {other:?}"),
    }
    std::fs::remove_file(blocked).unwrap();
}

#[tokio::test]
async fn receipts_check_against_the_unit_leaves_and_roots_of_the_latest_version() {
    let (ctx, _, admin, _) = held_queue(0).await;
    let ctx = steps::in_process(ctx);
    let mut receipts = Vec::new();
    for _ in 0..3 {
        let body = json!({"id": Uuid::new_v4(), "campaign": "cam-ranh", "unit": UNIT, "channel": "qr",
            "answers": full_answers("moh-outpatient")});
        let (_, ok) = call(&ctx, "POST", "/api/responses", Some(body)).await;
        receipts.push(ok["receipt"].as_str().unwrap().to_owned());
    }
    count_all(&ctx).await;
    assert_eq!(verified_receipt(&ctx, &receipts[0]).await, None, "nothing published yet");
    call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/cam-ranh/close", None).await;
    publish(&ctx, &admin, "cam-ranh", None).await.expect("published");
    for r in &receipts {
        assert_eq!(verified_receipt(&ctx, r).await, Some(1));
    }
    // Every unit has its leaves file, an empty one too, and the roots file lists them all.
    let (_, roots) = call(&ctx, "GET", "/api/results/cam-ranh/roots", None).await;
    let units = roots["units"].as_array().unwrap();
    assert_eq!(units.len(), ctx.store.campaign(&campaign_id("cam-ranh")).await.unwrap().unwrap().units.len());
    assert_eq!(units.iter().map(|u| u["n"].as_u64().unwrap()).sum::<u64>(), 3);
    let (status, _) = call(&ctx, "GET", "/api/results/cam-ranh/units/nowhere/leaves", None).await;
    assert_eq!(status, 404);
    let (status, _) = call(&ctx, "GET", "/api/results/cam-ranh/roots?version=2", None).await;
    assert_eq!(status, 404, "a version not published is not readable");
}
