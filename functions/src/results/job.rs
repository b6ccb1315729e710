//! Publishing as a job: `POST …/publish` claims the next version, writes the job and queues its
//! first step, and answers 202 at once, whatever the campaign's size. The steps, each bounded:
//!
//! 1. **plan**: cut the campaign's units into batches (`domain::batch`: at most 50 units and
//!    10,000 planned responses), and queue one hash step per batch;
//! 2. **hash** (in parallel): for each unit of the batch, the stored responses against their
//!    count marks (a response stored but not counted fails the job, in words), the unit's leaves
//!    file written beside the snapshot and its root recorded with the step;
//! 3. **finish** (queued by whichever hash step completes the set): the figures from the
//!    aggregates, checked unit by unit against the hashed counts, the snapshot and roots files,
//!    then the version made visible in the list of publications.
//!
//! Nothing is written per response. Every step can run twice (a redelivery, a crash and retry):
//! steps are recorded once, the snapshot is the same bytes, the version is listed once. An
//! exclusion made while the job runs fails it (the exclusions are fingerprinted when it starts
//! and checked by every step), so a version never counts a response its digest leaves out.

use crate::auth::{Caller, Role};
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::queue::ATTEMPTS;
use crate::random::random_bytes;
use crate::results::publish;
use crate::snapshots;
use crate::store::{Exclusion, JobRecord, Mark, StepResult, StoredJob};
use hailong_domain::api::{JobFailure, JobState, Publication, PublishJob, PublishedVersion, Window};
use hailong_domain::batch::batches;
use hailong_domain::results::digest::{UnitLeaves, UnitRoots, leaves_path, roots_path};
use hailong_domain::{CampaignId, CampaignStatus, ResponseId, UnitCode};
use lambda_http::{Body, Response};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// Units named in a "not counted yet" failure: enough to act on, bounded at 10,000 units.
const NAMED_UNITS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    Plan { campaign: CampaignId, job: String },
    Hash { campaign: CampaignId, job: String, batch: u32, units: Vec<UnitCode> },
    Finish { campaign: CampaignId, job: String },
}

impl Step {
    fn ids(&self) -> (&CampaignId, &str) {
        match self {
            Step::Plan { campaign, job } | Step::Finish { campaign, job } | Step::Hash { campaign, job, .. } => {
                (campaign, job)
            }
        }
    }

    fn name(&self) -> String {
        match self {
            Step::Plan { .. } => "plan".into(),
            Step::Hash { batch, .. } => format!("hash {batch}"),
            Step::Finish { .. } => "finish".into(),
        }
    }

    fn message(&self) -> String {
        serde_json::to_string(self).expect("steps serialise")
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct PublishRequest {
    #[serde(default)]
    pub reason: Option<String>,
}

/// What a job's steps compare to see that no exclusion was made meanwhile: the SHA-256 of the
/// excluded response ids, sorted.
fn exclusions_digest(exclusions: &[Exclusion]) -> String {
    let ids: BTreeSet<&ResponseId> = exclusions.iter().map(|e| &e.response).collect();
    let mut hash = Sha256::new();
    for id in ids {
        hash.update(id.as_bytes());
        hash.update(b"\n");
    }
    hex(&hash.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `POST /api/admin/campaigns/{c}/publish`, body `{"reason"?}`: administrators only; the campaign
/// must be closed; a second publication needs a public reason. Answers 202 with the job.
pub async fn start(
    ctx: &Context,
    caller: &Caller,
    id: &CampaignId,
    req: PublishRequest,
) -> Result<Response<Body>, ApiError> {
    Ok(json(202, &begin(ctx, caller, id, req).await?))
}

/// Claims the next version of a campaign's results and queues the job that publishes it.
pub async fn begin(
    ctx: &Context,
    caller: &Caller,
    id: &CampaignId,
    req: PublishRequest,
) -> Result<PublishJob, ApiError> {
    caller.require_admin()?;
    let campaign = crate::services::campaign(ctx, id).await?;
    if campaign.status != CampaignStatus::Closed {
        return Err(ApiError::refused("campaign_not_closed", "close the campaign before publishing its results"));
    }
    let version = ctx.store.publication(id).await?.map_or(1, |p| p.versions.len() as u32 + 1);
    let reason = req.reason.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
    if version > 1 && reason.is_none() {
        return Err(ApiError::bad_request(
            "reason_required",
            "a new version of published results needs a public reason",
        ));
    }
    // A failed job leaves its version free; a running one keeps it.
    if let Some(other) = ctx.store.claimant(id, version).await? {
        match ctx.store.job(id, &other).await? {
            Some(j) if j.record.state != JobState::Failed => {
                return Err(ApiError::refused(
                    "publish_busy",
                    format!("version {version} is being published already (job {other}); wait for it to finish"),
                ));
            }
            _ => ctx.store.release_claim(id, version, &other).await?,
        }
    }
    let job = uuid::Uuid::from_bytes(random_bytes()).to_string();
    let record = JobRecord {
        job: job.clone(),
        campaign: campaign.id.clone(),
        version,
        units_total: campaign.units.len() as u32,
        steps_total: batches(&campaign).len() as u32,
        started_at: clock::rfc3339(clock::now_ms()),
        reason,
        requested_by: caller.user.clone(),
        exclusions: exclusions_digest(&ctx.store.exclusions(id).await?),
        state: JobState::Running,
        digest: None,
        failure: None,
    };
    if !ctx.store.start_job(&record).await? {
        return Err(ApiError::refused("publish_busy", "another publication of this campaign is under way"));
    }
    if let Err(e) = ctx.jobs.send(&[Step::Plan { campaign: campaign.id.clone(), job: job.clone() }.message()]).await {
        fail(ctx, &record, JobFailure::StepFailed { step: "plan".into(), message: e.to_string() }).await?;
        return Err(e.into());
    }
    Ok(StoredJob { record, units_done: 0, responses_hashed: 0, steps_done: 0 }.view())
}

/// `GET /api/admin/campaigns/{c}/publish/{job}`: how far the job got.
pub async fn status(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    job: &str,
) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let stored = ctx
        .store
        .job(campaign, job)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("campaign {campaign} has no publication job {job}")))?;
    Ok(json(200, &stored.view()))
}

/// Ends a running job as failed and frees its version.
async fn fail(ctx: &Context, record: &JobRecord, failure: JobFailure) -> Result<(), ApiError> {
    let ended = JobRecord { state: JobState::Failed, failure: Some(failure), ..record.clone() };
    if ctx.store.end_job(&ended).await? {
        ctx.store.release_claim(&record.campaign, record.version, &record.job).await?;
    }
    Ok(())
}

/// Runs one delivered step (`steps::deliver` read it). An `Err` is worth another delivery; on
/// the last one the job is failed with it instead, so that nothing waits on a step that will
/// never succeed.
pub async fn deliver(ctx: &Context, step: &Step, attempt: u32) -> Result<(), ApiError> {
    let result = run(ctx, step).await;
    if let Err(e) = &result {
        tracing::warn!(step = %step.name(), attempt, error = %e.cause(), "publication step failed");
        if attempt >= ATTEMPTS {
            let (campaign, job) = step.ids();
            if let Some(stored) = ctx.store.job(campaign, job).await? {
                let failure = JobFailure::StepFailed { step: step.name(), message: e.cause() };
                fail(ctx, &stored.record, failure).await?;
            }
            return Ok(());
        }
    }
    result
}

async fn run(ctx: &Context, step: &Step) -> Result<(), ApiError> {
    let (campaign, job) = step.ids();
    let Some(stored) = ctx.store.job(campaign, job).await? else {
        return Err(ApiError::NotFound(format!("campaign {campaign} has no publication job {job}")));
    };
    // A step of a job that ended already (a late redelivery) has nothing left to do.
    if stored.record.state != JobState::Running {
        return Ok(());
    }
    let record = &stored.record;
    let exclusions = ctx.store.exclusions(campaign).await?;
    if exclusions_digest(&exclusions) != record.exclusions {
        return fail(ctx, record, JobFailure::ExclusionsChanged).await;
    }
    match step {
        Step::Plan { .. } => plan(ctx, record).await,
        Step::Hash { batch, units, .. } => hash(ctx, record, &exclusions, *batch, units).await,
        Step::Finish { .. } => finish(ctx, &stored, &exclusions).await,
    }
}

async fn plan(ctx: &Context, record: &JobRecord) -> Result<(), ApiError> {
    let campaign = crate::services::campaign(ctx, &record.campaign).await?;
    let steps: Vec<String> = batches(&campaign)
        .into_iter()
        .enumerate()
        .map(|(i, units)| {
            Step::Hash { campaign: record.campaign.clone(), job: record.job.clone(), batch: i as u32, units }.message()
        })
        .collect();
    if steps.is_empty() {
        return ctx.jobs.send(&[finish_step(record)]).await.map_err(Into::into);
    }
    Ok(ctx.jobs.send(&steps).await?)
}

fn finish_step(record: &JobRecord) -> String {
    Step::Finish { campaign: record.campaign.clone(), job: record.job.clone() }.message()
}

async fn hash(
    ctx: &Context,
    record: &JobRecord,
    exclusions: &[Exclusion],
    batch: u32,
    units: &[UnitCode],
) -> Result<(), ApiError> {
    let campaign = &record.campaign;
    let excluded: BTreeSet<&ResponseId> = exclusions.iter().map(|e| &e.response).collect();
    let mut result = StepResult { roots: Vec::with_capacity(units.len()), not_counted: Vec::new() };
    for unit in units {
        let parts = ctx.store.unit_leaf_parts(campaign, unit).await?;
        let marks = ctx.store.unit_marks(&record.campaign, unit).await?;
        let mut leaves = Vec::with_capacity(parts.len());
        let mut uncounted = 0u64;
        for part in parts.iter().filter(|p| !excluded.contains(&p.id)) {
            match marks.get(&part.id) {
                Some(Mark::Counted) => leaves.push(part.leaf()?),
                Some(Mark::Excluded) => {}
                None => uncounted += 1,
            }
        }
        if uncounted > 0 {
            let counted = leaves.len() as u64;
            result.not_counted.push((unit.clone(), counted + uncounted, counted));
        }
        let file = UnitLeaves::new(record.campaign.clone(), record.version, unit.clone(), leaves);
        ctx.snapshots.put_json(&leaves_path(campaign.as_str(), record.version, unit.as_str()), &file).await?;
        result.roots.push(file.root());
    }
    ctx.store.record_step(campaign, &record.job, batch, &result).await?;
    // Recorded now or by an earlier delivery: either way, if every step is in, finish. Two last
    // steps may both queue it; finishing twice publishes once.
    let now = ctx.store.job(campaign, &record.job).await?;
    if now.is_some_and(|j| j.steps_done >= j.record.steps_total) {
        ctx.jobs.send(&[finish_step(record)]).await?;
    }
    Ok(())
}

async fn finish(ctx: &Context, stored: &StoredJob, exclusions: &[Exclusion]) -> Result<(), ApiError> {
    let record = &stored.record;
    let id = &record.campaign;
    if stored.steps_done < record.steps_total {
        return Err(ApiError::refused(
            "publish_unfinished",
            format!("{} of {} steps are done", stored.steps_done, record.steps_total),
        ));
    }
    let steps = ctx.store.step_results(id, &record.job).await?;
    let (mut stored_n, mut counted_n, mut named) = (0u64, 0u64, Vec::new());
    for (unit, stored, counted) in steps.iter().flat_map(|s| s.not_counted.iter()) {
        stored_n += stored;
        counted_n += counted;
        if named.len() < NAMED_UNITS {
            named.push(unit.clone());
        }
    }
    if stored_n > counted_n {
        let failure = JobFailure::NotFullyCounted { stored: stored_n, counted: counted_n, units: named };
        return fail(ctx, record, failure).await;
    }
    let roots =
        UnitRoots::new(record.campaign.clone(), record.version, steps.into_iter().flat_map(|s| s.roots).collect());
    let campaign = crate::services::campaign(ctx, id).await?;
    let publisher = Caller { user: record.requested_by.clone(), role: Role::Admin, units: vec![] };
    let by_reason = publish::excluded_by_reason(exclusions, &publisher);
    let digest = roots.digest.to_string();
    let stamp = publish::Stamp {
        version: record.version,
        published_at: record.started_at.clone(),
        reason: record.reason.clone(),
        digest: digest.clone(),
    };
    let snapshot = publish::compute(ctx, &campaign, by_reason, &publisher, stamp).await?;
    // The figures and the digest must count the same responses, unit by unit.
    let hashed: BTreeMap<&str, u64> = roots.units.iter().map(|u| (u.unit.as_str(), u.n)).collect();
    for unit in &snapshot.units {
        let in_digest = hashed.get(unit.code.as_str()).copied().unwrap_or(0);
        if unit.figures.n != in_digest {
            let message =
                format!("unit {}: the figures count {} responses, the digest {in_digest}", unit.code, unit.figures.n);
            return fail(ctx, record, JobFailure::StepFailed { step: "finish".into(), message }).await;
        }
    }
    let body = serde_json::to_vec_pretty(&snapshot).expect("snapshots serialise");
    ctx.snapshots.put(&snapshots::path(id, record.version), body).await?;
    ctx.snapshots.put_json(&roots_path(id.as_str(), record.version), &roots).await?;
    let mut publication = ctx.store.publication(id).await?.unwrap_or(Publication {
        campaign: id.to_owned(),
        title: campaign.title.clone(),
        authority: None,
        period: None,
        versions: vec![],
    });
    if !publication.versions.iter().any(|v| v.version == record.version) {
        publication.period = Some(Window { opens: campaign.opens, closes: campaign.closes });
        publication.authority = campaign.authority.clone();
        publication.versions.push(PublishedVersion {
            version: record.version,
            published_at: record.started_at.clone(),
            reason: record.reason.clone(),
            digest: digest.clone(),
        });
        ctx.store.save_publication(&publication).await?;
    }
    let done = JobRecord { state: JobState::Done, digest: Some(digest.clone()), ..record.clone() };
    if ctx.store.end_job(&done).await? {
        let after = serde_json::json!({ "version": record.version, "digest": digest, "job": record.job });
        ctx.store.audit(&publisher, "campaign.publish", id.as_str(), None, Some(after)).await?;
    }
    Ok(())
}

/// Waits for a job to end (the seeded earlier campaign, the local tools): its last state.
pub async fn wait(ctx: &Context, campaign: &CampaignId, job: &str) -> Result<StoredJob, ApiError> {
    loop {
        match ctx.store.job(campaign, job).await? {
            Some(j) if j.record.state != JobState::Running => return Ok(j),
            Some(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            None => return Err(ApiError::NotFound(format!("campaign {campaign} has no publication job {job}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_read_back_as_sent() {
        let step = Step::Hash {
            campaign: CampaignId::parse("c").unwrap(),
            job: "j".into(),
            batch: 3,
            units: vec![UnitCode::parse("u1").unwrap()],
        };
        assert_eq!(serde_json::from_str::<Step>(&step.message()).unwrap(), step);
    }
}
