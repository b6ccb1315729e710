//! The public results API: published campaigns and their snapshots, as open data.

use super::snapshots;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use lambda_http::{Body, Response};

/// `GET /api/results`: every published campaign with its versions.
pub async fn list(ctx: &Context) -> Result<Response<Body>, ApiError> {
    let published = ctx.store.publications().await?;
    Ok(json(200, &published))
}

/// `GET /api/results/{campaign}[?version=N]`: the latest snapshot, or an older one.
pub async fn get(ctx: &Context, campaign: &str, version: Option<&str>) -> Result<Response<Body>, ApiError> {
    let publication = ctx
        .store
        .publication(campaign)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no results of campaign {campaign:?} are published")))?;
    let latest = publication.versions.len() as u32;
    let version = match version {
        None => latest,
        Some(v) => v.parse::<u32>().ok().filter(|v| (1..=latest).contains(v)).ok_or_else(|| {
            ApiError::NotFound(format!("campaign {campaign} has published versions 1 to {latest}, not {v:?}"))
        })?,
    };
    let body = ctx.snapshots.get(&snapshots::path(campaign, version)).await?.ok_or_else(|| {
        ApiError::Store(crate::store::StoreError::Corrupt {
            key: campaign.to_owned(),
            reason: format!("snapshot v{version} is missing"),
        })
    })?;
    Ok(Response::builder()
        .status(200)
        .header("content-type", "application/json; charset=utf-8")
        // A version never changes once published.
        .header(
            "cache-control",
            if version == latest { "public, max-age=60" } else { "public, max-age=31536000, immutable" },
        )
        .body(Body::Binary(body))
        .expect("valid response"))
}
