//! `GET /api/receipts/{receipt}`: a respondent checks that an answer arrived. Never the answers.

use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::routes::{Function, Route, Table};
use hailong_domain::Receipt;
use hailong_domain::api::{ExcludedNote, ReceiptView};
use lambda_http::{Body, Response};

pub const TABLE: Table = Table {
    function: Function::Receipts,
    routes: &[Route::new("GET", "/api/receipts/{receipt}", |c| {
        Box::pin(async move { get(c.ctx, c.param("receipt")?).await })
    })],
};

pub async fn get(ctx: &Context, code: &str) -> Result<Response<Body>, ApiError> {
    let receipt = Receipt::parse(code).map_err(|e| ApiError::bad_request("invalid_receipt", e.to_string()))?;
    let record = ctx
        .store
        .receipt(&receipt)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no response has the receipt {}", receipt.display())))?;
    let exclusion = ctx.store.exclusion(&record.campaign, &record.response).await?;
    let (leaf, counted_in) = crate::services::counted_in_latest(ctx, &record).await?;
    let view = ReceiptView {
        campaign: record.campaign.clone(),
        unit: record.unit.clone(),
        received_at: clock::rfc3339(record.received_at_ms),
        // The receipt page checks the leaf itself against the published files.
        leaf,
        counted_in,
        excluded: exclusion.map(|e| ExcludedNote { reason: e.reason.as_str().to_owned() }),
    };
    Ok(json(200, &view))
}
