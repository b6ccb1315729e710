//! Where the steps of long work go: an SQS queue in AWS (the `publish` function takes them from
//! it), a channel read by a task of the same process locally, so that the same step code runs
//! in both. Messages are JSON text; what they mean is the job's (`steps`).

use crate::aws::Aws;
use crate::store::StoreError;
use std::sync::OnceLock;
use tokio::sync::mpsc::UnboundedSender;

/// Deliveries of a step before its job is failed: the queue's `maxReceiveCount`.
pub const ATTEMPTS: u32 = 3;

#[derive(Debug, Clone)]
pub enum JobQueue {
    /// `HAILONG_PUBLISH_QUEUE`: the queue's URL. The client is made on first use.
    Sqs { aws: Aws, url: String, client: OnceLock<aws_sdk_sqs::Client> },
    /// Read by the worker `steps::in_process` started.
    InProcess(UnboundedSender<String>),
    /// No runner was set up: sending says so rather than dropping the work.
    Unset,
}

impl JobQueue {
    /// Each message is sent on its own: a step is a few hundred bytes, and a failure names
    /// the message that did not go.
    pub async fn send(&self, messages: &[String]) -> Result<(), StoreError> {
        match self {
            JobQueue::Sqs { aws, url, client } => {
                let client = client.get_or_init(|| aws.sqs());
                for chunk in messages.chunks(10) {
                    let entries = chunk.iter().enumerate().map(|(i, body)| {
                        aws_sdk_sqs::types::SendMessageBatchRequestEntry::builder()
                            .id(i.to_string())
                            .message_body(body)
                            .build()
                            .expect("id and body are set")
                    });
                    let out = client
                        .send_message_batch()
                        .queue_url(url)
                        .set_entries(Some(entries.collect()))
                        .send()
                        .await
                        .map_err(|e| StoreError::Dynamo(format!("SQS send: {e:?}")))?;
                    if let Some(failed) = out.failed().first() {
                        return Err(StoreError::Dynamo(format!("SQS refused a step: {failed:?}")));
                    }
                }
                Ok(())
            }
            JobQueue::InProcess(tx) => {
                for body in messages {
                    tx.send(body.clone()).map_err(|_| StoreError::Dynamo("the local job worker stopped".into()))?;
                }
                Ok(())
            }
            JobQueue::Unset => Err(StoreError::Config("HAILONG_PUBLISH_QUEUE")),
        }
    }
}
