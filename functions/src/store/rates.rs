//! Submission counters of the bot limits (`bots.rs`): one item per (campaign, hashed device or
//! network, time window) in the responses table, whose TTL removes them. Their keys start with
//! `RATE#`, so they never look like a response (ids are UUIDs): the aggregation stream skips
//! them and the template's stream filter never hands them over.

use super::{Item, Store, StoreError, n, s};
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use std::collections::HashMap;

/// The key prefix of every counter item.
pub const RATE_PREFIX: &str = "RATE#";

/// Whether a responses-table key is a counter rather than a response.
pub fn is_rate_key(pk: &str) -> bool {
    pk.starts_with(RATE_PREFIX)
}

/// One counter to charge: its key (from [`RATE_PREFIX`]) and how many it may hold.
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
        match result {
            Ok(_) => Ok(true),
            Err(SdkError::ServiceError(e))
                if matches!(e.err(), UpdateItemError::ConditionalCheckFailedException(_)) =>
            {
                Ok(false)
            }
            Err(e) => Err(e.into()),
        }
    }
}
