//! Bulk writes for loading a finished campaign at once (the local demo's earlier campaign):
//! unconditional `BatchWriteItem`s, several in flight, so thousands of items take a moment.
//! Never used on a request path, where every write is conditional.

use super::aggregates::{agg_key, mark_key};
use super::responses::{receipt_item, response_item};
use super::{Item, Mark, Store, StoreError, n, s};
use aws_sdk_dynamodb::types::{PutRequest, WriteRequest};
use hailong_domain::results::{Aggregate, AggregateKey};
use hailong_domain::{Receipt, Response};

/// DynamoDB's limit per `BatchWriteItem`.
const BATCH: usize = 25;
/// Batches in flight at once.
const IN_FLIGHT: usize = 4;

impl Store {
    /// Writes items to one table, replacing any under the same keys.
    async fn put_items(&self, table: &str, items: Vec<Item>) -> Result<(), StoreError> {
        let mut batches = items.chunks(BATCH).map(<[Item]>::to_vec).collect::<Vec<_>>().into_iter();
        let mut running = tokio::task::JoinSet::new();
        loop {
            while running.len() < IN_FLIGHT {
                let Some(batch) = batches.next() else { break };
                let (client, table) = (self.client.clone(), table.to_owned());
                running.spawn(async move {
                    let mut requests: Vec<WriteRequest> = batch
                        .into_iter()
                        .map(|item| {
                            let put = PutRequest::builder().set_item(Some(item)).build().expect("the item is set");
                            WriteRequest::builder().put_request(put).build()
                        })
                        .collect();
                    // Unprocessed items (throttling) are sent again until none is left.
                    while !requests.is_empty() {
                        let out = client.batch_write_item().request_items(&table, requests).send().await?;
                        requests = out.unprocessed_items.and_then(|mut u| u.remove(&table)).unwrap_or_default();
                    }
                    Ok::<(), StoreError>(())
                });
            }
            match running.join_next().await {
                None => return Ok(()),
                Some(done) => done.map_err(|e| StoreError::Dynamo(e.to_string()))??,
            }
        }
    }

    /// Stores finished responses with their receipts, as `insert_response` would have one by one.
    pub async fn load_responses(&self, rows: &[(Response, String, Receipt)]) -> Result<(), StoreError> {
        let responses = rows.iter().map(|(r, fingerprint, receipt)| response_item(r, fingerprint, receipt)).collect();
        let receipts = rows.iter().map(|(r, _, receipt)| receipt_item(r, receipt)).collect();
        // Two tables: DynamoDB Local writes them side by side.
        tokio::try_join!(
            self.put_items(&self.tables.responses, responses),
            self.put_items(&self.tables.receipts, receipts)
        )?;
        Ok(())
    }

    /// Stores a campaign's aggregates and the marks saying which responses they count, as the
    /// stream would have left them (so the stream, reading these responses later, skips them).
    pub async fn load_aggregates(
        &self,
        aggregates: &[(AggregateKey, Aggregate)],
        marks: &[(&Response, Mark)],
    ) -> Result<(), StoreError> {
        let mut items: Vec<Item> = marks
            .iter()
            .map(|(response, mark)| {
                let mut item = mark_key(response);
                item.insert("mark".into(), s(mark.as_str()));
                item
            })
            .collect();
        items.extend(aggregates.iter().map(|(key, aggregate)| {
            let mut item = agg_key(key);
            item.insert("doc".into(), s(&serde_json::to_string(aggregate).expect("aggregates serialise")));
            item.insert("rev".into(), n(1));
            item
        }));
        self.put_items(&self.tables.catalog, items).await
    }
}
