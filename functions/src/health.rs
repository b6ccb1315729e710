//! `GET /api/health`: 200 when the store answers; and the API's own description.

use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::routes::{Function, Route, Table};
use crate::store::StoreError;
use lambda_http::{Body, Response};
use std::time::Duration;

pub const TABLE: Table = Table {
    function: Function::Health,
    routes: &[
        Route::new("GET", "/api/health", |c| Box::pin(async move { get(c.ctx).await })),
        Route::new("GET", "/api/openapi.json", |_| Box::pin(async move { Ok(crate::openapi::get()) })),
    ],
};

/// How long health waits for the store: a monitor learns within this that the store is down.
const PING_WITHIN: Duration = Duration::from_millis(1500);

pub async fn get(ctx: &Context) -> Result<Response<Body>, ApiError> {
    match tokio::time::timeout(PING_WITHIN, ctx.store.ping()).await {
        Ok(answered) => answered?,
        Err(_) => return Err(StoreError::Dynamo(format!("no answer within {} ms", PING_WITHIN.as_millis())).into()),
    }
    Ok(json(200, &serde_json::json!({ "status": "ok" })))
}
