//! `POST /api/admin/responses/{id}/exclude`: a response stops counting, with a reason. Nothing is
//! deleted or edited: the exclusion is a record of its own, written once.

use super::audit;
use crate::auth::Caller;
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use hailong_domain::UnitCode;
use hailong_domain::api::{ExcludedNote, ResponseDetail};
use lambda_http::{Body, Response};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    Invalid,
    Fraud,
    FailedVerification,
    Other,
}

impl ExclusionReason {
    /// The JSON name, as the public receipt page reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            ExclusionReason::Invalid => "invalid",
            ExclusionReason::Fraud => "fraud",
            ExclusionReason::FailedVerification => "failed_verification",
            ExclusionReason::Other => "other",
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ExclusionRequest {
    pub reason: ExclusionReason,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exclusion {
    pub response: String,
    pub unit: UnitCode,
    pub reason: ExclusionReason,
    pub note: String,
    pub by: String,
    pub at: String,
}

pub fn partition(campaign: &str) -> String {
    format!("EXCLUDED#{campaign}")
}

/// `GET /api/admin/responses/{id}`: the response an administrator is about to exclude, with its
/// unit's name and its exclusion if it has one already.
pub async fn detail(ctx: &Context, caller: &Caller, id: &str) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let response =
        ctx.store.response(id).await?.ok_or_else(|| ApiError::NotFound(format!("there is no response {id}")))?;
    let unit_name = ctx.store.unit(response.unit.as_str()).await?.map(|u| u.name);
    let excluded = ctx
        .store
        .get_doc::<Exclusion>(&partition(response.campaign.as_str()), id)
        .await?
        .map(|e| ExcludedNote { reason: e.reason.as_str().to_owned() });
    Ok(json(200, &ResponseDetail { response, unit_name, excluded }))
}

pub async fn post(ctx: &Context, caller: &Caller, id: &str, req: ExclusionRequest) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let response =
        ctx.store.response(id).await?.ok_or_else(|| ApiError::NotFound(format!("there is no response {id}")))?;
    let exclusion = Exclusion {
        response: id.to_owned(),
        unit: response.unit.clone(),
        reason: req.reason,
        note: req.note.trim().to_owned(),
        by: caller.user.clone(),
        at: clock::rfc3339(clock::now_ms()),
    };
    let recorded = ctx.store.insert_doc(&partition(response.campaign.as_str()), id, &exclusion).await?;
    // The running aggregate stops counting it at once. Uncounting is idempotent, so sending an
    // exclusion again finishes what a failed one left half done.
    crate::results::aggregation::uncount(ctx, &response).await?;
    if !recorded {
        return Err(ApiError::refused("already_excluded", format!("response {id} is already excluded")));
    }
    audit::record(
        ctx,
        caller,
        "response.exclude",
        id,
        None,
        Some(serde_json::to_value(&exclusion).expect("serialises")),
    )
    .await?;
    Ok(json(200, &exclusion))
}
