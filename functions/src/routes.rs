//! The route table: which function answers which method and path. The local stack, every Lambda
//! binary and the infrastructure test (template ⇔ code) all read this one table.

use crate::context::Context;
use crate::error::ApiError;
use lambda_http::{Body, Request, Response};
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
    /// Fed by the responses table's stream (`results/stream.rs`), not by the API: no routes.
    Aggregate,
}

impl Function {
    pub const ALL: [Function; 8] = [
        Function::Forms,
        Function::Submit,
        Function::Receipts,
        Function::Health,
        Function::Login,
        Function::Admin,
        Function::Results,
        Function::Aggregate,
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
            Function::Aggregate => "aggregate",
        }
    }
}

/// One endpoint of the API: a handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    Form,
    StartForm,
    Submit,
    Receipt,
    Health,
    Login,
    Units,
    ImportUnits,
    Campaigns,
    CreateCampaign,
    Campaign,
    OpenCampaign,
    CloseCampaign,
    Progress,
    EnterResponse,
    ResponseDetail,
    ExcludeResponse,
    ExportCsv,
    VerificationSample,
    VerificationList,
    Verify,
    Audit,
    Posters,
    Poster,
    RevokePoster,
    SetQuota,
    Results,
    ResultsOne,
    Publish,
    Preview,
    UpdateUnit,
    DeactivateUnit,
    ExportXlsx,
    Flags,
    UploadCustomers,
    PurgeCustomers,
    DrawCallSample,
    CallSheet,
    Questionnaires,
    AddQuestionnaireVersion,
    ChangeCampaignQuestionnaire,
    OpenApi,
    AddAction,
    UpdateAction,
    UnitActions,
}

impl Endpoint {
    pub fn function(self) -> Function {
        match self {
            Endpoint::Form | Endpoint::StartForm => Function::Forms,
            Endpoint::Submit => Function::Submit,
            Endpoint::Receipt => Function::Receipts,
            Endpoint::Health => Function::Health,
            Endpoint::OpenApi => Function::Health,
            Endpoint::Login => Function::Login,
            Endpoint::Results | Endpoint::ResultsOne | Endpoint::UnitActions => Function::Results,
            _ => Function::Admin,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub method: &'static str,
    /// `{name}` matches one non-empty path segment.
    pub path: &'static str,
    pub endpoint: Endpoint,
}

const fn route(method: &'static str, path: &'static str, endpoint: Endpoint) -> Route {
    Route { method, path, endpoint }
}

pub const ROUTES: &[Route] = &[
    route("GET", "/api/forms/{campaign}/{unit}", Endpoint::Form),
    route("POST", "/api/forms/{campaign}/{unit}/start", Endpoint::StartForm),
    route("POST", "/api/responses", Endpoint::Submit),
    route("GET", "/api/receipts/{receipt}", Endpoint::Receipt),
    route("GET", "/api/health", Endpoint::Health),
    route("GET", "/api/openapi.json", Endpoint::OpenApi),
    route("POST", "/api/auth/login", Endpoint::Login),
    route("GET", "/api/results", Endpoint::Results),
    route("GET", "/api/results/{campaign}", Endpoint::ResultsOne),
    route("GET", "/api/results/{campaign}/units/{unit}/actions", Endpoint::UnitActions),
    route("POST", "/api/admin/campaigns/{campaign}/publish", Endpoint::Publish),
    route("GET", "/api/admin/campaigns/{campaign}/preview", Endpoint::Preview),
    route("POST", "/api/admin/campaigns/{campaign}/units/{unit}/actions", Endpoint::AddAction),
    route("PUT", "/api/admin/campaigns/{campaign}/units/{unit}/actions/{id}", Endpoint::UpdateAction),
    route("GET", "/api/admin/units", Endpoint::Units),
    route("POST", "/api/admin/units/import", Endpoint::ImportUnits),
    route("PUT", "/api/admin/units/{code}", Endpoint::UpdateUnit),
    route("POST", "/api/admin/units/{code}/deactivate", Endpoint::DeactivateUnit),
    route("GET", "/api/admin/campaigns", Endpoint::Campaigns),
    route("POST", "/api/admin/campaigns", Endpoint::CreateCampaign),
    route("GET", "/api/admin/campaigns/{campaign}", Endpoint::Campaign),
    route("POST", "/api/admin/campaigns/{campaign}/open", Endpoint::OpenCampaign),
    route("POST", "/api/admin/campaigns/{campaign}/close", Endpoint::CloseCampaign),
    route("GET", "/api/admin/campaigns/{campaign}/progress", Endpoint::Progress),
    route("PUT", "/api/admin/campaigns/{campaign}/units/{unit}/quota", Endpoint::SetQuota),
    route("GET", "/api/admin/campaigns/{campaign}/responses.csv", Endpoint::ExportCsv),
    route("GET", "/api/admin/campaigns/{campaign}/responses.xlsx", Endpoint::ExportXlsx),
    route("GET", "/api/admin/campaigns/{campaign}/flags", Endpoint::Flags),
    route("POST", "/api/admin/campaigns/{campaign}/verification-sample", Endpoint::VerificationSample),
    route("GET", "/api/admin/campaigns/{campaign}/verification-sample", Endpoint::VerificationList),
    route("POST", "/api/admin/responses", Endpoint::EnterResponse),
    route("GET", "/api/admin/responses/{id}", Endpoint::ResponseDetail),
    route("POST", "/api/admin/responses/{id}/exclude", Endpoint::ExcludeResponse),
    route("POST", "/api/admin/responses/{id}/verification", Endpoint::Verify),
    route("GET", "/api/admin/audit", Endpoint::Audit),
    route("GET", "/api/admin/campaigns/{campaign}/posters", Endpoint::Posters),
    route("GET", "/api/admin/campaigns/{campaign}/units/{unit}/poster", Endpoint::Poster),
    route("POST", "/api/admin/campaigns/{campaign}/units/{unit}/poster/revoke", Endpoint::RevokePoster),
    route("POST", "/api/admin/campaigns/{campaign}/units/{unit}/customers", Endpoint::UploadCustomers),
    route("DELETE", "/api/admin/campaigns/{campaign}/units/{unit}/customers", Endpoint::PurgeCustomers),
    route("POST", "/api/admin/campaigns/{campaign}/units/{unit}/sample", Endpoint::DrawCallSample),
    route("GET", "/api/admin/campaigns/{campaign}/units/{unit}/call-sheet.csv", Endpoint::CallSheet),
    route("GET", "/api/admin/questionnaires", Endpoint::Questionnaires),
    route("POST", "/api/admin/questionnaires", Endpoint::AddQuestionnaireVersion),
    route("PUT", "/api/admin/campaigns/{campaign}/questionnaire", Endpoint::ChangeCampaignQuestionnaire),
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

/// What a function's handler answers, boxed so that every handler has the one type [`Handler`].
pub type Answer<'a> = Pin<Box<dyn Future<Output = Result<Response<Body>, ApiError>> + Send + 'a>>;

/// The endpoints of one function. A Lambda binary is given its own (`lambda::run`), so that it
/// links only that code: a bootstrap for the form does not carry the admin console's.
pub type Handler = for<'a> fn(&'a Context, Endpoint, &'a Params, &'a Request) -> Answer<'a>;

impl Function {
    /// Its handler, for the local stack, which serves every function; `None` for the stream's.
    pub fn handler(self) -> Option<Handler> {
        match self {
            Function::Forms => Some(forms),
            Function::Submit => Some(submit),
            Function::Receipts => Some(receipts),
            Function::Health => Some(health),
            Function::Login => Some(login),
            Function::Admin => Some(admin),
            Function::Results => Some(results),
            Function::Aggregate => None,
        }
    }
}

/// Answers one API request, for any function: the local stack, which serves them all.
pub async fn dispatch(ctx: &Context, req: Request) -> Response<Body> {
    answer(ctx, req, Function::handler).await
}

/// Answers one API request in `function`'s own Lambda: its routes only, with its `handler`.
pub async fn dispatch_to(ctx: &Context, function: Function, handler: Handler, req: Request) -> Response<Body> {
    answer(ctx, req, move |f| (f == function).then_some(handler)).await
}

/// `handler_of`: who answers a function's routes here (generic, so that a Lambda binary's copy
/// refers to its own handler alone).
async fn answer(ctx: &Context, req: Request, handler_of: impl Fn(Function) -> Option<Handler>) -> Response<Body> {
    let result = match resolve(req.method().as_str(), req.uri().path()) {
        Resolved::Route(route, params) => match handler_of(route.endpoint.function()) {
            Some(handler) => handler(ctx, route.endpoint, &params, &req).await,
            None => Err(ApiError::NoRoute),
        },
        Resolved::MethodNotAllowed => Err(ApiError::MethodNotAllowed),
        Resolved::NotFound => Err(ApiError::NoRoute),
    };
    let accept = req.headers().get("accept-encoding").and_then(|v| v.to_str().ok());
    crate::http::compress(accept, result.unwrap_or_else(|e| e.into_response()))
}

/// An endpoint routed to a function that does not serve it: `dispatch` never lets one through.
fn elsewhere(endpoint: Endpoint) -> Result<Response<Body>, ApiError> {
    unreachable!("{endpoint:?} is served by {:?}", endpoint.function())
}

pub fn forms<'a>(ctx: &'a Context, endpoint: Endpoint, params: &'a Params, req: &'a Request) -> Answer<'a> {
    Box::pin(async move {
        match endpoint {
            Endpoint::Form => {
                let poster = crate::admin::query_param(req, "p");
                crate::forms::get(ctx, params.get("campaign"), params.get("unit"), poster.as_deref()).await
            }
            Endpoint::StartForm => {
                crate::forms::start(ctx, params.get("campaign"), params.get("unit"), req.body()).await
            }
            other => elsewhere(other),
        }
    })
}

pub fn submit<'a>(ctx: &'a Context, endpoint: Endpoint, _: &'a Params, req: &'a Request) -> Answer<'a> {
    Box::pin(async move {
        match endpoint {
            Endpoint::Submit => crate::submit::post(ctx, req).await,
            other => elsewhere(other),
        }
    })
}

pub fn receipts<'a>(ctx: &'a Context, endpoint: Endpoint, params: &'a Params, _: &'a Request) -> Answer<'a> {
    Box::pin(async move {
        match endpoint {
            Endpoint::Receipt => crate::receipts::get(ctx, params.get("receipt")).await,
            other => elsewhere(other),
        }
    })
}

pub fn health<'a>(ctx: &'a Context, endpoint: Endpoint, _: &'a Params, _: &'a Request) -> Answer<'a> {
    Box::pin(async move {
        match endpoint {
            Endpoint::Health => crate::health::get(ctx).await,
            Endpoint::OpenApi => Ok(crate::openapi::get()),
            other => elsewhere(other),
        }
    })
}

pub fn login<'a>(ctx: &'a Context, endpoint: Endpoint, _: &'a Params, req: &'a Request) -> Answer<'a> {
    Box::pin(async move {
        match endpoint {
            Endpoint::Login => crate::admin::login(ctx, req.body()).await,
            other => elsewhere(other),
        }
    })
}

pub fn results<'a>(ctx: &'a Context, endpoint: Endpoint, params: &'a Params, req: &'a Request) -> Answer<'a> {
    Box::pin(async move {
        match endpoint {
            Endpoint::Results => crate::results::public::list(ctx).await,
            Endpoint::ResultsOne => {
                let version = crate::admin::query_param(req, "version");
                crate::results::public::get(ctx, params.get("campaign"), version.as_deref()).await
            }
            Endpoint::UnitActions => {
                crate::results::actions::public(ctx, params.get("campaign"), params.get("unit")).await
            }
            other => elsewhere(other),
        }
    })
}

pub fn admin<'a>(ctx: &'a Context, endpoint: Endpoint, params: &'a Params, req: &'a Request) -> Answer<'a> {
    Box::pin(crate::admin::handle(ctx, endpoint, params, req))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(method: &str, path: &str) -> Option<(Function, Params)> {
        match resolve(method, path) {
            Resolved::Route(r, p) => Some((r.endpoint.function(), p)),
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
        assert_eq!(found("GET", "/api/admin/campaigns/c1/responses.csv").unwrap().0, Function::Admin);
        assert_eq!(found("POST", "/api/admin/campaigns").unwrap().0, Function::Admin);
    }

    #[test]
    fn every_function_with_a_handler_has_a_route() {
        for f in Function::ALL {
            assert_eq!(ROUTES.iter().any(|r| r.endpoint.function() == f), f.handler().is_some(), "{f:?}");
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
