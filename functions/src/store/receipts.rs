//! The receipts table: from a receipt code to where and when its response arrived.

use super::{Store, StoreError, get_n, get_parsed};
use aws_sdk_dynamodb::types::AttributeValue;
use hailong_domain::{CampaignId, Receipt, ResponseId, UnitCode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRecord {
    pub response: ResponseId,
    pub campaign: CampaignId,
    pub unit: UnitCode,
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
                    response: get_parsed(item, "response", |s| s.parse().ok())?,
                    campaign: get_parsed(item, "campaign", |s| CampaignId::parse(s).ok())?,
                    unit: get_parsed(item, "unit", |s| UnitCode::parse(s).ok())?,
                    received_at_ms: get_n(item, "received_at")?,
                })
            })
            .transpose()
    }
}
