//! Export jobs: what a job exports (fixed when it starts), how far its steps got, and what the
//! next step needs to carry on writing the file. One item per job; every write is conditional on
//! the revision read, so that of two deliveries of a step only one moves the job on.

use super::keys;
use super::{Store, StoreError, doc, get_n, key, n, s, updated};
use hailong_domain::api::{ExportFormat, JobState};
use hailong_domain::{CampaignId, UnitCode};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRecord {
    pub job: String,
    pub campaign: CampaignId,
    pub format: ExportFormat,
    /// One unit, or the whole campaign.
    pub unit: Option<UnitCode>,
    /// Whether the comment column is written: only for administrators (`export::rows`).
    pub comments: bool,
    /// The item columns, fixed when the job starts so that every step writes the same ones.
    pub items: Vec<String>,
    /// Who asked for it: only they read its progress and its file.
    pub requested_by: String,
    pub started_at: String,
    pub units_total: u32,
    pub steps_total: u32,
    pub state: JobState,
    #[serde(default)]
    pub failure: Option<String>,
    #[serde(default)]
    pub progress: ExportProgress,
}

/// What the steps done so far wrote, and what the next one continues from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportProgress {
    pub steps_done: u32,
    pub units_done: u32,
    pub rows_written: u64,
    /// The multipart upload the parts belong to (its id), once the first step started it.
    pub upload: Option<String>,
    /// The uploaded parts' ETags, in part order.
    pub parts: Vec<String>,
    /// XLSX only: the running CRC-32 and sizes of the sheet's zip entry.
    pub crc: u32,
    pub plain: u64,
    pub packed: u64,
}

/// An export job as stored, with the revision a write must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredExport {
    pub record: ExportRecord,
    pub rev: i64,
}

impl Store {
    /// Writes a new export job; `false` if one exists under its id.
    pub async fn start_export(&self, record: &ExportRecord) -> Result<bool, StoreError> {
        let mut item = key(&keys::export_job(&record.campaign, &record.job));
        item.insert("doc".into(), s(&serde_json::to_string(record).expect("exports serialise")));
        item.insert("rev".into(), n(0));
        self.put_catalog_if_absent(item).await
    }

    pub async fn export(&self, campaign: &CampaignId, job: &str) -> Result<Option<StoredExport>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.tables.catalog)
            .set_key(Some(key(&keys::export_job(campaign, job))))
            .consistent_read(true)
            .send()
            .await?;
        out.item().map(|item| Ok(StoredExport { record: doc(item)?, rev: get_n(item, "rev")? })).transpose()
    }

    /// Replaces the job's record if it is still at the revision `stored` was read at; `false`
    /// when another delivery wrote it meanwhile, and then nothing changes.
    pub async fn save_export(&self, stored: &StoredExport, record: &ExportRecord) -> Result<bool, StoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.tables.catalog)
            .set_key(Some(key(&keys::export_job(&record.campaign, &record.job))))
            .update_expression("SET doc = :doc, rev = :next")
            .condition_expression("rev = :rev")
            .expression_attribute_values(":doc", s(&serde_json::to_string(record).expect("exports serialise")))
            .expression_attribute_values(":next", n(stored.rev + 1))
            .expression_attribute_values(":rev", n(stored.rev))
            .send()
            .await;
        updated(result)
    }
}
