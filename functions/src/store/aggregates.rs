//! Running aggregates of counted responses, one item per campaign × unit × questionnaire version,
//! updated as responses arrive and as they are excluded. A marker per response makes every update
//! happen once, however often the stream delivers a record. Both live in the unit's shard
//! (`hailong_domain::Shard`), so no partition key takes a whole campaign's counting.

use super::keys;
use super::{Item, Store, StoreError, corrupt, doc, get_n, get_s, key as item_key, n, query_all, s};
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem};
use hailong_domain::results::{Aggregate, AggregateKey};
use hailong_domain::{CampaignId, Response, ResponseId, Shard, UnitCode};
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

pub(super) fn agg_key(key: &AggregateKey) -> Item {
    item_key(&keys::aggregate(key))
}

pub(super) fn mark_key(r: &Response) -> Item {
    item_key(&keys::mark(r))
}

fn mark_of(item: &Item) -> Mark {
    if get_s(item, "mark").ok() == Some("excluded") { Mark::Excluded } else { Mark::Counted }
}

impl Store {
    pub async fn mark(&self, r: &Response) -> Result<Option<Mark>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.tables.catalog)
            .set_key(Some(mark_key(r)))
            .consistent_read(true)
            .send()
            .await?;
        Ok(out.item().map(mark_of))
    }

    /// The marks of one unit's responses, by response id: what a publish step reads for the units
    /// it hashes (one Query of the unit's shard, its sort keys beginning with the unit).
    pub async fn unit_marks(
        &self,
        campaign: &CampaignId,
        unit: &UnitCode,
    ) -> Result<HashMap<ResponseId, Mark>, StoreError> {
        let (partition, prefix) = keys::unit_marks(campaign, unit);
        let query = self.prefixed(&partition, &prefix).consistent_read(true);
        query_all(query)
            .await?
            .iter()
            .map(|item| {
                let sk = get_s(item, "sk")?;
                let id = keys::marked_response(sk, &prefix).ok_or_else(|| corrupt(item, "sk"))?;
                Ok((id, mark_of(item)))
            })
            .collect()
    }

    pub async fn aggregate(&self, key: &AggregateKey) -> Result<Revision, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.tables.catalog)
            .set_key(Some(agg_key(key)))
            .consistent_read(true)
            .send()
            .await?;
        match out.item() {
            None => Ok(Revision { aggregate: None, rev: 0 }),
            Some(item) => Ok(Revision { aggregate: Some(doc(item)?), rev: get_n(item, "rev")? }),
        }
    }

    /// Every aggregate of a campaign, by slot (`unit#questionnaire#version`): every shard's, one
    /// after the other (eight small Queries; a campaign has at most a few hundred slots).
    pub async fn aggregates(&self, campaign: &CampaignId) -> Result<Vec<(String, Aggregate)>, StoreError> {
        let mut all = Vec::new();
        for shard in Shard::all() {
            for i in query_all(self.partition(&keys::aggregates(campaign, shard)).consistent_read(true)).await? {
                all.push((get_s(&i, "sk")?.to_owned(), doc(&i)?));
            }
        }
        Ok(all)
    }

    /// The aggregates of one unit (one per questionnaire version it answered): one Query of
    /// its shard, its sort keys beginning with the unit.
    pub async fn unit_aggregates(&self, campaign: &CampaignId, unit: &UnitCode) -> Result<Vec<Aggregate>, StoreError> {
        let (partition, prefix) = keys::unit_aggregates(campaign, unit);
        let query = self.prefixed(&partition, &prefix);
        query_all(query).await?.iter().map(doc).collect()
    }

    /// Writes a new aggregate revision and the response's mark together. `false` when another
    /// writer came first (the caller reads again and retries).
    pub async fn commit_aggregate(
        &self,
        response: &Response,
        aggregate: &Aggregate,
        expected_rev: i64,
        from: Option<Mark>,
        to: Mark,
    ) -> Result<bool, StoreError> {
        let mut agg_item = agg_key(&AggregateKey::of(response));
        agg_item.insert("doc".into(), s(&serde_json::to_string(aggregate).expect("aggregates serialise")));
        agg_item.insert("rev".into(), n(expected_rev + 1));
        let agg_put = Put::builder().table_name(&self.tables.catalog).set_item(Some(agg_item));
        let agg_put = if expected_rev == 0 {
            agg_put.condition_expression("attribute_not_exists(pk)")
        } else {
            agg_put.condition_expression("rev = :rev").expression_attribute_values(":rev", n(expected_rev))
        };
        let mut mark_item = mark_key(response);
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
    pub async fn mark_excluded_uncounted(&self, response: &Response) -> Result<bool, StoreError> {
        let mut item = mark_key(response);
        item.insert("mark".into(), AttributeValue::S("excluded".into()));
        self.put_catalog_if_absent(item).await
    }
}
