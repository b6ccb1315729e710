//! Re-verification (phúc tra): a reproducible random share of a unit's paper, phone and
//! interviewer responses is drawn, and a verifier records for each whether it was confirmed.

use super::draw::{draw_sample, seed_or_random};
use crate::auth::{Caller, Role};
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
pub use hailong_domain::api::{Verification, VerificationStatus};
use hailong_domain::{CampaignId, Channel, ResponseId, UnitCode};
use lambda_http::{Body, Response};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct DrawRequest {
    pub unit: UnitCode,
    /// Share of the unit's staff-entered responses to re-check (the plans say 10%).
    #[serde(default = "default_share")]
    pub share: f64,
    /// Given to reproduce an earlier draw; drawn at random otherwise, and recorded.
    #[serde(default)]
    pub seed: Option<u64>,
}

fn default_share() -> f64 {
    0.10
}

pub async fn draw(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    req: DrawRequest,
) -> Result<Response<Body>, ApiError> {
    caller.require_unit_work(&req.unit)?;
    if !(0.0..=1.0).contains(&req.share) || req.share == 0.0 {
        return Err(ApiError::bad_request("invalid_share", "the share is a fraction between 0 and 1, such as 0.1"));
    }
    let c = crate::services::campaign(ctx, campaign).await?;
    if c.unit(&req.unit).is_none() {
        return Err(ApiError::NotFound(format!("unit {} is not part of campaign {campaign}", req.unit)));
    }
    if !ctx.store.unit_verifications(campaign, &req.unit).await?.is_empty() {
        return Err(ApiError::refused("already_sampled", format!("a sample of unit {} was drawn already", req.unit)));
    }
    let population: Vec<ResponseId> = ctx
        .store
        .unit_responses(campaign, &req.unit)
        .await?
        .into_iter()
        .filter(|r| r.source.channel() != Channel::Qr)
        .map(|r| r.id)
        .collect();
    let size = (population.len() as f64 * req.share).ceil() as usize;
    let seed = seed_or_random(req.seed);
    let sample = draw_sample(population.clone(), size, seed);
    let docs: Vec<Verification> = sample
        .iter()
        .map(|id| Verification {
            response: *id,
            unit: req.unit.clone(),
            seed,
            status: VerificationStatus::Pending,
            note: String::new(),
            by: None,
            at: None,
        })
        .collect();
    ctx.store.save_verifications(campaign, &docs).await?;
    let summary = serde_json::json!({ "unit": req.unit, "seed": seed, "share": req.share, "population": population.len(), "sample": sample });
    ctx.store.audit(caller, "verification.draw", campaign.as_str(), None, Some(summary.clone())).await?;
    Ok(json(201, &summary))
}

/// `GET …/verification-sample`: the drawn samples of the units the caller may see, each with its
/// verdict so far, so that verifiers pick the work up where it was left. Staff's units are read
/// one by one (their records alone); everyone else sees the whole campaign's.
pub async fn list(ctx: &Context, caller: &Caller, campaign: &CampaignId) -> Result<Response<Body>, ApiError> {
    let c = crate::services::campaign(ctx, campaign).await?;
    let sample: Vec<Verification> = if caller.role == Role::Staff {
        let mut mine = Vec::new();
        for unit in caller.units.iter().filter(|u| c.unit(u).is_some()) {
            mine.extend(ctx.store.unit_verifications(campaign, unit).await?);
        }
        mine
    } else {
        ctx.store.verifications(campaign).await?
    };
    Ok(json(200, &serde_json::json!({ "campaign": campaign, "sample": sample })))
}

#[derive(Debug, Deserialize)]
pub struct Verdict {
    pub result: VerificationStatus,
    #[serde(default)]
    pub note: String,
}

/// `POST /api/admin/responses/{id}/verification`: the verifier's finding for one sampled response.
pub async fn record(
    ctx: &Context,
    caller: &Caller,
    id: &ResponseId,
    verdict: Verdict,
) -> Result<Response<Body>, ApiError> {
    if verdict.result == VerificationStatus::Pending {
        return Err(ApiError::bad_request("invalid_verdict", "record confirmed or discrepancy"));
    }
    let response =
        ctx.store.response(id).await?.ok_or_else(|| ApiError::NotFound(format!("there is no response {id}")))?;
    caller.require_unit_work(&response.unit)?;
    let mut v = ctx
        .store
        .verification(&response.campaign, &response.unit, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("response {id} is not in a re-verification sample")))?;
    if v.status != VerificationStatus::Pending {
        return Err(ApiError::refused("already_verified", format!("response {id} was verified already")));
    }
    let before = serde_json::to_value(&v).expect("serialises");
    v.status = verdict.result;
    v.note = verdict.note.trim().to_owned();
    v.by = Some(caller.user.clone());
    v.at = Some(clock::rfc3339(clock::now_ms()));
    ctx.store.save_verifications(&response.campaign, std::slice::from_ref(&v)).await?;
    ctx.store
        .audit(
            caller,
            "verification.record",
            &id.to_string(),
            Some(before),
            Some(serde_json::to_value(&v).expect("serialises")),
        )
        .await?;
    Ok(json(200, &v))
}
