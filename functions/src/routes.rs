//! The route table: which function answers which method and path. The local stack, every Lambda
//! binary and the infrastructure test (template ⇔ code) all read this one table.

use crate::context::Context;
use crate::error::ApiError;
use lambda_http::{Body, Request, Response};

/// One Lambda function of the deployment. Its `name` is the binary under `src/bin/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Function {
    Forms,
    Submit,
    Receipts,
    Health,
}

impl Function {
    pub const ALL: [Function; 4] = [Function::Forms, Function::Submit, Function::Receipts, Function::Health];

    pub fn name(self) -> &'static str {
        match self {
            Function::Forms => "forms",
            Function::Submit => "submit",
            Function::Receipts => "receipts",
            Function::Health => "health",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub method: &'static str,
    /// `{name}` matches one non-empty path segment.
    pub path: &'static str,
    pub function: Function,
}

pub const ROUTES: &[Route] = &[
    Route { method: "GET", path: "/api/forms/{campaign}/{unit}", function: Function::Forms },
    Route { method: "POST", path: "/api/responses", function: Function::Submit },
    Route { method: "GET", path: "/api/receipts/{receipt}", function: Function::Receipts },
    Route { method: "GET", path: "/api/health", function: Function::Health },
];

/// Path parameters of a matched route, in order of appearance.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Params(Vec<(&'static str, String)>);

impl Params {
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("route has no parameter {name}"))
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
    Route(&'static Route, Params),
    MethodNotAllowed,
    NotFound,
}

pub fn resolve(method: &str, path: &str) -> Resolved {
    let mut path_matched = false;
    for route in ROUTES {
        if let Some(params) = match_path(route.path, path) {
            if route.method == method {
                return Resolved::Route(route, params);
            }
            path_matched = true;
        }
    }
    if path_matched { Resolved::MethodNotAllowed } else { Resolved::NotFound }
}

/// Answers one API request. `only` restricts the answer to one function's routes, as in its own
/// Lambda; the local stack passes `None` and serves them all.
pub async fn dispatch(ctx: &Context, only: Option<Function>, req: Request) -> Response<Body> {
    let result = match resolve(req.method().as_str(), req.uri().path()) {
        Resolved::Route(route, params) if only.is_none_or(|f| f == route.function) => {
            call(ctx, route.function, &params, &req).await
        }
        Resolved::MethodNotAllowed => Err(ApiError::MethodNotAllowed),
        _ => Err(ApiError::NoRoute),
    };
    result.unwrap_or_else(|e| e.into_response())
}

async fn call(ctx: &Context, function: Function, params: &Params, req: &Request) -> Result<Response<Body>, ApiError> {
    match function {
        Function::Forms => crate::forms::get(ctx, params.get("campaign"), params.get("unit")).await,
        Function::Submit => crate::submit::post(ctx, req.body()).await,
        Function::Receipts => crate::receipts::get(ctx, params.get("receipt")).await,
        Function::Health => crate::health::get(ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(method: &str, path: &str) -> Option<(Function, Params)> {
        match resolve(method, path) {
            Resolved::Route(r, p) => Some((r.function, p)),
            _ => None,
        }
    }

    #[test]
    fn resolves_paths_with_parameters() {
        let (f, p) = found("GET", "/api/forms/cam-ranh/tyt%2D1").unwrap();
        assert_eq!(f, Function::Forms);
        assert_eq!((p.get("campaign"), p.get("unit")), ("cam-ranh", "tyt-1"));
        assert_eq!(found("POST", "/api/responses").unwrap().0, Function::Submit);
        assert!(found("GET", "/api/forms/cam-ranh").is_none());
        assert!(found("GET", "/api/forms/cam-ranh//").is_none());
        assert!(found("GET", "/api/forms/a/b/c").is_none());
        assert!(matches!(resolve("DELETE", "/api/responses"), Resolved::MethodNotAllowed));
        assert!(matches!(resolve("GET", "/api/nothing"), Resolved::NotFound));
    }

    #[test]
    fn every_function_has_a_route() {
        for f in Function::ALL {
            assert!(ROUTES.iter().any(|r| r.function == f), "{f:?} has no route");
        }
    }

    #[test]
    fn percent_decoding_refuses_broken_escapes() {
        assert_eq!(percent_decode("ph%C6%B0%E1%BB%9Dng").as_deref(), Some("phường"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%FF"), None);
        assert_eq!(percent_decode("50%").as_deref(), Some("50%"));
    }
}
