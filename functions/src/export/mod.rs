//! Exports as jobs: `POST …/exports` checks what the caller may export, writes the job and
//! queues its first step, and answers 202 at once. The steps run one after the other, each over
//! one batch of units (the batches of `domain::batch`, as publishing uses: bounded in units and
//! in planned responses, so well under a minute of work whatever the campaign's size), each
//! appending that batch's rows to the file and queueing the next; the last one completes it.
//!
//! Constant memory: a step holds at most one S3 part ([`PART_BYTES`], S3's smallest but for
//! the last) and one unit's rows. Rows are encoded as they are read; whenever the buffer reaches
//! a part it is uploaded as the next part of the file's multipart upload; what is left at the end
//! of a step (less than a part) is carried to the next in a temporary object beside the file.
//! That keeps every part but the last at S3's 5 MiB minimum without ever holding the file.
//!
//! Every step can run twice: it starts from the job as stored (the part numbers, the carried
//! bytes and, for XLSX, the running CRC-32 and sizes), so a second run writes the same part
//! numbers and the same carry again, and only one run moves the job on (a conditional write on
//! its revision). A step of a job that moved past it only re-queues the next step, in case the
//! first run stopped between recording and queueing it.

mod rows;
mod xlsx;
mod zip;

use crate::export_files::ExportStore;

use crate::auth::{Caller, Role};
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::queue::ATTEMPTS;
use crate::random::random_bytes;
use crate::sheet::csv_row;
use crate::store::{ExportProgress, ExportRecord, StoredExport};
use hailong_domain::api::{ExportFormat, ExportJob, ExportRequest, JobState};
use hailong_domain::batch::batches;
use hailong_domain::csv::Csv;
use hailong_domain::{Campaign, CampaignId, ResponseId, UnitCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use xlsx::SheetWriter;

/// The size at which the buffered bytes go up as a part: S3's minimum for every part but the last.
pub const PART_BYTES: usize = 5 * 1024 * 1024;

/// One step of an export: batch `batch` of its units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The job's id (the key that tells an export step from a publication's).
    pub export: String,
    pub campaign: CampaignId,
    pub batch: u32,
}

impl Step {
    fn message(&self) -> String {
        serde_json::to_string(self).expect("steps serialise")
    }
}

/// Where the job's file is: `exports/{campaign}/{job}/{campaign}[-{unit}]-responses.{ext}`.
fn file_key(record: &ExportRecord) -> String {
    let unit = record.unit.as_ref().map(|u| format!("-{u}")).unwrap_or_default();
    format!("exports/{c}/{j}/{c}{unit}-responses.{}", record.format.extension(), c = record.campaign, j = record.job)
}

/// What step `batch` starts from, written by the step before.
fn carry_key(record: &ExportRecord, batch: u32) -> String {
    format!("exports/{}/{}/carry/{batch:06}", record.campaign, record.job)
}

/// The units an export covers: one, or all the campaign's, in campaign order.
fn scoped(campaign: &Campaign, unit: Option<&UnitCode>) -> Campaign {
    let mut scoped = campaign.clone();
    scoped.units.retain(|u| unit.is_none_or(|code| &u.code == code));
    scoped
}

/// Starts an export of the responses the caller may read: staff only their own units, and the
/// comment column only for administrators.
pub async fn begin(ctx: &Context, caller: &Caller, id: &CampaignId, req: ExportRequest) -> Result<ExportJob, ApiError> {
    let campaign = crate::services::campaign(ctx, id).await?;
    let scope = scoped(&campaign, req.unit.as_ref());
    if scope.units.is_empty() {
        let unit = req.unit.map(|u| u.to_string()).unwrap_or_default();
        return Err(ApiError::NotFound(format!("unit {unit:?} is not part of campaign {id}")));
    }
    for u in &scope.units {
        caller.require_unit_read(&u.code)?;
    }
    let record = ExportRecord {
        job: uuid::Uuid::from_bytes(random_bytes()).to_string(),
        campaign: campaign.id.clone(),
        format: req.format,
        unit: req.unit,
        comments: caller.role == Role::Admin,
        items: rows::items(ctx, &campaign).await?,
        requested_by: caller.user.clone(),
        started_at: clock::rfc3339(clock::now_ms()),
        units_total: scope.units.len() as u32,
        steps_total: batches(&scope).len() as u32,
        state: JobState::Running,
        failure: None,
        progress: ExportProgress::default(),
    };
    if !ctx.store.start_export(&record).await? {
        return Err(ApiError::Conflict);
    }
    let first = Step { export: record.job.clone(), campaign: record.campaign.clone(), batch: 0 };
    if let Err(e) = ctx.jobs.send(&[first.message()]).await {
        let stored = StoredExport { record: record.clone(), rev: 0 };
        fail(ctx, &stored, e.to_string()).await?;
        return Err(e.into());
    }
    view(ctx, &record).await
}

/// The job as the caller reads it; only its requester does (it was scoped to them).
pub async fn status(ctx: &Context, caller: &Caller, campaign: &CampaignId, job: &str) -> Result<ExportJob, ApiError> {
    view(ctx, &requested(ctx, caller, campaign, job).await?).await
}

async fn requested(ctx: &Context, caller: &Caller, campaign: &CampaignId, job: &str) -> Result<ExportRecord, ApiError> {
    match ctx.store.export(campaign, job).await? {
        Some(stored) if stored.record.requested_by == caller.user => Ok(stored.record),
        _ => Err(ApiError::NotFound(format!("campaign {campaign} has no export {job} of yours"))),
    }
}

/// Where a finished file is read.
pub enum Download {
    /// Locally: the file itself, which the admin route serves.
    File { name: String, format: ExportFormat, bytes: Vec<u8> },
    /// In AWS: its presigned link (a file past 6 MB cannot be a Lambda's answer).
    Link(String),
}

/// The finished file of a job, for its requester.
pub async fn file(ctx: &Context, caller: &Caller, campaign: &CampaignId, job: &str) -> Result<Download, ApiError> {
    let record = requested(ctx, caller, campaign, job).await?;
    let key = file_key(&record);
    let missing = || ApiError::NotFound(format!("export {job} has no file (yet)"));
    if record.state != JobState::Done {
        return Err(missing());
    }
    if let ExportStore::S3 { .. } = ctx.exports {
        return Ok(Download::Link(ctx.exports.link(&key, String::new()).await?));
    }
    let bytes = ctx.exports.get(&key).await?.ok_or_else(missing)?;
    let name = key.rsplit('/').next().unwrap_or_default().to_owned();
    Ok(Download::File { name, format: record.format, bytes })
}

async fn view(ctx: &Context, r: &ExportRecord) -> Result<ExportJob, ApiError> {
    let download = if r.state == JobState::Done {
        let route = format!("/api/admin/campaigns/{}/exports/{}/file", r.campaign, r.job);
        Some(ctx.exports.link(&file_key(r), route).await?)
    } else {
        None
    };
    Ok(ExportJob {
        job: r.job.clone(),
        campaign: r.campaign.clone(),
        format: r.format,
        unit: r.unit.clone(),
        state: r.state,
        units_done: r.progress.units_done,
        units_total: r.units_total,
        rows_written: r.progress.rows_written,
        started_at: r.started_at.clone(),
        download,
        failure: r.failure.clone(),
    })
}

async fn fail(ctx: &Context, stored: &StoredExport, message: String) -> Result<(), ApiError> {
    let failed = ExportRecord { state: JobState::Failed, failure: Some(message), ..stored.record.clone() };
    ctx.store.save_export(stored, &failed).await?;
    Ok(())
}

/// Runs one delivered step (`steps::deliver` read it). An `Err` is worth another delivery; on
/// the last one the job is failed with it instead.
pub async fn deliver(ctx: &Context, step: &Step, attempt: u32) -> Result<(), ApiError> {
    let result = run(ctx, step).await;
    if let Err(e) = &result {
        tracing::warn!(export = %step.export, batch = step.batch, attempt, error = %e.cause(), "export step failed");
        if attempt >= ATTEMPTS {
            let stored = ctx.store.export(&step.campaign, &step.export).await?;
            if let Some(stored) = stored.filter(|s| s.record.state == JobState::Running) {
                fail(ctx, &stored, format!("step {}: {}", step.batch, e.cause())).await?;
            }
            return Ok(());
        }
    }
    result
}

async fn run(ctx: &Context, step: &Step) -> Result<(), ApiError> {
    let Some(stored) = ctx.store.export(&step.campaign, &step.export).await? else {
        return Err(ApiError::NotFound(format!("campaign {} has no export {}", step.campaign, step.export)));
    };
    let record = &stored.record;
    let done = record.progress.steps_done;
    if record.state != JobState::Running {
        return Ok(());
    }
    if done == record.steps_total {
        return complete(ctx, &stored).await;
    }
    if done > step.batch {
        if done == step.batch + 1 {
            ctx.jobs.send(&[next(record, done)]).await?;
        }
        return Ok(());
    }
    if done < step.batch {
        return Err(ApiError::refused("export_out_of_order", format!("step {} before step {done}", step.batch)));
    }
    write(ctx, &stored, step.batch).await
}

fn next(record: &ExportRecord, batch: u32) -> String {
    Step { export: record.job.clone(), campaign: record.campaign.clone(), batch }.message()
}

/// The format's encoder of one step.
enum Encoder {
    Csv,
    Xlsx(SheetWriter),
}

async fn write(ctx: &Context, stored: &StoredExport, batch: u32) -> Result<(), ApiError> {
    let record = &stored.record;
    let campaign = crate::services::campaign(ctx, &record.campaign).await?;
    let units = batches(&scoped(&campaign, record.unit.as_ref()))
        .into_iter()
        .nth(batch as usize)
        .ok_or_else(|| ApiError::refused("export_units_changed", "the campaign's units changed during the export"))?;
    let excluded: BTreeMap<ResponseId, _> =
        ctx.store.exclusions(&record.campaign).await?.into_iter().map(|e| (e.response, e)).collect();
    let key = file_key(record);
    let mut progress = record.progress.clone();
    let mut out = Vec::with_capacity(PART_BYTES + PART_BYTES / 4);
    let mut encoder = if batch == 0 {
        progress.upload = Some(ctx.exports.start(&key).await?);
        let headers = rows::headers(record);
        match record.format {
            ExportFormat::Csv => {
                let mut head = Csv::new();
                head.text_row(&headers);
                out.extend_from_slice(head.finish().as_bytes());
                Encoder::Csv
            }
            ExportFormat::Xlsx => Encoder::Xlsx(SheetWriter::start(&headers, &mut out)),
        }
    } else {
        let carried = ctx.exports.get(&carry_key(record, batch)).await?;
        out.extend(carried.ok_or_else(|| ApiError::refused("export_carry_missing", format!("step {batch}")))?);
        match record.format {
            ExportFormat::Csv => Encoder::Csv,
            ExportFormat::Xlsx => Encoder::Xlsx(SheetWriter::resume(&progress)),
        }
    };
    let upload = progress.upload.clone().unwrap_or_default();
    for unit in &units {
        let responses = ctx.store.unit_responses(&record.campaign, unit).await?;
        match &mut encoder {
            Encoder::Csv => {
                let mut csv = Csv::continuing();
                for r in &responses {
                    csv_row(&mut csv, &rows::row(record, &excluded, r));
                }
                out.extend_from_slice(csv.finish().as_bytes());
            }
            Encoder::Xlsx(sheet) => {
                let mut xml = String::new();
                for (i, r) in responses.iter().enumerate() {
                    xlsx::row(&mut xml, progress.rows_written + i as u64 + 2, &rows::row(record, &excluded, r), false);
                }
                sheet.write(&xml, &mut out);
            }
        }
        progress.rows_written += responses.len() as u64;
        progress.units_done += 1;
        if out.len() >= PART_BYTES {
            let number = progress.parts.len() as u32 + 1;
            let part = std::mem::replace(&mut out, Vec::with_capacity(PART_BYTES + PART_BYTES / 4));
            progress.parts.push(ctx.exports.put_part(&key, &upload, number, part).await?);
        }
    }
    progress.steps_done = batch + 1;
    let last = progress.steps_done == record.steps_total;
    match encoder {
        Encoder::Csv => {}
        Encoder::Xlsx(sheet) if last => {
            sheet.finish(&mut out, &mut progress).map_err(|e| ApiError::refused("export_too_large", e.to_string()))?
        }
        Encoder::Xlsx(sheet) => sheet.pause(&mut out, &mut progress),
    }
    if last {
        // The last part may be smaller than the rest (an empty file has one, too).
        let number = progress.parts.len() as u32 + 1;
        progress.parts.push(ctx.exports.put_part(&key, &upload, number, out).await?);
    } else {
        ctx.exports.put_object(&carry_key(record, batch + 1), out).await?;
    }
    let moved = ExportRecord { progress, ..record.clone() };
    if !ctx.store.save_export(stored, &moved).await? {
        return Ok(()); // another delivery of this step got there first
    }
    let moved = StoredExport { record: moved, rev: stored.rev + 1 };
    if last { complete(ctx, &moved).await } else { Ok(ctx.jobs.send(&[next(&moved.record, batch + 1)]).await?) }
}

/// Puts the file together from its parts and ends the job. Run again (a crash in between), it
/// finds the file complete already and only ends the job.
async fn complete(ctx: &Context, stored: &StoredExport) -> Result<(), ApiError> {
    let record = &stored.record;
    let key = file_key(record);
    if !ctx.exports.exists(&key).await? {
        let upload = record.progress.upload.as_deref().unwrap_or_default();
        ctx.exports.complete(&key, upload, &record.progress.parts).await?;
    }
    let done = ExportRecord { state: JobState::Done, ..record.clone() };
    ctx.store.save_export(stored, &done).await?;
    Ok(())
}
