//! The audit log: who did what, when, with the state before and after. Append-only: entries are
//! written under fresh keys with a condition, and the API has no way to change or delete one.

use crate::auth::{Caller, Role};
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use lambda_http::{Body, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub user: String,
    pub role: Role,
    pub action: String,
    pub target: String,
    #[serde(default)]
    pub before: Option<Value>,
    #[serde(default)]
    pub after: Option<Value>,
}

/// Appends an entry for an action just done by `caller`.
pub async fn record(
    ctx: &Context,
    caller: &Caller,
    action: &str,
    target: &str,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<(), ApiError> {
    let now = clock::now_ms();
    let entry = AuditEntry {
        at: clock::rfc3339(now),
        user: caller.user.clone(),
        role: caller.role,
        action: action.to_owned(),
        target: target.to_owned(),
        before,
        after,
    };
    let sk = format!("{now:013}#{}", uuid::Uuid::from_bytes(crate::context::random_bytes()));
    ctx.store.insert_doc("AUDIT", &sk, &entry).await?;
    Ok(())
}

/// `GET /api/admin/audit`: administrators and viewers read the whole log, newest first.
pub async fn list(ctx: &Context, caller: &Caller) -> Result<Response<Body>, ApiError> {
    if caller.role == Role::Staff {
        return Err(super::forbidden());
    }
    let mut entries: Vec<AuditEntry> = ctx.store.query_docs("AUDIT").await?;
    entries.reverse();
    Ok(json(200, &entries))
}
