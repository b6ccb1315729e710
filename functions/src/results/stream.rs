//! The aggregation function: DynamoDB stream records of new responses, counted once each. In AWS
//! the responses table's stream invokes it; the local stack reads DynamoDB Local's stream and
//! hands the same records to the same code.

use super::aggregation;
use crate::context::Context;
use crate::store::StoreError;
use crate::store::keys::is_rate_key;
use aws_lambda_events::dynamodb::{Event, EventRecord};
use aws_lambda_events::streams::{DynamoDbBatchItemFailure, DynamoDbEventResponse};
use hailong_domain::Response;

/// The response in a stream record's new image, if the record is the insert of one (the bot
/// limits' counters share the table, and its stream).
fn response_of(record: &EventRecord) -> Option<Result<Response, StoreError>> {
    let counter = matches!(record.change.keys.get("pk"), Some(serde_dynamo::AttributeValue::S(pk)) if is_rate_key(pk));
    if record.event_name != "INSERT" || counter {
        return None;
    }
    Some(match record.change.new_image.get("doc") {
        Some(serde_dynamo::AttributeValue::S(doc)) => parse_doc(&record.event_id, doc),
        _ => Err(StoreError::Corrupt { key: record.event_id.clone(), reason: "no doc in the new image".into() }),
    })
}

/// A stored response's document, as a stream record carries it.
fn parse_doc(key: &str, doc: &str) -> Result<Response, StoreError> {
    serde_json::from_str(doc).map_err(|e| StoreError::Corrupt { key: key.to_owned(), reason: e.to_string() })
}

/// Handles one batch; failed records are reported by sequence number, so Lambda retries from
/// there (and bisects, as the template asks) without recounting what succeeded.
pub async fn handle(ctx: &Context, event: Event) -> DynamoDbEventResponse {
    let mut failures = Vec::new();
    for record in &event.records {
        let outcome = match response_of(record) {
            None => Ok(()),
            Some(Ok(response)) => aggregation::count(ctx, &response).await,
            Some(Err(e)) => Err(e),
        };
        if let Err(e) = outcome {
            tracing::error!(error = %e, record = %record.event_id, "aggregation failed");
            let mut failure = DynamoDbBatchItemFailure::default();
            failure.item_identifier = record.change.sequence_number.clone();
            failures.push(failure);
            // Records after a failure wait for the retry, keeping per-key order.
            break;
        }
    }
    let mut response = DynamoDbEventResponse::default();
    response.batch_item_failures = failures;
    response
}

/// The local stack's stream reader: follows every shard of the responses table's stream.
pub struct LocalStream {
    client: aws_sdk_dynamodbstreams::Client,
    stream_arn: String,
    shards: std::collections::HashMap<String, Shard>,
}

/// Where the reader stands in one shard.
#[derive(Default)]
struct Shard {
    iterator: Option<String>,
    /// The last record read: a lost iterator resumes after it.
    last: Option<String>,
    /// The shard is closed and read to its end.
    done: bool,
}

impl LocalStream {
    pub async fn open(ctx: &Context, endpoint: &str) -> Result<LocalStream, StoreError> {
        let table = ctx.store.client().describe_table().table_name(&ctx.store.tables().responses).send().await?;
        let stream_arn = table
            .table()
            .and_then(|t| t.latest_stream_arn())
            .ok_or_else(|| StoreError::Corrupt { key: "responses".into(), reason: "the table has no stream".into() })?
            .to_owned();
        Ok(LocalStream {
            client: crate::aws::Aws::local().dynamodb_streams(endpoint),
            stream_arn,
            shards: Default::default(),
        })
    }

    /// Reads what is new on every shard and counts it; answers how many records were handled.
    pub async fn poll(&mut self, ctx: &Context) -> Result<usize, StoreError> {
        use aws_sdk_dynamodbstreams::types::ShardIteratorType;
        let err = |e: String| StoreError::Dynamo(e);
        let description = self
            .client
            .describe_stream()
            .stream_arn(&self.stream_arn)
            .send()
            .await
            .map_err(|e| err(format!("{e:?}")))?;
        for shard in description.stream_description().map(|d| d.shards()).unwrap_or_default() {
            self.shards.entry(shard.shard_id().unwrap_or_default().to_owned()).or_default();
        }
        let mut handled = 0;
        for (id, shard) in self.shards.iter_mut().filter(|(_, s)| !s.done) {
            let current = match &shard.iterator {
                Some(it) => it.clone(),
                None => {
                    let request = self.client.get_shard_iterator().stream_arn(&self.stream_arn).shard_id(id);
                    let request = match &shard.last {
                        Some(seq) => {
                            request.shard_iterator_type(ShardIteratorType::AfterSequenceNumber).sequence_number(seq)
                        }
                        None => request.shard_iterator_type(ShardIteratorType::TrimHorizon),
                    };
                    match request.send().await.map_err(|e| err(format!("{e:?}")))?.shard_iterator {
                        Some(it) => it,
                        None => continue,
                    }
                }
            };
            let out = match self.client.get_records().shard_iterator(&current).send().await {
                Ok(out) => out,
                // DynamoDB Local sometimes refuses an iterator taken while the shard was empty
                // (aws/aws-sdk-java#2923): take a new one next time, after the last record read.
                Err(e)
                    if e.as_service_error()
                        .is_some_and(|e| e.is_trimmed_data_access_exception() || e.is_expired_iterator_exception()) =>
                {
                    shard.iterator = None;
                    continue;
                }
                Err(e) => return Err(err(format!("{e:?}"))),
            };
            for record in out.records() {
                let inserted = record.event_name().is_some_and(|n| n.as_str() == "INSERT");
                let doc = record
                    .dynamodb()
                    .and_then(|d| d.new_image())
                    .and_then(|i| i.get("doc"))
                    .and_then(|d| d.as_s().ok());
                if let (true, Some(doc)) = (inserted, doc) {
                    let key = record.event_id().unwrap_or_default();
                    aggregation::count(ctx, &parse_doc(key, doc)?).await?;
                }
                shard.last =
                    record.dynamodb().and_then(|d| d.sequence_number()).map(str::to_owned).or(shard.last.take());
            }
            handled += out.records().len();
            shard.done = out.next_shard_iterator.is_none();
            shard.iterator = out.next_shard_iterator;
        }
        Ok(handled)
    }
}
