//! Running aggregates of counted responses, updated as responses arrive and as they are excluded.
//! A marker per response makes every update happen once, however often the stream delivers a
//! record.
//!
//! Both are spread over the shards of `hailong_domain::shard` (chosen by the response id), so that
//! no partition key of a campaign is hot: an aggregate per campaign × shard × unit × questionnaire
//! version under `AGG#{campaign}#{shard}`, a mark per response under `MARK#{campaign}#{shard}`.
//! Readers merge the shards ([`Store::aggregates`]).

use super::{Item, Store, StoreError, doc, get_n, get_s, key, n, query_all, s};
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem};
use hailong_domain::Response;
use hailong_domain::results::{Aggregate, AggregateKey};
use hailong_domain::shard::Shard;
use std::collections::{BTreeMap, HashMap};

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

    fn of(item: &Item) -> Mark {
        if get_s(item, "mark").ok() == Some("excluded") { Mark::Excluded } else { Mark::Counted }
    }
}

/// A stored aggregate and its revision, for an optimistic update.
pub struct Revision {
    pub aggregate: Option<Aggregate>,
    pub rev: i64,
}

/// The aggregate slot of a response within its campaign: `unit#questionnaire#version`.
pub fn slot(r: &Response) -> String {
    let key = AggregateKey::of(r);
    format!("{}#{}#{}", key.unit, key.questionnaire.id, key.questionnaire.version)
}

fn agg_partition(campaign: &str, shard: Shard) -> String {
    format!("AGG#{campaign}#{shard}")
}

fn mark_partition(campaign: &str, shard: Shard) -> String {
    format!("MARK#{campaign}#{shard}")
}

pub(super) fn agg_key(campaign: &str, shard: Shard, slot: &str) -> Item {
    key(&agg_partition(campaign, shard), slot)
}

/// A response's mark: its unit first, so that one unit's marks are one range of each shard.
pub(super) fn mark_key(r: &Response) -> Item {
    key(&mark_partition(r.campaign.as_str(), Shard::of(&r.id)), &format!("{}#{}", r.unit, r.id))
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
        Ok(out.item().map(Mark::of))
    }

    /// Marks by response id, from every shard; `unit` narrows them to one unit's.
    async fn marks_in(&self, campaign: &str, unit: Option<&str>) -> Result<HashMap<String, Mark>, StoreError> {
        let mut marks = HashMap::new();
        for shard in Shard::all() {
            let query = self.partition(&mark_partition(campaign, shard)).consistent_read(true);
            let query = match unit {
                Some(u) => query
                    .key_condition_expression("pk = :pk AND begins_with(sk, :unit)")
                    .expression_attribute_values(":unit", s(&format!("{u}#"))),
                None => query,
            };
            for item in query_all(query).await? {
                let sk = get_s(&item, "sk")?;
                let response = sk.rsplit_once('#').map_or(sk, |(_, id)| id);
                marks.insert(response.to_owned(), Mark::of(&item));
            }
        }
        Ok(marks)
    }

    /// Every response's mark in a campaign, by response id (a paged Query per shard).
    pub async fn marks(&self, campaign: &str) -> Result<HashMap<String, Mark>, StoreError> {
        self.marks_in(campaign, None).await
    }

    /// The marks of one unit's responses, by response id.
    pub async fn unit_marks(&self, campaign: &str, unit: &str) -> Result<HashMap<String, Mark>, StoreError> {
        self.marks_in(campaign, Some(unit)).await
    }

    /// The aggregate of the shard and slot a response is counted in.
    pub async fn aggregate(&self, r: &Response) -> Result<Revision, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.tables.catalog)
            .set_key(Some(agg_key(r.campaign.as_str(), Shard::of(&r.id), &slot(r))))
            .consistent_read(true)
            .send()
            .await?;
        match out.item() {
            None => Ok(Revision { aggregate: None, rev: 0 }),
            Some(item) => Ok(Revision { aggregate: Some(doc(item)?), rev: get_n(item, "rev")? }),
        }
    }

    /// Every aggregate of a campaign by slot (`unit#questionnaire#version`), its shards merged:
    /// what every reader of counted figures (publish, preview, progress) reads.
    pub async fn aggregates(&self, campaign: &str) -> Result<Vec<(String, Aggregate)>, StoreError> {
        let mut merged: BTreeMap<String, Aggregate> = BTreeMap::new();
        for shard in Shard::all() {
            let items = query_all(self.partition(&agg_partition(campaign, shard)).consistent_read(true)).await?;
            for item in items {
                let (slot, aggregate): (String, Aggregate) = (get_s(&item, "sk")?.to_owned(), doc(&item)?);
                match merged.get_mut(&slot) {
                    Some(existing) => existing
                        .merge(&aggregate)
                        .map_err(|e| StoreError::Corrupt { key: slot.clone(), reason: e.to_string() })?,
                    None => {
                        merged.insert(slot, aggregate);
                    }
                }
            }
        }
        Ok(merged.into_iter().collect())
    }

    /// Writes a new revision of the response's aggregate and its mark together. `false` when
    /// another writer came first (the caller reads again and retries).
    pub async fn commit_aggregate(
        &self,
        r: &Response,
        aggregate: &Aggregate,
        expected_rev: i64,
        from: Option<Mark>,
        to: Mark,
    ) -> Result<bool, StoreError> {
        let mut agg_item = agg_key(r.campaign.as_str(), Shard::of(&r.id), &slot(r));
        agg_item.insert("doc".into(), s(&serde_json::to_string(aggregate).expect("aggregates serialise")));
        agg_item.insert("rev".into(), n(expected_rev + 1));
        let agg_put = Put::builder().table_name(&self.tables.catalog).set_item(Some(agg_item));
        let agg_put = if expected_rev == 0 {
            agg_put.condition_expression("attribute_not_exists(pk)")
        } else {
            agg_put.condition_expression("rev = :rev").expression_attribute_values(":rev", n(expected_rev))
        };
        let mut mark_item = mark_key(r);
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
    pub async fn mark_excluded_uncounted(&self, r: &Response) -> Result<bool, StoreError> {
        let mut item = mark_key(r);
        item.insert("mark".into(), AttributeValue::S("excluded".into()));
        self.put_catalog_if_absent(item).await
    }
}
