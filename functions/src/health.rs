//! `GET /api/health`: 200 when the store answers; and the API's own description.

use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::routes::{Function, Route, Table};
use lambda_http::{Body, Response};

pub const TABLE: Table = Table {
    function: Function::Health,
    routes: &[
        Route::new("GET", "/api/health", |c| Box::pin(async move { get(c.ctx).await })),
        Route::new("GET", "/api/openapi.json", |_| Box::pin(async move { Ok(crate::openapi::get()) })),
    ],
};

pub async fn get(ctx: &Context) -> Result<Response<Body>, ApiError> {
    ctx.store.ping().await?;
    Ok(json(200, &serde_json::json!({ "status": "ok" })))
}
