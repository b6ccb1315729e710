//! The receipts table: from a receipt code to where and when its response arrived.

use super::{Store, StoreError, get_n, get_s};
use aws_sdk_dynamodb::types::AttributeValue;
use hailong_domain::Receipt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRecord {
    pub response: String,
    pub campaign: String,
    pub unit: String,
    pub received_at_ms: i64,
}

impl Store {
    pub async fn receipt(&self, receipt: &Receipt) -> Result<Option<ReceiptRecord>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.tables.receipts)
            .key("pk", AttributeValue::S(receipt.as_str().to_owned()))
            .send()
            .await?;
        out.item()
            .map(|item| {
                Ok(ReceiptRecord {
                    response: get_s(item, "response")?.to_owned(),
                    campaign: get_s(item, "campaign")?.to_owned(),
                    unit: get_s(item, "unit")?.to_owned(),
                    received_at_ms: get_n(item, "received_at")?,
                })
            })
            .transpose()
    }
}
