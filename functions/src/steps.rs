//! The one worker of long work: publishing (`results::job`), exports (`export`) and previews
//! (`results::preview`) all cut it
//! into steps sent as JSON messages through [`JobQueue`], and this module hands each delivered
//! step to its kind. In AWS the `publish` function takes them from SQS ([`handle_sqs`]); locally
//! and in the tests a task of the same process does ([`in_process`]).

use crate::context::Context;
use crate::error::ApiError;
use crate::export;
use crate::queue::{ATTEMPTS, JobQueue};
use crate::results::{job, preview};
use aws_lambda_events::sqs::{SqsBatchResponse, SqsEvent};
use serde::Deserialize;
use std::sync::Arc;

/// A step of any kind; each kind's messages carry their own tag (`step`, `export`, `preview`),
/// so a message reads as exactly one of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Step {
    Publish(job::Step),
    Export(export::Step),
    Preview(preview::Step),
}

/// Runs one delivered step. An `Err` is worth another delivery; each kind fails its job itself
/// on the last one.
pub async fn deliver(ctx: &Context, message: &str, attempt: u32) -> Result<(), ApiError> {
    let step: Step = serde_json::from_str(message)
        .map_err(|e| ApiError::bad_request("invalid_step", format!("not a step of a job: {e} in {message}")))?;
    match step {
        Step::Publish(step) => job::deliver(ctx, &step, attempt).await,
        Step::Export(step) => export::deliver(ctx, &step, attempt).await,
        Step::Preview(step) => preview::deliver(ctx, &step, attempt).await,
    }
}

/// The `publish` Lambda function's handler: each SQS record is one step; those that fail are
/// handed back for another delivery (`ReportBatchItemFailures`).
pub async fn handle_sqs(ctx: &Context, event: SqsEvent) -> SqsBatchResponse {
    let mut answer = SqsBatchResponse::default();
    for record in event.records {
        let attempt = record.attributes.get("ApproximateReceiveCount").and_then(|n| n.parse().ok()).unwrap_or(1);
        let body = record.body.as_deref().unwrap_or_default();
        if deliver(ctx, body, attempt).await.is_err() {
            answer.add_failure(record.message_id.unwrap_or_default());
        }
    }
    answer
}

/// The same steps in this process: the local stack's, the tests' and a Lambda's without a
/// queue. At most four steps at once, each retried as SQS would deliver it again.
pub fn in_process(mut ctx: Context) -> Context {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    ctx.jobs = JobQueue::InProcess(tx);
    let worker = ctx.clone();
    let slots = Arc::new(tokio::sync::Semaphore::new(4));
    tokio::spawn(async move {
        while let Some(message) = rx.recv().await {
            let permit = Arc::clone(&slots).acquire_owned().await.expect("never closed");
            let ctx = worker.clone();
            tokio::spawn(async move {
                for attempt in 1..=ATTEMPTS {
                    if deliver(&ctx, &message, attempt).await.is_ok() {
                        break;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(200 * u64::from(attempt))).await;
                }
                drop(permit);
            });
        }
    });
    ctx
}

/// The context as it is when it names a queue; otherwise with the steps run [`in_process`].
pub fn unless_queued(ctx: Context) -> Context {
    if matches!(ctx.jobs, JobQueue::Unset) { in_process(ctx) } else { ctx }
}
