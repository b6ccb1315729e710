//! The public results API: published campaigns, their snapshots and the files of their digests,
//! as open data.

use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::services::{published_cache_control, published_file, published_version};
use crate::snapshots;
use hailong_domain::results::digest::{leaves_path, roots_path};
use hailong_domain::{CampaignId, UnitCode};
use lambda_http::{Body, Response};

/// `GET /api/results`: every published campaign with its versions.
pub async fn list(ctx: &Context) -> Result<Response<Body>, ApiError> {
    let published = ctx.store.publications().await?;
    Ok(json(200, &published))
}

/// A published version of a campaign (the latest without `version`), and whether it is the latest.
async fn version(ctx: &Context, campaign: &CampaignId, version: Option<&str>) -> Result<(u32, bool), ApiError> {
    let (_, v, latest) = published_version(ctx, campaign, version).await?;
    Ok((v, latest))
}

async fn file(ctx: &Context, path: &str, latest: bool) -> Result<Response<Body>, ApiError> {
    Ok(answer(published_file(ctx, path).await?, latest))
}

/// A published file as the answer.
fn answer(body: Vec<u8>, latest: bool) -> Response<Body> {
    Response::builder()
        .status(200)
        .header("content-type", "application/json; charset=utf-8")
        .header("cache-control", published_cache_control(latest))
        .body(Body::Binary(body))
        .expect("valid response")
}

/// `GET /api/results/{campaign}[?version=N]`: the latest snapshot, or an older one.
pub async fn get(ctx: &Context, campaign: &CampaignId, v: Option<&str>) -> Result<Response<Body>, ApiError> {
    let (v, latest) = version(ctx, campaign, v).await?;
    file(ctx, &snapshots::path(campaign, v), latest).await
}

/// `GET /api/results/{campaign}/roots[?version=N]`: every unit's root and the digest they make.
pub async fn roots(ctx: &Context, campaign: &CampaignId, v: Option<&str>) -> Result<Response<Body>, ApiError> {
    let (v, latest) = version(ctx, campaign, v).await?;
    file(ctx, &roots_path(campaign.as_str(), v), latest).await
}

/// `GET /api/results/{campaign}/units/{unit}/leaves[?version=N]`: the leaf hashes of the unit's
/// counted responses, what a receipt is looked up in.
pub async fn leaves(
    ctx: &Context,
    campaign: &CampaignId,
    unit: &UnitCode,
    v: Option<&str>,
) -> Result<Response<Body>, ApiError> {
    let (v, latest) = version(ctx, campaign, v).await?;
    match ctx.snapshots.get(&leaves_path(campaign.as_str(), v, unit.as_str())).await? {
        Some(body) => Ok(answer(body, latest)),
        None => Err(ApiError::NotFound(format!("unit {unit} is not part of campaign {campaign}"))),
    }
}
