//! `GET /api/forms/{campaign}/{unit}`: the questionnaire a unit's respondents answer.

use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use hailong_domain::api::{CampaignSummary, FormView, UnitSummary, Window};
use hailong_domain::{Campaign, CampaignStatus, CampaignUnit, WindowState};
use lambda_http::{Body, Response};

/// The open campaign and its unit, or why answers are not taken there now.
pub async fn open_campaign_unit(ctx: &Context, campaign: &str, unit: &str) -> Result<(Campaign, CampaignUnit), ApiError> {
    let campaign = public_campaign(ctx, campaign).await?;
    let unit = campaign
        .unit(unit)
        .cloned()
        .ok_or_else(|| ApiError::NotFound(format!("unit {unit:?} is not part of campaign {}", campaign.id)))?;
    ensure_open(&campaign)?;
    Ok((campaign, unit))
}

/// A campaign the public may see: drafts are as unknown as missing ones.
pub async fn public_campaign(ctx: &Context, id: &str) -> Result<Campaign, ApiError> {
    ctx.store
        .campaign(id)
        .await?
        .filter(|c| c.status != CampaignStatus::Draft)
        .ok_or_else(|| ApiError::NotFound(format!("there is no campaign {id:?}")))
}

pub fn ensure_open(campaign: &Campaign) -> Result<(), ApiError> {
    let window = Window { opens: campaign.opens, closes: campaign.closes };
    match campaign.window_on(clock::today()) {
        WindowState::Open => Ok(()),
        WindowState::NotYetOpen => Err(ApiError::NotYetOpen(window)),
        WindowState::Closed | WindowState::Draft => Err(ApiError::Closed(window)),
    }
}

pub async fn get(ctx: &Context, campaign: &str, unit: &str) -> Result<Response<Body>, ApiError> {
    let (campaign, member) = open_campaign_unit(ctx, campaign, unit).await?;
    let unit = ctx.store.unit(member.code.as_str()).await?.ok_or_else(|| {
        ApiError::NotFound(format!("unit {} of campaign {} is not in the unit register", member.code, campaign.id))
    })?;
    let questionnaire = crate::submit::questionnaire_of(ctx, &campaign, &member).await?;
    let view = FormView {
        campaign: CampaignSummary {
            id: campaign.id.clone(),
            title: campaign.title.clone(),
            opens: campaign.opens,
            closes: campaign.closes,
        },
        unit: UnitSummary { code: unit.code, name: unit.name, kind: unit.kind },
        questionnaire,
    };
    Ok(json(200, &view))
}
