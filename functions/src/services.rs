//! Lookups the handlers of several functions share, below them all: campaigns as the public and
//! the console may see them, the window check, a unit's questionnaire, whether a receipt counts,
//! and what is published (versions, snapshots, improvement actions) for the results API and the
//! results pages alike.

use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::snapshots;
use crate::store::{ReceiptRecord, StoreError, keys};
use hailong_domain::action::ImprovementAction;
use hailong_domain::api::{Publication, Window};
use hailong_domain::results::NodeHash;
use hailong_domain::results::digest::{UnitLeaves, leaves_path};
use hailong_domain::{
    Campaign, CampaignId, CampaignStatus, CampaignUnit, Questionnaire, Snapshot, UnitCode, WindowState,
};

/// A campaign the public may see: drafts are as unknown as missing ones.
pub async fn public_campaign(ctx: &Context, id: &CampaignId) -> Result<Campaign, ApiError> {
    ctx.store
        .campaign(id)
        .await?
        .filter(|c| c.status != CampaignStatus::Draft)
        .ok_or_else(|| ApiError::NotFound(format!("there is no campaign {id:?}")))
}

/// A campaign by id, drafts included (the console's).
pub async fn campaign(ctx: &Context, id: &CampaignId) -> Result<Campaign, ApiError> {
    ctx.store.campaign(id).await?.ok_or_else(|| ApiError::NotFound(format!("there is no campaign {id:?}")))
}

pub fn ensure_open(campaign: &Campaign) -> Result<(), ApiError> {
    let window = Window { opens: campaign.opens, closes: campaign.closes };
    match campaign.window_on(clock::today()) {
        WindowState::Open => Ok(()),
        WindowState::NotYetOpen => Err(ApiError::NotYetOpen(window)),
        WindowState::Closed | WindowState::Draft => Err(ApiError::Closed(window)),
    }
}

/// The open campaign and its unit, or why answers are not taken there now.
pub async fn open_campaign_unit(
    ctx: &Context,
    campaign: &CampaignId,
    unit: &UnitCode,
) -> Result<(Campaign, CampaignUnit), ApiError> {
    let campaign = public_campaign(ctx, campaign).await?;
    let unit = campaign
        .unit(unit)
        .cloned()
        .ok_or_else(|| ApiError::NotFound(format!("unit {unit:?} is not part of campaign {}", campaign.id)))?;
    ensure_open(&campaign)?;
    Ok((campaign, unit))
}

/// The questionnaire version a unit of the campaign answers.
pub async fn questionnaire_of(
    ctx: &Context,
    campaign: &Campaign,
    unit: &CampaignUnit,
) -> Result<Questionnaire, ApiError> {
    let reference = campaign.questionnaire_for(unit.kind).ok_or_else(|| {
        ApiError::NotFound(format!("campaign {} has no questionnaire for unit {}", campaign.id, unit.code))
    })?;
    ctx.store.questionnaire(reference).await?.ok_or_else(|| {
        ApiError::Store(StoreError::Corrupt {
            key: format!("{}/{}", reference.id, reference.version),
            reason: "the campaign names a questionnaire version that is not stored".into(),
        })
    })
}

/// Whether a received response is counted in its campaign's latest published version: the hash
/// of its leaf (`None` before anything is published) and that version when the unit's leaves
/// file holds the leaf. One read of one unit's file, whatever the campaign's size.
pub async fn counted_in_latest(
    ctx: &Context,
    record: &ReceiptRecord,
) -> Result<(Option<NodeHash>, Option<u32>), ApiError> {
    let Some(publication) = ctx.store.publication(&record.campaign).await? else { return Ok((None, None)) };
    let Some(latest) = publication.versions.iter().map(|v| v.version).max() else { return Ok((None, None)) };
    let Some(parts) = ctx.store.leaf_parts(&record.response).await? else { return Ok((None, None)) };
    let leaf = parts.leaf()?;
    let file: Option<UnitLeaves> =
        ctx.snapshots.get_json(&leaves_path(record.campaign.as_str(), latest, record.unit.as_str())).await?;
    let counted = file.is_some_and(|f| f.leaves.binary_search(&leaf).is_ok());
    Ok((Some(leaf), counted.then_some(latest)))
}

/// A campaign's publication and one of its versions (the latest without `version`), and whether
/// that is the latest. A version not yet listed is as unknown as one never made: a job's files
/// are not read before the job makes them public.
pub async fn published_version(
    ctx: &Context,
    campaign: &CampaignId,
    version: Option<&str>,
) -> Result<(Publication, u32, bool), ApiError> {
    let publication = ctx
        .store
        .publication(campaign)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no results of campaign {campaign:?} are published")))?;
    let latest = publication.versions.len() as u32;
    let v = match version {
        None => latest,
        Some(v) => v.parse::<u32>().ok().filter(|v| (1..=latest).contains(v)).ok_or_else(|| {
            ApiError::NotFound(format!("campaign {campaign} has published versions 1 to {latest}, not {v:?}"))
        })?,
    };
    Ok((publication, v, v == latest))
}

/// How long a published version's files may be kept: a minute while it is the latest (a new
/// version may follow), a year once it is not (a version never changes once published).
pub fn published_cache_control(latest: bool) -> &'static str {
    if latest { "public, max-age=60" } else { "public, max-age=31536000, immutable" }
}

/// A published file that must exist: its absence is the store's fault, not the caller's.
pub async fn published_file(ctx: &Context, path: &str) -> Result<Vec<u8>, ApiError> {
    ctx.snapshots.get(path).await?.ok_or_else(|| missing(path))
}

/// A published version's snapshot, read.
pub async fn published_snapshot(ctx: &Context, campaign: &CampaignId, version: u32) -> Result<Snapshot, ApiError> {
    let path = snapshots::path(campaign, version);
    ctx.snapshots.get_json(&path).await?.ok_or_else(|| missing(&path))
}

fn missing(path: &str) -> ApiError {
    ApiError::Store(StoreError::Corrupt { key: path.to_owned(), reason: "a published file is missing".into() })
}

/// The improvement actions of a unit, oldest first.
pub async fn unit_actions(
    ctx: &Context,
    campaign: &CampaignId,
    unit: &UnitCode,
) -> Result<Vec<ImprovementAction>, ApiError> {
    let mut actions: Vec<ImprovementAction> = ctx.store.query_docs(&keys::actions(campaign, unit)).await?;
    actions.sort_by(|a, b| (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id)));
    Ok(actions)
}
