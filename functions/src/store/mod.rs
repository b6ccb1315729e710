//! DynamoDB storage. Every read goes by key (no Scan on a request path) and every write of a
//! response is conditional, so a retry can never store a duplicate.

mod aggregates;
mod audit;
mod bulk;
mod campaigns;
pub mod capacity;
mod catalog;
mod exports;
mod jobs;
pub mod keys;
pub mod rates;
mod receipts;
mod records;
mod responses;
pub mod schema;
mod secrets;

pub use aggregates::Mark;
pub use audit::AuditPage;
pub use exports::{ExportProgress, ExportRecord, StoredExport};
pub use jobs::{JobRecord, PreviewRecord, StepResult, StoredJob};
pub use receipts::ReceiptRecord;
pub use records::{AuditEntry, Exclusion, ExclusionReason};
pub use responses::{LeafParts, Stored};

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::ProvideErrorMetadata;
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::AttributeValue;
use std::collections::HashMap;
use thiserror::Error;

/// Every item a Query matches, page after page: the one place the store pages through results.
async fn query_all(query: QueryFluentBuilder) -> Result<Vec<Item>, StoreError> {
    Ok(query.into_paginator().items().send().collect::<Result<Vec<_>, _>>().await?)
}

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("DynamoDB call failed: {0}")]
    Dynamo(String),
    #[error("stored item {key} is unreadable: {reason}")]
    Corrupt { key: String, reason: String },
    #[error("missing setting {0}: set it in the environment")]
    Config(&'static str),
    /// DynamoDB refused the request itself (a key too long or empty, an item too large): what
    /// was sent, not the store, is at fault, so it must not read as the store being down.
    #[error("DynamoDB refused the request: {0}")]
    Invalid(String),
}

impl<E: std::fmt::Debug + ProvideErrorMetadata> From<aws_sdk_dynamodb::error::SdkError<E>> for StoreError {
    fn from(e: aws_sdk_dynamodb::error::SdkError<E>) -> StoreError {
        match e.code() {
            Some("ValidationException") => StoreError::Invalid(e.message().unwrap_or_default().to_owned()),
            _ => StoreError::Dynamo(format!("{e:?}")),
        }
    }
}

/// The physical names of the tables declared in `infra/template.yaml`, keyed there by logical id.
#[derive(Debug, Clone)]
pub struct Tables {
    pub catalog: String,
    pub responses: String,
    pub receipts: String,
}

impl Tables {
    /// Logical ids in the template, and the environment variable that carries each name.
    pub const DECLARED: [(&'static str, &'static str); 3] = [
        ("CatalogTable", "HAILONG_CATALOG_TABLE"),
        ("ResponsesTable", "HAILONG_RESPONSES_TABLE"),
        ("ReceiptsTable", "HAILONG_RECEIPTS_TABLE"),
    ];

    /// Names as set on each function by the template.
    pub fn from_env() -> Result<Tables, StoreError> {
        let var = |logical: &str| {
            let (_, env) = Self::DECLARED.iter().find(|(l, _)| *l == logical).expect("declared");
            std::env::var(env).map_err(|_| StoreError::Config(env))
        };
        Ok(Tables { catalog: var("CatalogTable")?, responses: var("ResponsesTable")?, receipts: var("ReceiptsTable")? })
    }

    /// Names of a local stack: the logical id without `Table`, after a prefix (`hailong-catalog`).
    pub fn with_prefix(prefix: &str) -> Tables {
        Tables {
            catalog: format!("{prefix}catalog"),
            responses: format!("{prefix}responses"),
            receipts: format!("{prefix}receipts"),
        }
    }

    pub fn by_logical_id(&self, logical: &str) -> Option<&str> {
        match logical {
            "CatalogTable" => Some(&self.catalog),
            "ResponsesTable" => Some(&self.responses),
            "ReceiptsTable" => Some(&self.receipts),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Store {
    client: Client,
    tables: Tables,
    /// Secrets already read (they never change once made), so a warm function reads each once.
    secrets: std::sync::Arc<std::sync::Mutex<HashMap<String, Vec<u8>>>>,
}

impl Store {
    pub fn new(client: Client, tables: Tables) -> Store {
        Store { client, tables, secrets: Default::default() }
    }

    /// The same store, its every call's consumed capacity added to `recorder` by partition key.
    pub fn recording(&self, recorder: std::sync::Arc<capacity::CapacityRecorder>) -> Store {
        let config = self.client.config().to_builder().interceptor(capacity::Interceptor(recorder)).build();
        Store { client: Client::from_conf(config), ..self.clone() }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn tables(&self) -> &Tables {
        &self.tables
    }

    /// A cheap keyed read that proves the store answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.client.get_item().table_name(&self.tables.catalog).set_key(Some(key(&keys::health()))).send().await?;
        Ok(())
    }
}

type Item = HashMap<String, AttributeValue>;

/// Whether a conditional update was applied: `false` when its condition did not hold (a limit
/// reached, a job no longer running, a revision someone else wrote first).
fn updated<O>(
    result: Result<O, aws_sdk_dynamodb::error::SdkError<UpdateItemError, aws_sdk_dynamodb::config::http::HttpResponse>>,
) -> Result<bool, StoreError> {
    match result {
        Ok(_) => Ok(true),
        Err(aws_sdk_dynamodb::error::SdkError::ServiceError(e))
            if matches!(e.err(), UpdateItemError::ConditionalCheckFailedException(_)) =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

fn key(k: &keys::Key) -> Item {
    HashMap::from([("pk".to_owned(), s(&k.pk)), ("sk".to_owned(), s(&k.sk))])
}

fn s(v: &str) -> AttributeValue {
    AttributeValue::S(v.to_owned())
}

fn n(v: i64) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

fn get_s<'a>(item: &'a Item, name: &str) -> Result<&'a str, StoreError> {
    item.get(name).and_then(|v| v.as_s().ok()).map(String::as_str).ok_or_else(|| corrupt(item, name))
}

/// A string attribute that must parse as what it names (an id the store wrote itself).
fn get_parsed<T>(item: &Item, name: &str, parse: impl FnOnce(&str) -> Option<T>) -> Result<T, StoreError> {
    parse(get_s(item, name)?).ok_or_else(|| {
        let key = item.get("pk").and_then(|v| v.as_s().ok()).cloned().unwrap_or_default();
        StoreError::Corrupt { key, reason: format!("attribute {name} is not a valid id") }
    })
}

fn get_n(item: &Item, name: &str) -> Result<i64, StoreError> {
    item.get(name).and_then(|v| v.as_n().ok()).and_then(|v| v.parse().ok()).ok_or_else(|| corrupt(item, name))
}

fn corrupt(item: &Item, name: &str) -> StoreError {
    let key = item.get("pk").and_then(|v| v.as_s().ok()).cloned().unwrap_or_default();
    StoreError::Corrupt { key, reason: format!("attribute {name} missing or of the wrong type") }
}

/// Domain objects are stored whole as JSON in `doc`, beside the key attributes.
fn doc<T: serde::de::DeserializeOwned>(item: &Item) -> Result<T, StoreError> {
    serde_json::from_str(get_s(item, "doc")?).map_err(|e| StoreError::Corrupt {
        key: get_s(item, "pk").unwrap_or_default().to_owned(),
        reason: e.to_string(),
    })
}
