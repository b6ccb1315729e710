//! The catalog table: units and questionnaire versions, one item each (campaigns: `campaigns.rs`).
//! Units share one partition, so listing them is a keyed Query, never a Scan.

use super::keys::{self, Key, Partition};
use super::{Store, StoreError, doc, key, query_all, s};
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::put_item::PutItemError;
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::types::AttributeValue;
use hailong_domain::{Questionnaire, QuestionnaireRef, Unit, UnitCode};
use serde::Serialize;
use std::collections::HashMap;

impl Store {
    pub(crate) async fn get_doc<T: serde::de::DeserializeOwned>(&self, k: &Key) -> Result<Option<T>, StoreError> {
        let out = self.client.get_item().table_name(&self.tables.catalog).set_key(Some(key(k))).send().await?;
        out.item().map(doc).transpose()
    }

    /// Writes a catalog item unless one exists under its key; says whether it wrote.
    async fn put_doc_if_absent<T: Serialize>(&self, k: &Key, value: &T) -> Result<bool, StoreError> {
        let mut item = key(k);
        item.insert("doc".into(), s(&serde_json::to_string(value).expect("domain types serialise")));
        self.put_catalog_if_absent(item).await
    }

    /// Writes `item` to the catalog table unless one exists under its key; says whether it wrote.
    pub(super) async fn put_catalog_if_absent(
        &self,
        item: HashMap<String, AttributeValue>,
    ) -> Result<bool, StoreError> {
        self.put_if_absent(&self.tables.catalog, item).await
    }

    /// Writes `item` to `table` unless an item exists under its `pk` (and `sk`); says whether
    /// it wrote. The one conditional put of the store.
    pub(super) async fn put_if_absent(
        &self,
        table: &str,
        item: HashMap<String, AttributeValue>,
    ) -> Result<bool, StoreError> {
        let result = self
            .client
            .put_item()
            .table_name(table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(pk)")
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(SdkError::ServiceError(e)) if matches!(e.err(), PutItemError::ConditionalCheckFailedException(_)) => {
                Ok(false)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Every document under one partition of the catalog, in key order (a keyed Query).
    pub(crate) async fn query_docs<T: serde::de::DeserializeOwned>(
        &self,
        pk: &Partition,
    ) -> Result<Vec<T>, StoreError> {
        query_all(self.partition(pk)).await?.iter().map(doc).collect()
    }

    /// The Query of one partition of the catalog.
    pub(super) fn partition(&self, pk: &Partition) -> QueryFluentBuilder {
        self.client
            .query()
            .table_name(&self.tables.catalog)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", s(&pk.0))
    }

    /// The Query of the items of one partition of the catalog whose sort keys begin with `prefix`
    /// (one unit's items of a partition sorted by unit).
    pub(super) fn prefixed(&self, pk: &Partition, prefix: &str) -> QueryFluentBuilder {
        self.partition(pk)
            .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
            .expression_attribute_values(":prefix", s(prefix))
    }

    /// Writes documents in one transaction per 100 (DynamoDB's limit): all or none of each batch.
    pub(crate) async fn put_docs<T: Serialize>(&self, docs: &[(Key, &T)]) -> Result<(), StoreError> {
        for batch in docs.chunks(100) {
            let mut tx = self.client.transact_write_items();
            for (k, value) in batch {
                let mut item = key(k);
                item.insert("doc".into(), s(&serde_json::to_string(value).expect("domain types serialise")));
                let put = aws_sdk_dynamodb::types::Put::builder()
                    .table_name(&self.tables.catalog)
                    .set_item(Some(item))
                    .build()
                    .expect("table and item are set");
                tx = tx.transact_items(aws_sdk_dynamodb::types::TransactWriteItem::builder().put(put).build());
            }
            tx.send().await?;
        }
        Ok(())
    }

    /// Deletes catalog items by key, in transactions of 100 like `put_docs`.
    pub(crate) async fn delete_docs(&self, keys: &[Key]) -> Result<(), StoreError> {
        for batch in keys.chunks(100) {
            let mut tx = self.client.transact_write_items();
            for k in batch {
                let delete = aws_sdk_dynamodb::types::Delete::builder()
                    .table_name(&self.tables.catalog)
                    .set_key(Some(key(k)))
                    .build()
                    .expect("table and key are set");
                tx = tx.transact_items(aws_sdk_dynamodb::types::TransactWriteItem::builder().delete(delete).build());
            }
            tx.send().await?;
        }
        Ok(())
    }

    /// Deletes every item of one partition of the catalog; answers how many there were.
    pub(crate) async fn delete_partition(&self, pk: &Partition) -> Result<usize, StoreError> {
        let items = query_all(self.partition(pk).projection_expression("sk")).await?;
        let keys = items
            .iter()
            .map(|item| Ok(Key { pk: pk.0.clone(), sk: super::get_s(item, "sk")?.to_owned() }))
            .collect::<Result<Vec<_>, StoreError>>()?;
        self.delete_docs(&keys).await?;
        Ok(keys.len())
    }

    /// Writes a catalog document unless its key is taken; says whether it wrote.
    pub(crate) async fn insert_doc<T: Serialize>(&self, k: &Key, value: &T) -> Result<bool, StoreError> {
        self.put_doc_if_absent(k, value).await
    }

    /// Adds one to a counter attribute of a catalog item (created at 0 when absent).
    pub(crate) async fn bump(&self, k: &Key, attribute: &str) -> Result<(), StoreError> {
        self.client
            .update_item()
            .table_name(&self.tables.catalog)
            .set_key(Some(key(k)))
            .update_expression("ADD #c :one")
            .expression_attribute_names("#c", attribute)
            .expression_attribute_values(":one", aws_sdk_dynamodb::types::AttributeValue::N("1".into()))
            .send()
            .await?;
        Ok(())
    }

    /// The numeric attributes of every item of a partition, by sort key.
    pub(crate) async fn counters(
        &self,
        pk: &Partition,
    ) -> Result<Vec<(String, std::collections::BTreeMap<String, i64>)>, StoreError> {
        self.counters_of(self.partition(pk)).await
    }

    /// The numeric attributes of every item a Query of the catalog matches, by sort key.
    pub(crate) async fn counters_of(
        &self,
        query: QueryFluentBuilder,
    ) -> Result<Vec<(String, std::collections::BTreeMap<String, i64>)>, StoreError> {
        Ok(query_all(query)
            .await?
            .iter()
            .map(|item| {
                let sk = item.get("sk").and_then(|v| v.as_s().ok()).cloned().unwrap_or_default();
                let counts = item.iter().filter_map(|(k, v)| Some((k.clone(), v.as_n().ok()?.parse().ok()?))).collect();
                (sk, counts)
            })
            .collect())
    }

    pub async fn units(&self) -> Result<Vec<Unit>, StoreError> {
        self.query_docs(&keys::units()).await
    }

    /// Creates or replaces units, in transactions of 100.
    pub async fn save_units(&self, units: &[Unit]) -> Result<(), StoreError> {
        let docs: Vec<_> = units.iter().map(|u| (keys::unit(&u.code), u)).collect();
        self.put_docs(&docs).await
    }

    pub async fn unit(&self, code: &UnitCode) -> Result<Option<Unit>, StoreError> {
        self.get_doc(&keys::unit(code)).await
    }

    pub async fn questionnaire(&self, q: &QuestionnaireRef) -> Result<Option<Questionnaire>, StoreError> {
        self.get_doc(&keys::questionnaire(q)).await
    }

    pub async fn insert_unit(&self, u: &Unit) -> Result<bool, StoreError> {
        self.put_doc_if_absent(&keys::unit(&u.code), u).await
    }

    /// Every stored version of every questionnaire, ordered by id then version.
    pub async fn questionnaires(&self) -> Result<Vec<Questionnaire>, StoreError> {
        self.query_docs(&keys::questionnaires()).await
    }

    /// A questionnaire version, once stored, never changes: a new content needs a new version.
    pub async fn insert_questionnaire(&self, q: &Questionnaire) -> Result<bool, StoreError> {
        self.put_doc_if_absent(&keys::questionnaire(&q.reference()), q).await
    }
}
