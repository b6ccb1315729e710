//! `GET /api/forms/{campaign}/{unit}`: the questionnaire a unit's respondents answer.

use crate::bots::Origin;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::posters::{PosterCheck, PosterEvent};
use crate::routes::{Function, Route, Table};
use crate::services::{open_campaign_unit, questionnaire_of};
use hailong_domain::api::{CampaignSummary, FormView, UnitSummary};
use hailong_domain::{CampaignId, PosterCode, UnitCode};
use lambda_http::{Body, Response};

pub const TABLE: Table = Table {
    function: Function::Forms,
    routes: &[
        Route::new("GET", "/api/forms/{campaign}/{unit}", |c| {
            Box::pin(async move {
                let origin = c.ctx.origin(c.req)?;
                get(c.ctx, &origin, &c.campaign()?, &c.unit()?, c.poster()?.as_ref()).await
            })
        }),
        Route::new("POST", "/api/forms/{campaign}/{unit}/start", |c| {
            Box::pin(async move {
                let origin = c.ctx.origin(c.req)?;
                start(c.ctx, &origin, &c.campaign()?, &c.unit()?, c.body()?).await
            })
        }),
    ],
};

pub async fn get(
    ctx: &Context,
    origin: &Origin,
    campaign: &CampaignId,
    unit: &UnitCode,
    poster: Option<&PosterCode>,
) -> Result<Response<Body>, ApiError> {
    Ok(json(200, &view(ctx, origin, campaign, unit, poster).await?))
}

/// The form of a unit, counting the scan of the poster the link names (`pages.rs` serves it too).
pub async fn view(
    ctx: &Context,
    origin: &Origin,
    campaign: &CampaignId,
    unit: &UnitCode,
    poster: Option<&PosterCode>,
) -> Result<FormView, ApiError> {
    let (campaign, member) = open_campaign_unit(ctx, campaign, unit).await?;
    let poster_replaced = match poster {
        Some(code) => {
            let check = ctx.check_poster(&campaign.id, unit, code).await?;
            let version = match check {
                PosterCheck::Current(v) | PosterCheck::Replaced(v) => v,
            };
            ctx.count_poster_once(origin, &campaign, unit, version, PosterEvent::Scan).await?;
            matches!(check, PosterCheck::Replaced(_))
        }
        None => false,
    };
    let unit = ctx.store.unit(&member.code).await?.ok_or_else(|| {
        ApiError::NotFound(format!("unit {} of campaign {} is not in the unit register", member.code, campaign.id))
    })?;
    let questionnaire = questionnaire_of(ctx, &campaign, &member).await?;
    let view = FormView {
        campaign: CampaignSummary {
            id: campaign.id.clone(),
            title: campaign.title.clone(),
            authority: campaign.authority.clone(),
            opens: campaign.opens,
            closes: campaign.closes,
        },
        unit: UnitSummary { code: unit.code, name: unit.name, kind: unit.kind },
        questionnaire,
        poster_replaced,
    };
    Ok(view)
}

#[derive(serde::Deserialize)]
pub struct Start {
    poster: PosterCode,
}

/// `POST /api/forms/{campaign}/{unit}/start` with `{"poster": code}`: a respondent began answering.
pub async fn start(
    ctx: &Context,
    origin: &Origin,
    campaign: &CampaignId,
    unit: &UnitCode,
    start: Start,
) -> Result<Response<Body>, ApiError> {
    let (campaign, _) = open_campaign_unit(ctx, campaign, unit).await?;
    let (PosterCheck::Current(version) | PosterCheck::Replaced(version)) =
        ctx.check_poster(&campaign.id, unit, &start.poster).await?;
    ctx.count_poster_once(origin, &campaign, unit, version, PosterEvent::Start).await?;
    Ok(json(202, &serde_json::json!({ "counted": true })))
}
