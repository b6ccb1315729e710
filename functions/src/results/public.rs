//! The public results API: published campaigns, their snapshots and the files of their digests,
//! as open data.

use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::snapshots;
use crate::store::StoreError;
use hailong_domain::results::digest::{leaves_path, roots_path};
use hailong_domain::{CampaignId, UnitCode};
use lambda_http::{Body, Response};

/// `GET /api/results`: every published campaign with its versions.
pub async fn list(ctx: &Context) -> Result<Response<Body>, ApiError> {
    let published = ctx.store.publications().await?;
    Ok(json(200, &published))
}

/// A published version of a campaign (the latest without `version`), and whether it is the
/// latest. A version not yet listed is as unknown as one never made: a job's files are not read
/// before the job makes them public.
async fn version(ctx: &Context, campaign: &CampaignId, version: Option<&str>) -> Result<(u32, bool), ApiError> {
    let publication = ctx
        .store
        .publication(campaign)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no results of campaign {campaign:?} are published")))?;
    let latest = publication.versions.len() as u32;
    let v = match version {
        None => latest,
        Some(v) => v.parse::<u32>().ok().filter(|v| (1..=latest).contains(v)).ok_or_else(|| {
            ApiError::NotFound(format!("campaign {campaign} has published versions 1 to {latest}, not {v:?}"))
        })?,
    };
    Ok((v, v == latest))
}

/// A published file that must exist: its absence is the store's fault, not the caller's.
async fn file(ctx: &Context, path: &str, latest: bool) -> Result<Response<Body>, ApiError> {
    let body = ctx.snapshots.get(path).await?.ok_or_else(|| {
        ApiError::Store(StoreError::Corrupt { key: path.to_owned(), reason: "a published file is missing".into() })
    })?;
    Ok(answer(body, latest))
}

/// A published file as the answer, cached for a year once it is not the latest version's.
fn answer(body: Vec<u8>, latest: bool) -> Response<Body> {
    Response::builder()
        .status(200)
        .header("content-type", "application/json; charset=utf-8")
        // A version never changes once published.
        .header("cache-control", if latest { "public, max-age=60" } else { "public, max-age=31536000, immutable" })
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
