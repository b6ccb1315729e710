//! What a route table is made of: rows of (method, path, handler), one table per Lambda function,
//! each owned by that function's module (`forms::TABLE`, `admin::TABLE`, …). A Lambda binary runs
//! its own table only (`lambda::run`), so it links only that code; `api.rs` joins them all for
//! the local stack and the tests.

use crate::auth::{self, Caller};
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::{self, BodyError};
use hailong_domain::code::{self, CampaignId, CodeError, UnitCode};
use hailong_domain::{PosterCode, ResponseId, SourceError};
use lambda_http::{Body, Request, Response};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

/// One Lambda function of the deployment. Its `name` is the binary under `src/bin/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Function {
    Forms,
    Submit,
    Receipts,
    Health,
    Login,
    Admin,
    Results,
    /// The questionnaire and receipt pages as HTML (`pages.rs`).
    Pages,
    /// Fed by the responses table's stream (`results/stream.rs`), not by the API: no routes.
    Aggregate,
    /// Fed by the publication queue (`results/job.rs`): the steps of publishing. No routes.
    Publish,
}

impl Function {
    pub const ALL: [Function; 10] = [
        Function::Forms,
        Function::Submit,
        Function::Receipts,
        Function::Health,
        Function::Login,
        Function::Admin,
        Function::Results,
        Function::Pages,
        Function::Aggregate,
        Function::Publish,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Function::Forms => "forms",
            Function::Submit => "submit",
            Function::Receipts => "receipts",
            Function::Health => "health",
            Function::Login => "login",
            Function::Admin => "admin",
            Function::Results => "results",
            Function::Pages => "pages",
            Function::Aggregate => "aggregate",
            Function::Publish => "publish",
        }
    }
}

/// One matched request, as a handler row sees it: the context, the request and its path
/// parameters, with the edge's parsing (ids, body, query, caller) one call away.
#[derive(Clone, Copy)]
pub struct Call<'a> {
    pub ctx: &'a Context,
    pub req: &'a Request,
    params: &'a Params,
}

impl<'a> Call<'a> {
    /// A path parameter (percent-decoded) that is no campaign or unit (those are typed:
    /// [`Call::campaign`], [`Call::unit`]), checked at the edge so that an empty, overlong or odd
    /// id is a 400 here rather than a key the store refuses.
    pub fn param(&self, name: &str) -> Result<&'a str, ApiError> {
        let value = self.params.get(name);
        code::check(value, 64).map(|()| value).map_err(|e| invalid_id(name, e))
    }

    /// The `{campaign}` of the path.
    pub fn campaign(&self) -> Result<CampaignId, ApiError> {
        CampaignId::parse(self.params.get("campaign")).map_err(|e| invalid_id("campaign", e))
    }

    /// The `{unit}` (or `{code}`, in the unit register's paths) of the path.
    pub fn unit(&self) -> Result<UnitCode, ApiError> {
        let value = if self.params.has("unit") { self.params.get("unit") } else { self.params.get("code") };
        UnitCode::parse(value).map_err(|e| invalid_id("unit", e))
    }

    /// The `{id}` of a response's path: a UUID.
    pub fn response(&self) -> Result<ResponseId, ApiError> {
        self.params.get("id").parse().map_err(|_| {
            ApiError::bad_request("invalid_id", "the response id in the address is not a valid id: not a UUID")
        })
    }

    /// The poster code of a QR link (`?p=`), if it has one; a code of the wrong shape is as
    /// forged as one the key did not sign.
    pub fn poster(&self) -> Result<Option<PosterCode>, ApiError> {
        self.query("p")
            .map(|p| PosterCode::parse(&p).ok_or_else(|| ApiError::from(SourceError::ForgedPoster)))
            .transpose()
    }

    /// The JSON body.
    pub fn body<T: DeserializeOwned>(&self) -> Result<T, BodyError> {
        http::parse(self.req.body())
    }

    /// The JSON body, an empty one meaning the default.
    pub fn body_or_default<T: DeserializeOwned + Default>(&self) -> Result<T, BodyError> {
        http::parse_or_default(self.req.body())
    }

    pub fn query(&self, name: &str) -> Option<String> {
        http::query_param(self.req, name)
    }

    /// The verified caller of a staff route.
    pub fn caller(&self) -> Result<Caller, ApiError> {
        Ok(auth::caller(self.req, self.ctx.signer.as_ref(), clock::now_ms() / 1000)?)
    }
}

fn invalid_id(name: &str, e: CodeError) -> ApiError {
    ApiError::bad_request("invalid_id", format!("the {name} in the address is not a valid id: {e}"))
}

/// A listing's `limit` query parameter: `default` when absent, else a whole number from 1 to
/// `max`, so that no request asks for an unbounded page.
pub fn page_limit(given: Option<String>, default: usize, max: usize) -> Result<usize, ApiError> {
    match given {
        None => Ok(default),
        Some(l) => {
            l.parse().ok().filter(|l| (1..=max).contains(l)).ok_or_else(|| {
                ApiError::bad_request("invalid_limit", format!("limit is a whole number from 1 to {max}"))
            })
        }
    }
}

/// A page of a list addressed by position, as the poster parts and the preview's pages are: its
/// `cursor` is the index (from 0) of its first unit, so a client can name every page from the
/// number of units alone, and `limit` how many units it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexPage {
    pub start: usize,
    pub limit: usize,
}

impl IndexPage {
    pub fn parse(param: impl Fn(&str) -> Option<String>, default: usize, max: usize) -> Result<IndexPage, ApiError> {
        let given = |name: &str| param(name).filter(|v| !v.is_empty());
        let limit = page_limit(given("limit"), default, max)?;
        let start = given("cursor").map_or(Ok(0), |c| {
            c.parse().map_err(|_| {
                ApiError::bad_request(
                    "invalid_cursor",
                    "the cursor is the index of a unit (0 for the first); start from 0",
                )
            })
        })?;
        Ok(IndexPage { start, limit })
    }

    /// The positions this page covers in `what`'s `total` units, and the next page's cursor; a
    /// cursor past the end (of a list that has units) is refused.
    pub fn within(self, total: usize, what: &str) -> Result<(std::ops::Range<usize>, Option<usize>), ApiError> {
        if self.start > 0 && self.start >= total {
            let message = format!("the {what} has {total} units: a cursor is below {total}; start from 0");
            return Err(ApiError::bad_request("invalid_cursor", message));
        }
        let end = (self.start + self.limit).min(total);
        Ok((self.start..end, (end < total).then_some(end)))
    }
}

/// What a handler answers, boxed so that every row has the one type [`Handler`].
pub type Answer<'a> = Pin<Box<dyn Future<Output = Result<Response<Body>, ApiError>> + Send + 'a>>;

/// A row's handler: reads its typed parameters from the [`Call`] and calls its endpoint.
pub type Handler = for<'a> fn(Call<'a>) -> Answer<'a>;

#[derive(Clone, Copy)]
pub struct Route {
    pub method: &'static str,
    /// `{name}` matches one non-empty path segment.
    pub path: &'static str,
    pub handler: Handler,
}

impl Route {
    pub const fn new(method: &'static str, path: &'static str, handler: Handler) -> Route {
        Route { method, path, handler }
    }
}

impl std::fmt::Debug for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// The routes one Lambda function serves.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub function: Function,
    pub routes: &'static [Route],
}

/// Path parameters of a matched route, in order of appearance.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Params(Vec<(&'static str, String)>);

impl Params {
    /// A parameter of the matched path. Rows name only their own path's parameters (the tests
    /// call every row), so a missing one is a typo in a row.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("route has no parameter {name}"))
    }

    fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(n, _)| *n == name)
    }
}

fn match_path(pattern: &'static str, path: &str) -> Option<Params> {
    let mut pat = pattern.split('/');
    let mut got = path.split('/');
    let mut params = Vec::new();
    loop {
        match (pat.next(), got.next()) {
            (None, None) => return Some(Params(params)),
            (Some(p), Some(s)) if p.starts_with('{') => {
                if s.is_empty() {
                    return None;
                }
                params.push((&p[1..p.len() - 1], percent_decode(s)?));
            }
            (Some(p), Some(s)) if p == s => {}
            _ => return None,
        }
    }
}

/// Decodes `%XX` escapes of one path segment; `None` when the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub enum Resolved {
    Route(Function, &'static Route, Params),
    MethodNotAllowed,
    NotFound,
}

/// The row of `tables` that answers `method path`.
pub fn resolve(tables: &[Table], method: &str, path: &str) -> Resolved {
    let mut path_matched = false;
    for table in tables {
        for route in table.routes {
            if let Some(params) = match_path(route.path, path) {
                if route.method == method {
                    return Resolved::Route(table.function, route, params);
                }
                path_matched = true;
            }
        }
    }
    if path_matched { Resolved::MethodNotAllowed } else { Resolved::NotFound }
}

/// Answers one API request with the rows of `tables`: one function's in its Lambda, all of
/// them on the local stack.
pub async fn dispatch_to(ctx: &Context, tables: &[Table], req: Request) -> Response<Body> {
    let started = std::time::Instant::now();
    let (result, route) = match resolve(tables, req.method().as_str(), req.uri().path()) {
        Resolved::Route(_, route, params) => {
            ((route.handler)(Call { ctx, req: &req, params: &params }).await, route.path)
        }
        Resolved::MethodNotAllowed => (Err(ApiError::MethodNotAllowed), "-"),
        Resolved::NotFound => (Err(ApiError::NoRoute), "-"),
    };
    let accept = req.headers().get("accept-encoding").and_then(|v| v.to_str().ok());
    // One line per request: the route's pattern, never the path itself (it can hold a receipt
    // code) nor any address or body.
    let (method, ms) = (req.method().as_str(), started.elapsed().as_millis() as u64);
    let answer = match result {
        Ok(answer) => {
            tracing::info!(%method, %route, status = answer.status().as_u16(), ms, "request");
            answer
        }
        Err(e) => {
            let status = e.status();
            if status >= 500 {
                tracing::error!(%method, %route, status, ms, error = %e, "request");
            } else {
                tracing::info!(%method, %route, status, ms, error = %e, "request");
            }
            e.into_response()
        }
    };
    http::compress(accept, answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_refuses_broken_escapes() {
        assert_eq!(percent_decode("ph%C6%B0%E1%BB%9Dng").as_deref(), Some("phường"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%FF"), None);
        assert_eq!(percent_decode("50%").as_deref(), Some("50%"));
    }
}
