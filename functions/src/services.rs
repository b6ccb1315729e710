//! Lookups the handlers of several functions share, below them all: campaigns as the public and
//! the console may see them, the window check, a unit's questionnaire, whether a receipt counts.

use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::store::{ReceiptRecord, StoreError};
use hailong_domain::api::Window;
use hailong_domain::results::NodeHash;
use hailong_domain::results::digest::{UnitLeaves, leaves_path};
use hailong_domain::{Campaign, CampaignId, CampaignStatus, CampaignUnit, Questionnaire, UnitCode, WindowState};

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
