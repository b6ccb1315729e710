//! `GET /api/admin/audit`: the audit log (written by `Store::audit`), which the API has no way to
//! change or delete, read a page at a time.

use crate::auth::{Caller, Role};
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::store::AuditEntry;
use crate::store::keys::{self, Key};
use hailong_domain::Date;
use lambda_http::{Body, Response};
use serde_json::Value;

/// Entries of one page unless `limit` says otherwise, and the most it may say.
const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 500;

/// What `GET /api/admin/audit` asks: its query parameters, parsed.
#[derive(Debug)]
pub struct AuditQuery {
    /// The entry to continue after (the opaque `cursor` is the hex of its sort key).
    after: Option<Key>,
    limit: usize,
    campaign: Option<String>,
    user: Option<String>,
    action: Option<String>,
    /// Unix milliseconds, inclusive: the first and last instants of the days asked (Việt Nam).
    from_ms: i64,
    to_ms: i64,
}

impl AuditQuery {
    pub fn parse(param: impl Fn(&str) -> Option<String>) -> Result<AuditQuery, ApiError> {
        let given = |name: &str| param(name).filter(|v| !v.is_empty());
        let limit = crate::routes::page_limit(given("limit"), DEFAULT_LIMIT, MAX_LIMIT)?;
        let after = given("cursor").map(|c| cursor_key(&c)).transpose()?;
        let day = |name: &str| {
            given(name)
                .map(|d| {
                    Date::parse(&d).map_err(|_| {
                        ApiError::bad_request("invalid_date", format!("{name} is a date such as 2026-12-01"))
                    })
                })
                .transpose()
        };
        const DAY_MS: i64 = 86_400_000;
        const ICT_MS: i64 = 7 * 3_600_000;
        let from_ms = day("from")?.map_or(0, |d| d.days_since_epoch() * DAY_MS - ICT_MS).max(0);
        let to_ms = day("to")?.map_or(9_999_999_999_999, |d| (d.days_since_epoch() + 1) * DAY_MS - ICT_MS - 1);
        Ok(AuditQuery {
            after,
            limit,
            campaign: given("campaign"),
            user: given("user"),
            action: given("action"),
            from_ms,
            to_ms,
        })
    }

    /// Whether an entry meets the filters other than time. An entry is of a campaign when its
    /// target is the campaign or one of its units (`campaign/unit`), or it records the campaign.
    fn keeps(&self, e: &AuditEntry) -> bool {
        let of_campaign = |c: &str| {
            e.target == c
                || e.target.split('/').next() == Some(c)
                || e.after.as_ref().and_then(|a| a.get("campaign")).and_then(Value::as_str) == Some(c)
        };
        self.user.as_ref().is_none_or(|u| &e.user == u)
            && self.action.as_ref().is_none_or(|a| &e.action == a)
            && self.campaign.as_deref().is_none_or(of_campaign)
    }
}

/// The opaque cursor of a sort key (hex, so it needs no escaping in a URL), and back.
fn cursor_of(sk: &str) -> String {
    sk.bytes().map(|b| format!("{b:02x}")).collect()
}

fn cursor_key(cursor: &str) -> Result<Key, ApiError> {
    let bad =
        || ApiError::bad_request("invalid_cursor", "the cursor is not one this API gave; start from the first page");
    let bytes = (0..cursor.len())
        .step_by(2)
        .map(|i| cursor.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(bad)?;
    let sk = String::from_utf8(bytes).map_err(|_| bad())?;
    keys::audit_entry_at(&sk).ok_or_else(bad)
}

/// `GET /api/admin/audit?cursor=&limit=&campaign=&user=&action=&from=&to=`: administrators and
/// viewers read the log a page at a time, newest first; `next` is the cursor of the older page.
pub async fn list(ctx: &Context, caller: &Caller, query: AuditQuery) -> Result<Response<Body>, ApiError> {
    if caller.role == Role::Staff {
        return Err(super::forbidden());
    }
    let page = ctx
        .store
        .audit_page((query.from_ms, query.to_ms), query.after.as_ref(), query.limit, |e| query.keeps(e))
        .await?;
    Ok(json(200, &serde_json::json!({ "entries": page.entries, "next": page.next.as_deref().map(cursor_of) })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Result<AuditQuery, ApiError> {
        AuditQuery::parse(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned()))
    }

    #[test]
    fn days_are_whole_days_in_vietnam() {
        let q = query(&[("from", "2026-12-01"), ("to", "2026-12-01")]).unwrap();
        // 2026-12-01 00:00 in Việt Nam is 2026-11-30 17:00 UTC.
        assert_eq!((q.from_ms, q.to_ms), (1_796_058_000_000, 1_796_058_000_000 + 86_400_000 - 1));
        assert_eq!(query(&[]).unwrap().limit, DEFAULT_LIMIT);
    }

    #[test]
    fn bad_parameters_are_refused_with_a_code() {
        let code = |pairs: &[(&str, &str)]| match query(pairs) {
            Err(ApiError::BadRequest { code, .. }) => code,
            other => panic!("{other:?}"),
        };
        assert_eq!(code(&[("limit", "0")]), "invalid_limit");
        assert_eq!(code(&[("limit", "501")]), "invalid_limit");
        assert_eq!(code(&[("from", "01/12/2026")]), "invalid_date");
        assert_eq!(code(&[("cursor", "zz")]), "invalid_cursor");
        assert_eq!(code(&[("cursor", &cursor_of("123#x"))]), "invalid_cursor");
        let sk = format!("{:013}#{}", 5, uuid::Uuid::nil());
        assert_eq!(query(&[("cursor", &cursor_of(&sk))]).unwrap().after, keys::audit_entry_at(&sk));
    }
}
