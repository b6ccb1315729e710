//! Running aggregates of counted responses, one item per campaign × unit × questionnaire version,
//! updated as responses arrive and as they are excluded. A marker per response makes every update
//! happen once, however often the stream delivers a record.

use super::keys;
use super::{Item, Store, StoreError, doc, get_n, get_s, key, n, query_all, s};
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem};
use hailong_domain::results::Aggregate;
use std::collections::HashMap;

/// Where a response stands in the aggregates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Counted,
    Excluded,
}

impl Mark {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Mark::Counted => "counted",
            Mark::Excluded => "excluded",
        }
    }
}

/// A stored aggregate and its revision, for an optimistic update.
pub struct Revision {
    pub aggregate: Option<Aggregate>,
    pub rev: i64,
}

pub(super) fn agg_key(campaign: &str, slot: &str) -> Item {
    key(&keys::aggregate(campaign, slot))
}

pub(super) fn mark_key(campaign: &str, response: &str) -> Item {
    key(&keys::mark(campaign, response))
}

impl Store {
    pub async fn mark(&self, campaign: &str, response: &str) -> Result<Option<Mark>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.tables.catalog)
            .set_key(Some(mark_key(campaign, response)))
            .consistent_read(true)
            .send()
            .await?;
        Ok(out.item().map(|i| if get_s(i, "mark").ok() == Some("excluded") { Mark::Excluded } else { Mark::Counted }))
    }

    /// The marks of one unit's responses, by response id: what a publish step reads for the units
    /// it hashes. Until marks are kept per unit, the campaign's marks kept for the unit's ids.
    pub async fn unit_marks(&self, campaign: &str, unit: &str) -> Result<HashMap<String, Mark>, StoreError> {
        let ids: std::collections::HashSet<String> =
            self.unit_leaf_parts(campaign, unit).await?.into_iter().map(|p| p.id).collect();
        let mut all = self.marks(campaign).await?;
        all.retain(|id, _| ids.contains(id));
        Ok(all)
    }

    /// Every response's mark in a campaign, by response id (one paged Query).
    pub async fn marks(&self, campaign: &str) -> Result<HashMap<String, Mark>, StoreError> {
        let items = query_all(self.partition(&keys::marks(campaign)).consistent_read(true)).await?;
        items
            .iter()
            .map(|item| {
                let mark = if get_s(item, "mark").ok() == Some("excluded") { Mark::Excluded } else { Mark::Counted };
                Ok((get_s(item, "sk")?.to_owned(), mark))
            })
            .collect()
    }

    pub async fn aggregate(&self, campaign: &str, slot: &str) -> Result<Revision, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.tables.catalog)
            .set_key(Some(agg_key(campaign, slot)))
            .consistent_read(true)
            .send()
            .await?;
        match out.item() {
            None => Ok(Revision { aggregate: None, rev: 0 }),
            Some(item) => Ok(Revision { aggregate: Some(doc(item)?), rev: get_n(item, "rev")? }),
        }
    }

    /// Every aggregate of a campaign, by slot (`unit#questionnaire#version`).
    pub async fn aggregates(&self, campaign: &str) -> Result<Vec<(String, Aggregate)>, StoreError> {
        let items = query_all(self.partition(&keys::aggregates(campaign)).consistent_read(true)).await?;
        items.iter().map(|i| Ok((get_s(i, "sk")?.to_owned(), doc(i)?))).collect()
    }

    /// Writes a new aggregate revision and the response's mark together. `false` when another
    /// writer came first (the caller reads again and retries).
    #[expect(
        clippy::too_many_arguments,
        reason = "one conditional write of two items: each argument is a key or a condition"
    )]
    pub async fn commit_aggregate(
        &self,
        campaign: &str,
        slot: &str,
        aggregate: &Aggregate,
        expected_rev: i64,
        response: &str,
        from: Option<Mark>,
        to: Mark,
    ) -> Result<bool, StoreError> {
        let mut agg_item = agg_key(campaign, slot);
        agg_item.insert("doc".into(), s(&serde_json::to_string(aggregate).expect("aggregates serialise")));
        agg_item.insert("rev".into(), n(expected_rev + 1));
        let agg_put = Put::builder().table_name(&self.tables.catalog).set_item(Some(agg_item));
        let agg_put = if expected_rev == 0 {
            agg_put.condition_expression("attribute_not_exists(pk)")
        } else {
            agg_put.condition_expression("rev = :rev").expression_attribute_values(":rev", n(expected_rev))
        };
        let mut mark_item = mark_key(campaign, response);
        mark_item.insert("mark".into(), s(to.as_str()));
        let mark_put = Put::builder().table_name(&self.tables.catalog).set_item(Some(mark_item));
        let mark_put = match from {
            None => mark_put.condition_expression("attribute_not_exists(pk)"),
            Some(m) => mark_put.condition_expression("mark = :m").expression_attribute_values(":m", s(m.as_str())),
        };
        let result = self
            .client
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().put(agg_put.build().expect("set")).build())
            .transact_items(TransactWriteItem::builder().put(mark_put.build().expect("set")).build())
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(SdkError::ServiceError(e))
                if matches!(e.err(), TransactWriteItemsError::TransactionCanceledException(_)) =>
            {
                Ok(false)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Marks a response excluded before it was ever counted, so that counting will skip it.
    pub async fn mark_excluded_uncounted(&self, campaign: &str, response: &str) -> Result<bool, StoreError> {
        let mut item = mark_key(campaign, response);
        item.insert("mark".into(), AttributeValue::S("excluded".into()));
        self.put_catalog_if_absent(item).await
    }
}
