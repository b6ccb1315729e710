//! Submission counters of the bot limits (`bots.rs`): one item per (campaign, hashed device or
//! network, time window) in the responses table, whose TTL removes them (keys in `keys.rs`).

use super::{Item, Store, StoreError, n, s, updated};
use std::collections::HashMap;

/// One counter to charge: its key (`keys::rate`) and how many it may hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counter {
    pub pk: String,
    pub limit: u32,
}

impl Store {
    /// Adds one to `counter` unless it already holds its limit; says whether it did. The item
    /// carries `expires_at` (epoch seconds), the responses table's TTL attribute.
    pub async fn charge(&self, counter: &Counter, expires_at_s: i64) -> Result<bool, StoreError> {
        let key: Item = HashMap::from([("pk".to_owned(), s(&counter.pk))]);
        let result = self
            .client
            .update_item()
            .table_name(&self.tables.responses)
            .set_key(Some(key))
            .update_expression("SET expires_at = :exp ADD submits :one")
            .condition_expression("attribute_not_exists(submits) OR submits < :limit")
            .expression_attribute_values(":exp", n(expires_at_s))
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":limit", n(i64::from(counter.limit)))
            .send()
            .await;
        updated(result)
    }

    /// Writes the mark `pk` unless it exists; says whether this was the first time. The mark
    /// expires with `expires_at` (epoch seconds), the responses table's TTL attribute.
    pub async fn mark_once(&self, pk: &str, expires_at_s: i64) -> Result<bool, StoreError> {
        let item = HashMap::from([("pk".to_owned(), s(pk)), ("expires_at".to_owned(), n(expires_at_s))]);
        self.put_if_absent(&self.tables.responses, item).await
    }
}
