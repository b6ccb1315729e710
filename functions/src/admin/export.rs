//! `POST /api/admin/campaigns/{c}/exports` `{format, unit?}`: every response the caller may read,
//! as CSV or XLSX, written by a job (`export`) and answered 202 at once; `GET …/exports/{job}`:
//! its progress and, once done, the download link; `GET …/exports/{job}/file`: the file.

use crate::auth::Caller;
use crate::context::Context;
use crate::error::ApiError;
use crate::export::{self, Download};
use crate::http::json;
use crate::sheet::{CSV_TYPE, XLSX_TYPE, download};
use hailong_domain::CampaignId;
use hailong_domain::api::{ExportFormat, ExportRequest};
use lambda_http::{Body, Response};

pub async fn start(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    req: ExportRequest,
) -> Result<Response<Body>, ApiError> {
    Ok(json(202, &export::begin(ctx, caller, campaign, req).await?))
}

pub async fn status(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    job: &str,
) -> Result<Response<Body>, ApiError> {
    Ok(json(200, &export::status(ctx, caller, campaign, job).await?))
}

pub async fn file(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    job: &str,
) -> Result<Response<Body>, ApiError> {
    Ok(match export::file(ctx, caller, campaign, job).await? {
        Download::File { name, format, bytes } => {
            let kind = match format {
                ExportFormat::Csv => CSV_TYPE,
                ExportFormat::Xlsx => XLSX_TYPE,
            };
            download(kind, &name, bytes)
        }
        Download::Link(url) => Response::builder()
            .status(303)
            .header("location", url)
            .header("cache-control", "no-store")
            .body(Body::Empty)
            .expect("valid response"),
    })
}
