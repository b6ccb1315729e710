//! Bodies of the public HTTP API, shared by the browser and the functions so both sides agree.

use crate::authority::Authority;
use crate::campaign::CampaignStatus;
use crate::code::{CampaignId, UnitCode};
use crate::date::Date;
use crate::questionnaire::Questionnaire;
use crate::receipt::Receipt;
use crate::response::Channel;
use crate::response::ItemError;
use crate::response::Response;
use crate::response::ResponseId;
use crate::results::NodeHash;
use crate::unit::UnitKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Largest body `POST /api/responses` accepts, in bytes (HTTP 413 above it).
pub const MAX_SUBMISSION_BYTES: usize = 64 * 1024;

/// `GET /api/forms/{campaign}/{unit}`: everything the questionnaire page needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormView {
    pub campaign: CampaignSummary,
    pub unit: UnitSummary,
    pub questionnaire: Questionnaire,
    /// The poster code of the link was replaced by a newer poster: answers still count, the
    /// page says so and drops the old code.
    #[serde(default)]
    pub poster_replaced: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignSummary {
    pub id: CampaignId,
    pub title: String,
    /// Who runs the campaign, named in the form's header (none for campaigns stored before it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
    pub opens: Date,
    pub closes: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitSummary {
    pub code: UnitCode,
    pub name: String,
    pub kind: UnitKind,
}

/// `POST /api/responses`: 201 when stored, 200 with the same receipt on an identical retry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmitAccepted {
    pub receipt: Receipt,
}

/// `GET /api/receipts/{receipt}`: proof of receipt, never the answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptView {
    pub campaign: CampaignId,
    pub unit: UnitCode,
    /// RFC 3339, UTC.
    pub received_at: String,
    /// The hash of this response's leaf (`results::digest`), once its campaign has published
    /// results: the reader looks for it in the unit's leaves file of the latest version and
    /// checks that file up to the published digest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaf: Option<NodeHash>,
    /// The latest published version, when the server found the leaf in its unit's leaves file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted_in: Option<u32>,
    /// Taken out of the count by an administrator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded: Option<ExcludedNote>,
}

/// Why a response is not counted (`invalid`, `fraud`, `failed_verification`, `other`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcludedNote {
    pub reason: String,
}

/// `GET /api/admin/responses/{id}` (administrators): one stored response as the console shows
/// it before an exclusion, with its unit's name and its exclusion if it has one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseDetail {
    pub response: Response,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded: Option<ExcludedNote>,
}

/// `GET /api/results`: one published campaign and its versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub campaign: CampaignId,
    pub title: String,
    /// Who ran the campaign (absent from publications made before it was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
    /// The survey's dates (absent from publications made before they were recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Window>,
    pub versions: Vec<PublishedVersion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedVersion {
    pub version: u32,
    pub published_at: String,
    pub reason: Option<String>,
    pub digest: String,
}

/// A publication job: `POST /api/admin/campaigns/{c}/publish` answers it (202) as soon as the
/// version is claimed, `GET …/publish/{job}` shows how far it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishJob {
    pub job: String,
    pub campaign: CampaignId,
    /// The version this job publishes; it becomes visible only when the job is done.
    pub version: u32,
    pub state: JobState,
    /// Units whose leaves are hashed and written, of all the campaign's units.
    pub units_done: u32,
    pub units_total: u32,
    pub responses_hashed: u64,
    /// RFC 3339, UTC: when it was asked for (and the snapshot's `published_at`).
    pub started_at: String,
    /// The published digest, once done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<JobFailure>,
}

/// A preview of the figures as they would be published now, computed as a job:
/// `POST /api/admin/campaigns/{c}/preview` answers it (202), `GET …/preview/{job}?cursor=&limit=`
/// shows its state and, once done, its figures a page of units at a time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewJob {
    pub job: String,
    pub campaign: CampaignId,
    pub state: JobState,
    /// RFC 3339, UTC: when it was asked for.
    pub started_at: String,
    /// Once done: the snapshot as it would be published (version 0, no digest), its `units`
    /// the page asked for, its overall figures and exclusions those of every unit previewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figures: Option<crate::results::Snapshot>,
    /// Once done: every unit previewed, and their counted responses.
    #[serde(default)]
    pub units_total: usize,
    #[serde(default)]
    pub counted_total: u64,
    /// The cursor of the next page of units (the index of its first unit), if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// Why it failed, in English (for the logs and API users).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    Done,
    /// Nothing was published; the version number is free again.
    Failed,
}

/// Why a publication job stopped, for the console to say in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum JobFailure {
    /// Responses are stored that the aggregates do not count yet (the stream lags or stalled):
    /// how many, and in which units (the first few).
    NotFullyCounted { stored: u64, counted: u64, units: Vec<UnitCode> },
    /// A response was excluded while the job ran: publishing again takes it out wholly.
    ExclusionsChanged,
    /// A step failed on every retry.
    StepFailed { step: String, message: String },
}

/// The body of every 4xx and 5xx answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// A stable code for programs (`not_found`, `closed`, `invalid_answers`, …).
    pub error: String,
    /// A sentence for people.
    pub message: String,
    /// Per-item problems, for `invalid_answers`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemError>,
    /// Per-row problems of an import (`invalid_rows`): nothing of the file was stored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<RowError>,
    /// The campaign window, for `closed` and `not_yet_open`, so the page can say the dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub opens: Date,
    pub closes: Date,
}

/// A problem with one row of an imported file (rows count from 1, the header being row 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub row: usize,
    pub message: String,
}

/// `GET /api/admin/campaigns/{c}/progress`: responses against quota per unit (those the caller
/// may see), for the console's campaign, posters and re-verification pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub campaign: CampaignId,
    pub status: CampaignStatus,
    /// The share of the campaign's days gone by (0–1): how far each quota should be by now.
    pub expected_share: f64,
    /// One page of the units, in the campaign's order.
    pub units: Vec<UnitProgress>,
    /// The `cursor` of the next page, if the units go on.
    #[serde(default)]
    pub next: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitProgress {
    pub code: String,
    pub name: Option<String>,
    pub quota: u32,
    pub received: usize,
    pub counted: usize,
    pub excluded: usize,
    pub by_channel: BTreeMap<Channel, usize>,
    /// Counted responses as a % of quota.
    pub pct_of_quota: f64,
    pub behind: bool,
    pub volume: Option<u32>,
    pub suggested_quota: Option<u32>,
    /// Counted responses per unit of service volume, in %.
    pub response_rate: Option<f64>,
    pub verification: VerificationProgress,
    pub alert: Option<String>,
    /// Per poster version: scans, starts and completions.
    pub posters: BTreeMap<u32, BTreeMap<String, i64>>,
}

impl UnitProgress {
    /// The unit's name, or its code when the register has none.
    pub fn label(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.code.clone())
    }
}

/// Re-verification (phúc tra) of a unit: drawn, and of those, confirmed or found discrepant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationProgress {
    pub sampled: usize,
    pub confirmed: usize,
    pub discrepancy: usize,
}

/// One response drawn for re-verification (phúc tra) and its verdict so far: the stored record,
/// and each entry of `GET …/verification-sample`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    pub response: ResponseId,
    pub unit: UnitCode,
    pub seed: u64,
    pub status: VerificationStatus,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    Pending,
    Confirmed,
    Discrepancy,
}

/// The file an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}

/// `POST /api/admin/campaigns/{c}/exports`: the responses of the whole campaign, or of one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    pub format: ExportFormat,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitCode>,
}

/// An export job: `POST …/exports` answers it (202), `GET …/exports/{job}` shows how far it got
/// and, once done, where to download the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportJob {
    pub job: String,
    pub campaign: CampaignId,
    pub format: ExportFormat,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitCode>,
    pub state: JobState,
    /// Units whose responses are written, of all the units exported.
    pub units_done: u32,
    pub units_total: u32,
    pub rows_written: u64,
    /// RFC 3339, UTC.
    pub started_at: String,
    /// Once done: a short-lived link to the file (AWS) or the admin route that serves it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
}
