//! The preview as a job, so that no request's work grows with the campaign: `POST …/preview`
//! records the job with its caller (staff preview their own units) and queues its one step; the
//! step computes the figures from the aggregates as publishing's finish step does
//! (`publish::compute`) and writes them as private files beside the exports (unpublished
//! figures: never the public site bucket), the snapshot without its units in one and the units
//! in files of [`FILE_UNITS`]; `GET …/preview/{job}?cursor=&limit=` answers the job's state and,
//! once done, a page of units, reading the head file and at most two units files.

use crate::auth::Caller;
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::queue::ATTEMPTS;
use crate::random::random_bytes;
use crate::results::publish;
use crate::routes::IndexPage;
use crate::store::{PreviewRecord, StoreError};
use hailong_domain::CampaignId;
use hailong_domain::api::{JobState, PreviewJob};
use hailong_domain::results::{Snapshot, SnapshotUnit};
use lambda_http::{Body, Response};
use serde::{Deserialize, Serialize};

/// Units of a page unless `limit` says otherwise, and the most it may say.
pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 100;
/// Units in each written file: a page of at most [`MAX_LIMIT`] spans at most two of them.
const FILE_UNITS: usize = MAX_LIMIT;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "preview", rename_all = "snake_case")]
pub enum Step {
    Compute { campaign: CampaignId, job: String },
}

/// The head file: the snapshot with no units, and what its units add up to.
#[derive(Serialize, Deserialize)]
struct Head {
    figures: Snapshot,
    units_total: usize,
    counted_total: u64,
}

fn head_file(campaign: &CampaignId, job: &str) -> String {
    format!("exports/{campaign}/{job}/preview/head.json")
}

fn units_file(campaign: &CampaignId, job: &str, part: usize) -> String {
    format!("exports/{campaign}/{job}/preview/units-{part:05}.json")
}

/// What a page request asks: the index of its first unit (`cursor`, 0 when absent) and how many.
pub fn page_query(param: impl Fn(&str) -> Option<String>) -> Result<IndexPage, ApiError> {
    IndexPage::parse(param, DEFAULT_LIMIT, MAX_LIMIT)
}

fn view(record: &PreviewRecord) -> PreviewJob {
    PreviewJob {
        job: record.job.clone(),
        campaign: record.campaign.clone(),
        state: record.state,
        started_at: record.started_at.clone(),
        figures: None,
        units_total: 0,
        counted_total: 0,
        next: None,
        failure: record.failure.clone(),
    }
}

/// `POST /api/admin/campaigns/{c}/preview`: anyone who reads results; answers 202 with the job.
pub async fn start(ctx: &Context, caller: &Caller, id: &CampaignId) -> Result<Response<Body>, ApiError> {
    let campaign = crate::services::campaign(ctx, id).await?;
    let record = PreviewRecord {
        job: uuid::Uuid::from_bytes(random_bytes()).to_string(),
        campaign: campaign.id.clone(),
        caller: caller.clone(),
        started_at: clock::rfc3339(clock::now_ms()),
        state: JobState::Running,
        failure: None,
    };
    ctx.store.save_preview(&record).await?;
    let step = Step::Compute { campaign: campaign.id.clone(), job: record.job.clone() };
    if let Err(e) = ctx.jobs.send(&[serde_json::to_string(&step).expect("steps serialise")]).await {
        fail(ctx, &record, e.to_string()).await?;
        return Err(e.into());
    }
    Ok(json(202, &view(&record)))
}

async fn fail(ctx: &Context, record: &PreviewRecord, cause: String) -> Result<(), ApiError> {
    let failed = PreviewRecord { state: JobState::Failed, failure: Some(cause), ..record.clone() };
    Ok(ctx.store.save_preview(&failed).await?)
}

/// Runs the delivered step (`steps::deliver` read it): an `Err` is worth another delivery; on
/// the last one the job is failed with it instead.
pub async fn deliver(ctx: &Context, step: &Step, attempt: u32) -> Result<(), ApiError> {
    let Step::Compute { campaign, job } = step;
    let result = compute(ctx, campaign, job).await;
    if let Err(e) = &result {
        tracing::warn!(job = %job, attempt, error = %e.cause(), "preview step failed");
        if attempt >= ATTEMPTS {
            if let Some(record) = ctx.store.preview_job(campaign, job).await? {
                fail(ctx, &record, e.cause()).await?;
            }
            return Ok(());
        }
    }
    result
}

async fn compute(ctx: &Context, campaign: &CampaignId, job: &str) -> Result<(), ApiError> {
    let Some(record) = ctx.store.preview_job(campaign, job).await? else {
        return Err(ApiError::NotFound(format!("campaign {campaign} has no preview job {job}")));
    };
    // A late redelivery of a job that ended already has nothing left to do.
    if record.state != JobState::Running {
        return Ok(());
    }
    let mut figures = publish::preview(ctx, &record.caller, campaign).await?;
    let units = std::mem::take(&mut figures.units);
    for (part, chunk) in units.chunks(FILE_UNITS).enumerate() {
        let body = serde_json::to_vec(chunk).expect("snapshots serialise");
        ctx.exports.put_object(&units_file(campaign, job, part), body).await?;
    }
    let head = Head { units_total: units.len(), counted_total: units.iter().map(|u| u.figures.n).sum(), figures };
    ctx.exports.put_object(&head_file(campaign, job), serde_json::to_vec(&head).expect("serialises")).await?;
    Ok(ctx.store.save_preview(&PreviewRecord { state: JobState::Done, ..record }).await?)
}

async fn read<T: serde::de::DeserializeOwned>(ctx: &Context, key: &str) -> Result<T, ApiError> {
    let bytes = ctx.exports.get(key).await?.ok_or_else(|| {
        ApiError::NotFound(format!("the preview's file {key} is gone (previews are kept 7 days); preview again"))
    })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| StoreError::Corrupt { key: key.to_owned(), reason: e.to_string() }.into())
}

/// `GET /api/admin/campaigns/{c}/preview/{job}[?cursor=&limit=]`: the job's state and, once
/// done, the page of its units from `cursor` (the index of the first), with the next page's
/// cursor. A preview is its requester's (it was scoped to their units): anyone else is told
/// there is none.
pub async fn status(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    job: &str,
    query: &IndexPage,
) -> Result<Response<Body>, ApiError> {
    let record = ctx
        .store
        .preview_job(campaign, job)
        .await?
        .filter(|r| r.caller.user == caller.user)
        .ok_or_else(|| ApiError::NotFound(format!("campaign {campaign} has no preview job {job} of yours")))?;
    let mut answer = view(&record);
    if record.state == JobState::Done {
        let Head { mut figures, units_total, counted_total } = read(ctx, &head_file(campaign, job)).await?;
        let (page, next) = query.within(units_total, "preview")?;
        for part in (page.start / FILE_UNITS)..page.end.div_ceil(FILE_UNITS) {
            let chunk: Vec<SnapshotUnit> = read(ctx, &units_file(campaign, job, part)).await?;
            let first = part * FILE_UNITS;
            let wanted = page.start.saturating_sub(first)..page.end - first;
            figures.units.extend(chunk.into_iter().enumerate().filter(|(i, _)| wanted.contains(i)).map(|(_, u)| u));
        }
        answer.next = next.map(|n| n.to_string());
        (answer.units_total, answer.counted_total, answer.figures) = (units_total, counted_total, Some(figures));
    }
    Ok(json(200, &answer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_read_back_as_sent_and_pages_are_bounded() {
        let step = Step::Compute { campaign: CampaignId::parse("c").unwrap(), job: "j".into() };
        assert_eq!(serde_json::from_str::<Step>(&serde_json::to_string(&step).unwrap()).unwrap(), step);
        let page = |pairs: &[(&str, &str)]| {
            page_query(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned()))
        };
        assert_eq!(page(&[]).unwrap(), IndexPage { start: 0, limit: DEFAULT_LIMIT });
        assert_eq!(page(&[("cursor", "150"), ("limit", "100")]).unwrap(), IndexPage { start: 150, limit: 100 });
        for bad in [&[("limit", "101")][..], &[("cursor", "x")]] {
            assert!(matches!(page(bad), Err(ApiError::BadRequest { .. })), "{bad:?}");
        }
    }
}
