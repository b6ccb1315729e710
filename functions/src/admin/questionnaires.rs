//! The questionnaire catalogue as data: templates are read, and changed only by adding a new
//! version, so every stored response keeps the exact wording it answered.

use crate::auth::Caller;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use hailong_domain::CampaignId;
use hailong_domain::{CampaignStatus, Questionnaire, QuestionnaireRef, UnitKind};
use lambda_http::{Body, Response};
use serde::Deserialize;

/// `GET /api/admin/questionnaires`: every version of every template (any signed-in role).
pub async fn list(ctx: &Context, _caller: &Caller) -> Result<Response<Body>, ApiError> {
    Ok(json(200, &ctx.store.questionnaires().await?))
}

/// `POST /api/admin/questionnaires`: a template's new content becomes its next version (or
/// version 1 of a new template). The same content as the latest version adds nothing.
pub async fn add_version(ctx: &Context, caller: &Caller, mut q: Questionnaire) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let latest = ctx.store.questionnaires().await?.into_iter().filter(|s| s.id == q.id).max_by_key(|s| s.version);
    if let Some(latest) = &latest {
        q.version = latest.version;
        if q == *latest {
            return Ok(json(200, &q.reference()));
        }
    }
    q.version = latest.map_or(1, |l| l.version + 1);
    q.check().map_err(|e| ApiError::bad_request("invalid_questionnaire", e.to_string()))?;
    if !ctx.store.insert_questionnaire(&q).await? {
        return Err(ApiError::refused(
            "version_taken",
            format!("version {} of {} was added at the same moment; send it again", q.version, q.id),
        ));
    }
    ctx.store
        .audit(
            caller,
            "questionnaire.version",
            q.id.as_str(),
            None,
            Some(serde_json::to_value(q.reference()).expect("serialises")),
        )
        .await?;
    Ok(json(201, &q.reference()))
}

#[derive(Debug, Deserialize)]
pub struct QuestionnaireChange {
    pub kind: UnitKind,
    pub questionnaire: QuestionnaireRef,
}

/// `PUT /api/admin/campaigns/{c}/questionnaire`: which questionnaire a kind of unit answers.
/// Once a unit of that kind has responses the answer is no: a unit's figures must come from one
/// version, so the change would need a new campaign, and it is never made silently.
pub async fn change_for_campaign(
    ctx: &Context,
    caller: &Caller,
    id: &CampaignId,
    change: QuestionnaireChange,
) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let mut campaign = crate::services::campaign(ctx, id).await?;
    if campaign.status == CampaignStatus::Closed {
        return Err(ApiError::refused("campaign_closed", "the campaign is closed: its questionnaires are final"));
    }
    if ctx.store.questionnaire(&change.questionnaire).await?.is_none() {
        let QuestionnaireRef { id: q, version } = &change.questionnaire;
        return Err(ApiError::bad_request(
            "unknown_questionnaire",
            format!("questionnaire {q} version {version} does not exist"),
        ));
    }
    let before = campaign.questionnaire_for(change.kind).cloned();
    if before.as_ref() == Some(&change.questionnaire) {
        return Ok(json(200, &campaign));
    }
    if campaign.status == CampaignStatus::Open {
        for unit in campaign.units.iter().filter(|u| u.kind == change.kind) {
            let answered = ctx.store.count_responses(id, &unit.code).await?;
            if answered > 0 {
                return Err(ApiError::refused(
                    "questionnaire_in_use",
                    format!(
                        "unit {} already has {answered} response(s) to the current questionnaire; a unit's figures must come from one version, so start a new campaign for the new one",
                        unit.code
                    ),
                ));
            }
        }
    }
    campaign.questionnaires.insert(change.kind, change.questionnaire.clone());
    ctx.store.save_campaign(&campaign).await?;
    let value = |q: Option<&QuestionnaireRef>| Some(serde_json::json!({ "kind": change.kind, "questionnaire": q }));
    ctx.store
        .audit(
            caller,
            "campaign.questionnaire",
            id.as_str(),
            value(before.as_ref()),
            value(Some(&change.questionnaire)),
        )
        .await?;
    Ok(json(200, &campaign))
}
