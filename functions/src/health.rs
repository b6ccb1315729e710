//! `GET /api/health`: 200 when the store answers.

use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use lambda_http::{Body, Response};

pub async fn get(ctx: &Context) -> Result<Response<Body>, ApiError> {
    ctx.store.ping().await?;
    Ok(json(200, &serde_json::json!({ "status": "ok" })))
}
