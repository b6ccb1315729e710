//! `GET /api/forms/{campaign}/{unit}`: the questionnaire a unit's respondents answer.

use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::posters::{PosterCheck, PosterEvent};
use crate::routes::{Function, Route, Table};
use hailong_domain::api::{CampaignSummary, FormView, UnitSummary, Window};
use hailong_domain::{Campaign, CampaignStatus, CampaignUnit, WindowState};
use lambda_http::{Body, Response};

pub const TABLE: Table = Table {
    function: Function::Forms,
    routes: &[
        Route::new("GET", "/api/forms/{campaign}/{unit}", |c| {
            Box::pin(async move { get(c.ctx, c.param("campaign"), c.param("unit"), c.query("p").as_deref()).await })
        }),
        Route::new("POST", "/api/forms/{campaign}/{unit}/start", |c| {
            Box::pin(async move { start(c.ctx, c.param("campaign"), c.param("unit"), c.body()?).await })
        }),
    ],
};

/// The open campaign and its unit, or why answers are not taken there now.
pub async fn open_campaign_unit(
    ctx: &Context,
    campaign: &str,
    unit: &str,
) -> Result<(Campaign, CampaignUnit), ApiError> {
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

pub async fn get(ctx: &Context, campaign: &str, unit: &str, poster: Option<&str>) -> Result<Response<Body>, ApiError> {
    let (campaign, member) = open_campaign_unit(ctx, campaign, unit).await?;
    let poster_replaced = match poster {
        Some(code) => {
            let check = ctx.check_poster(campaign.id.as_str(), unit, code).await?;
            let version = match check {
                PosterCheck::Current(v) | PosterCheck::Replaced(v) => v,
            };
            count(ctx, campaign.id.as_str(), unit, version, PosterEvent::Scan).await?;
            matches!(check, PosterCheck::Replaced(_))
        }
        None => false,
    };
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
        poster_replaced,
    };
    Ok(json(200, &view))
}

/// Counts an event of a poster (scans, starts, completions per poster version).
pub async fn count(
    ctx: &Context,
    campaign: &str,
    unit: &str,
    version: u32,
    event: PosterEvent,
) -> Result<(), ApiError> {
    ctx.store.bump(&format!("POSTERSTATS#{campaign}"), &format!("{unit}#{version}"), event.attribute()).await?;
    Ok(())
}

#[derive(serde::Deserialize)]
pub struct Start {
    poster: String,
}

/// `POST /api/forms/{campaign}/{unit}/start` with `{"poster": code}`: a respondent began answering.
pub async fn start(ctx: &Context, campaign: &str, unit: &str, start: Start) -> Result<Response<Body>, ApiError> {
    let (campaign, _) = open_campaign_unit(ctx, campaign, unit).await?;
    let (PosterCheck::Current(version) | PosterCheck::Replaced(version)) =
        ctx.check_poster(campaign.id.as_str(), unit, &start.poster).await?;
    count(ctx, campaign.id.as_str(), unit, version, PosterEvent::Start).await?;
    Ok(json(202, &serde_json::json!({ "counted": true })))
}
