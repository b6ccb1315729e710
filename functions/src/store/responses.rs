//! The responses table, and the receipts written with each response in one transaction.

use super::keys;
use super::{Item, Store, StoreError, get_s, key, n, query_all, s};
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem};
use hailong_domain::results::{NodeHash, leaf_hash, leaf_string};
use hailong_domain::{CampaignId, Receipt, Response, ResponseId, UnitCode};
use std::collections::HashMap;

/// What storing a response came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// Newly stored, under this receipt.
    New(Receipt),
    /// The id was stored before with the same content: the earlier receipt stands.
    Again(Receipt),
    /// The id was stored before with different content.
    Conflict,
    /// Another response of the campaign was entered from a paper form with this serial number.
    DuplicateSerial,
}

/// Tries a fresh receipt when a drawn one is already taken (50 random bits: practically never).
const RECEIPT_ATTEMPTS: usize = 4;

impl Store {
    /// Stores a validated response and a receipt for it, both or neither. `fingerprint` identifies
    /// the submitted content, so that a retry is told apart from a different response reusing an id.
    pub async fn insert_response(
        &self,
        response: &Response,
        fingerprint: &str,
        mut new_receipt: impl FnMut() -> Receipt,
    ) -> Result<Stored, StoreError> {
        for _ in 0..RECEIPT_ATTEMPTS {
            let receipt = new_receipt();
            match self.try_insert(response, fingerprint, &receipt).await? {
                Attempt::Stored => return Ok(Stored::New(receipt)),
                Attempt::IdTaken => return self.compare_existing(&response.id, fingerprint).await,
                Attempt::SerialTaken => return Ok(Stored::DuplicateSerial),
                Attempt::ReceiptTaken => continue,
            }
        }
        Err(StoreError::Dynamo("could not draw an unused receipt".into()))
    }

    async fn try_insert(&self, r: &Response, fingerprint: &str, receipt: &Receipt) -> Result<Attempt, StoreError> {
        let (response_item, receipt_item) = (response_item(r, fingerprint, receipt), receipt_item(r, receipt));
        let id = r.id.to_string();
        let put = |table: &str, item: Item| {
            TransactWriteItem::builder()
                .put(
                    Put::builder()
                        .table_name(table)
                        .set_item(Some(item))
                        .condition_expression("attribute_not_exists(pk)")
                        .build()
                        .expect("table, item and condition are set"),
                )
                .build()
        };
        let mut tx = self
            .client
            .transact_write_items()
            .transact_items(put(&self.tables.responses, response_item))
            .transact_items(put(&self.tables.receipts, receipt_item));
        // A paper form's serial is claimed in the same transaction: one form, one response.
        if let Some(serial) = r.source.serial() {
            let mut claim = key(&keys::serial(&r.campaign, serial));
            claim.insert("doc".into(), s(&serde_json::json!({ "response": id }).to_string()));
            tx = tx.transact_items(put(&self.tables.catalog, claim));
        }
        let result = tx.send().await;
        match result {
            Ok(_) => Ok(Attempt::Stored),
            Err(SdkError::ServiceError(e)) => match e.err() {
                TransactWriteItemsError::TransactionCanceledException(c) => {
                    let failed = |i: usize| {
                        c.cancellation_reasons().get(i).and_then(|r| r.code()) == Some("ConditionalCheckFailed")
                    };
                    if failed(0) {
                        Ok(Attempt::IdTaken)
                    } else if failed(1) {
                        Ok(Attempt::ReceiptTaken)
                    } else if failed(2) {
                        Ok(Attempt::SerialTaken)
                    } else {
                        Err(StoreError::Dynamo(format!("transaction cancelled: {c:?}")))
                    }
                }
                other => Err(StoreError::Dynamo(format!("{other:?}"))),
            },
            Err(e) => Err(e.into()),
        }
    }

    async fn compare_existing(&self, id: &ResponseId, fingerprint: &str) -> Result<Stored, StoreError> {
        let stored = self
            .response_item(id)
            .await?
            .ok_or_else(|| StoreError::Dynamo("response id reported taken but not readable".into()))?;
        if get_s(&stored, "fingerprint")? != fingerprint {
            return Ok(Stored::Conflict);
        }
        let receipt = Receipt::parse(get_s(&stored, "receipt")?)
            .map_err(|e| StoreError::Corrupt { key: id.to_string(), reason: e.to_string() })?;
        Ok(Stored::Again(receipt))
    }

    /// The stored receipt of a response id when its content matches `fingerprint`; `Conflict`
    /// when it differs; `None` when nothing is stored under the id.
    pub async fn existing_response(&self, id: &ResponseId, fingerprint: &str) -> Result<Option<Stored>, StoreError> {
        match self.response_item(id).await? {
            None => Ok(None),
            Some(_) => self.compare_existing(id, fingerprint).await.map(Some),
        }
    }

    async fn response_item(&self, id: &ResponseId) -> Result<Option<Item>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.tables.responses)
            .key("pk", AttributeValue::S(id.to_string()))
            .consistent_read(true)
            .send()
            .await?;
        Ok(out.item)
    }

    /// What a stored response's leaf is made of, read by id (a receipt's check).
    pub async fn leaf_parts(&self, id: &ResponseId) -> Result<Option<LeafParts>, StoreError> {
        self.response_item(id).await?.as_ref().map(leaf_parts_of).transpose()
    }

    /// A stored response, read by id.
    pub async fn response(&self, id: &ResponseId) -> Result<Option<Response>, StoreError> {
        self.response_item(id).await?.as_ref().map(super::doc).transpose()
    }
}

/// The responses-table item of a stored response.
pub(super) fn response_item(r: &Response, fingerprint: &str, receipt: &Receipt) -> Item {
    HashMap::from([
        ("pk".into(), s(&r.id.to_string())),
        ("doc".into(), s(&serde_json::to_string(r).expect("responses serialise"))),
        ("fingerprint".into(), s(fingerprint)),
        ("receipt".into(), s(receipt.as_str())),
        ("unit_key".into(), s(&keys::unit_responses(&r.campaign, &r.unit))),
        ("received_at".into(), n(r.received_at_ms)),
    ])
}

/// The receipts-table item that leads from a receipt to its response.
pub(super) fn receipt_item(r: &Response, receipt: &Receipt) -> Item {
    HashMap::from([
        ("pk".into(), s(receipt.as_str())),
        ("response".into(), s(&r.id.to_string())),
        ("campaign".into(), s(r.campaign.as_str())),
        ("unit".into(), s(r.unit.as_str())),
        ("received_at".into(), n(r.received_at_ms)),
    ])
}

enum Attempt {
    Stored,
    IdTaken,
    ReceiptTaken,
    SerialTaken,
}

impl Store {
    /// Every response of a unit of a campaign, in arrival order (a keyed Query on `by_unit`).
    pub async fn unit_responses(&self, campaign: &CampaignId, unit: &UnitCode) -> Result<Vec<Response>, StoreError> {
        query_all(self.by_unit(campaign, unit)).await?.iter().map(super::doc).collect()
    }

    /// The latest `limit` responses of a unit of a campaign, in arrival order: a bounded read
    /// of the newest end of its `by_unit` key, whatever the unit's size.
    pub async fn latest_responses(
        &self,
        campaign: &CampaignId,
        unit: &UnitCode,
        limit: usize,
    ) -> Result<Vec<Response>, StoreError> {
        let query = self.by_unit(campaign, unit).scan_index_forward(false).limit(limit as i32);
        let mut items: Vec<Item> = Vec::new();
        let mut pages = query.into_paginator().send();
        while items.len() < limit {
            let Some(page) = pages.next().await else { break };
            items.extend(page?.items.unwrap_or_default());
        }
        items.truncate(limit);
        let mut latest = items.iter().map(super::doc).collect::<Result<Vec<Response>, _>>()?;
        latest.reverse();
        Ok(latest)
    }

    /// How many responses a unit of a campaign has, by the `by_unit` index (a keyed Query).
    pub async fn count_responses(&self, campaign: &CampaignId, unit: &UnitCode) -> Result<u64, StoreError> {
        let mut pages =
            self.by_unit(campaign, unit).select(aws_sdk_dynamodb::types::Select::Count).into_paginator().send();
        let mut total = 0;
        while let Some(page) = pages.next().await {
            total += page?.count() as u64;
        }
        Ok(total)
    }

    /// The Query of a unit's responses in a campaign, on the `by_unit` index.
    fn by_unit(&self, campaign: &CampaignId, unit: &UnitCode) -> QueryFluentBuilder {
        self.client
            .query()
            .table_name(&self.tables.responses)
            .index_name("by_unit")
            .key_condition_expression("unit_key = :k")
            .expression_attribute_values(":k", AttributeValue::S(keys::unit_responses(campaign, unit)))
    }
}

/// What identifies a stored response in the published digest: id, receipt, content fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeafParts {
    pub id: ResponseId,
    pub receipt: String,
    pub fingerprint: String,
}

impl LeafParts {
    /// The hash of this response's leaf in the published digest (`results::digest`).
    pub fn leaf(&self) -> Result<NodeHash, StoreError> {
        let receipt = Receipt::parse(&self.receipt)
            .map_err(|e| StoreError::Corrupt { key: self.id.to_string(), reason: e.to_string() })?;
        Ok(leaf_hash(&leaf_string(&self.id, &receipt, &self.fingerprint)))
    }
}

impl Store {
    /// The digest parts of every response of a unit (keys only, never the answers).
    pub async fn unit_leaf_parts(&self, campaign: &CampaignId, unit: &UnitCode) -> Result<Vec<LeafParts>, StoreError> {
        let items = query_all(self.by_unit(campaign, unit).projection_expression("pk, receipt, fingerprint")).await?;
        items.iter().map(leaf_parts_of).collect()
    }
}

fn leaf_parts_of(item: &Item) -> Result<LeafParts, StoreError> {
    Ok(LeafParts {
        id: super::get_parsed(item, "pk", |s| s.parse().ok())?,
        receipt: get_s(item, "receipt")?.to_owned(),
        fingerprint: get_s(item, "fingerprint")?.to_owned(),
    })
}
