//! `GET /api/admin/audit`: the audit log (written by `Store::audit`), which the API has no way to
//! change or delete.

use crate::auth::{Caller, Role};
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use lambda_http::{Body, Response};

/// `GET /api/admin/audit`: administrators and viewers read the whole log, newest first.
pub async fn list(ctx: &Context, caller: &Caller) -> Result<Response<Body>, ApiError> {
    if caller.role == Role::Staff {
        return Err(super::forbidden());
    }
    let mut entries = ctx.store.audit_log().await?;
    entries.reverse();
    Ok(json(200, &entries))
}
