//! A response an administrator excludes: `GET /api/admin/responses/{id}` shows it first, `POST
//! /api/admin/responses/{id}/exclude` makes it stop counting, with a reason. Nothing is deleted
//! or edited: the exclusion is a record of its own, written once.

use crate::auth::Caller;
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::store::{Exclusion, ExclusionReason};
use hailong_domain::ResponseId;
use hailong_domain::api::{ExcludedNote, ResponseDetail};
use lambda_http::{Body, Response};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct ExclusionRequest {
    pub reason: ExclusionReason,
    #[serde(default)]
    pub note: String,
}

/// `GET /api/admin/responses/{id}`: the response an administrator is about to exclude, with its
/// unit's name and its exclusion if it has one already.
pub async fn detail(ctx: &Context, caller: &Caller, id: &ResponseId) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let response =
        ctx.store.response(id).await?.ok_or_else(|| ApiError::NotFound(format!("there is no response {id}")))?;
    let unit_name = ctx.store.unit(&response.unit).await?.map(|u| u.name);
    let excluded = ctx
        .store
        .exclusion(&response.campaign, id)
        .await?
        .map(|e| ExcludedNote { reason: e.reason.as_str().to_owned() });
    Ok(json(200, &ResponseDetail { response, unit_name, excluded }))
}

pub async fn post(
    ctx: &Context,
    caller: &Caller,
    id: &ResponseId,
    req: ExclusionRequest,
) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let response =
        ctx.store.response(id).await?.ok_or_else(|| ApiError::NotFound(format!("there is no response {id}")))?;
    let exclusion = Exclusion {
        response: *id,
        unit: response.unit.clone(),
        reason: req.reason,
        note: req.note.trim().to_owned(),
        by: caller.user.clone(),
        at: clock::rfc3339(clock::now_ms()),
    };
    let recorded = ctx.store.insert_exclusion(&response.campaign, &exclusion).await?;
    // The running aggregate stops counting it at once. Uncounting is idempotent, so sending an
    // exclusion again finishes what a failed one left half done.
    crate::results::aggregation::uncount(ctx, &response).await?;
    if !recorded {
        return Err(ApiError::refused("already_excluded", format!("response {id} is already excluded")));
    }
    ctx.store
        .audit(
            caller,
            "response.exclude",
            &id.to_string(),
            None,
            Some(serde_json::to_value(&exclusion).expect("serialises")),
        )
        .await?;
    Ok(json(200, &exclusion))
}
