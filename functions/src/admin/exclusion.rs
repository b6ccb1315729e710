//! `POST /api/admin/responses/{id}/exclude`: a response stops counting, with a reason. Nothing is
//! deleted or edited: the exclusion is a record of its own, written once.

use crate::auth::Caller;
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::store::{Exclusion, ExclusionReason};
use lambda_http::{Body, Response};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct ExclusionRequest {
    pub reason: ExclusionReason,
    #[serde(default)]
    pub note: String,
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
    let recorded = ctx.store.insert_exclusion(response.campaign.as_str(), &exclusion).await?;
    // The running aggregate stops counting it at once. Uncounting is idempotent, so sending an
    // exclusion again finishes what a failed one left half done.
    crate::results::aggregation::uncount(ctx, &response).await?;
    if !recorded {
        return Err(ApiError::Refused(format!("response {id} is already excluded")));
    }
    ctx.store
        .audit(caller, "response.exclude", id, None, Some(serde_json::to_value(&exclusion).expect("serialises")))
        .await?;
    Ok(json(200, &exclusion))
}
