//! The administration API under `/api/admin`: every call is made by a verified caller, and every
//! change is written to the audit log.

mod audit;
mod campaigns;
mod csv_file;
mod draw;
mod entry;
mod exclusion;
mod export;
mod flags;
mod posters;
mod progress;
mod questionnaires;
mod sampling;
mod sheet;
mod units;
mod verification;

use crate::auth::{self, AuthError};
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::routes::{Endpoint, Params};
use lambda_http::{Body, Request, Response};
use serde::de::DeserializeOwned;

pub use audit::{AuditEntry, record as audit_record};
pub use draw::draw_sample;
pub use exclusion::{Exclusion, ExclusionReason, partition as exclusion_partition};
pub use verification::Verification;

/// `POST /api/auth/login`: the local stack's sign-in for the demo accounts. In AWS, people sign
/// in with Cognito and the API's JWT authorizer checks their tokens.
pub async fn login(ctx: &Context, body: &Body) -> Result<Response<Body>, ApiError> {
    #[derive(serde::Deserialize)]
    struct Login {
        username: String,
        password: String,
    }
    let signer = ctx.signer.as_ref().ok_or_else(|| {
        ApiError::NotFound("this deployment signs people in through its identity provider (Cognito)".into())
    })?;
    let login: Login = parse(body)?;
    let (token, caller) = signer.login(&login.username, &login.password, clock::now_ms() / 1000)?;
    Ok(json(
        200,
        &serde_json::json!({ "token": token, "user": caller.user, "role": caller.role, "units": caller.units }),
    ))
}

pub async fn handle(
    ctx: &Context,
    endpoint: Endpoint,
    params: &Params,
    req: &Request,
) -> Result<Response<Body>, ApiError> {
    let caller = auth::caller(req, ctx.signer.as_ref(), clock::now_ms() / 1000)?;
    let query = |name: &str| query_param(req, name);
    match endpoint {
        Endpoint::Units => units::list(ctx, &caller).await,
        Endpoint::ImportUnits => units::import(ctx, &caller, req.body()).await,
        Endpoint::UpdateUnit => units::update(ctx, &caller, params.get("code"), parse(req.body())?).await,
        Endpoint::DeactivateUnit => units::deactivate(ctx, &caller, params.get("code")).await,
        Endpoint::Campaigns => campaigns::list(ctx, &caller).await,
        Endpoint::CreateCampaign => campaigns::create(ctx, &caller, parse(req.body())?).await,
        Endpoint::Campaign => campaigns::get(ctx, &caller, params.get("campaign")).await,
        Endpoint::OpenCampaign => campaigns::open(ctx, &caller, params.get("campaign")).await,
        Endpoint::CloseCampaign => campaigns::close(ctx, &caller, params.get("campaign")).await,
        Endpoint::SetQuota => {
            campaigns::set_quota(ctx, &caller, params.get("campaign"), params.get("unit"), parse(req.body())?).await
        }
        Endpoint::Progress => progress::get(ctx, &caller, params.get("campaign")).await,
        Endpoint::ExportCsv => export::csv(ctx, &caller, params.get("campaign"), query("unit").as_deref()).await,
        Endpoint::ExportXlsx => export::xlsx(ctx, &caller, params.get("campaign"), query("unit").as_deref()).await,
        Endpoint::Flags => flags::get(ctx, &caller, params.get("campaign")).await,
        Endpoint::VerificationSample => {
            verification::draw(ctx, &caller, params.get("campaign"), parse(req.body())?).await
        }
        Endpoint::VerificationList => verification::list(ctx, &caller, params.get("campaign")).await,
        Endpoint::Verify => verification::record(ctx, &caller, params.get("id"), parse(req.body())?).await,
        Endpoint::EnterResponse => entry::post(ctx, &caller, req.body()).await,
        Endpoint::ResponseDetail => exclusion::detail(ctx, &caller, params.get("id")).await,
        Endpoint::ExcludeResponse => exclusion::post(ctx, &caller, params.get("id"), parse(req.body())?).await,
        Endpoint::Audit => audit::list(ctx, &caller, audit::AuditQuery::parse(query)?).await,
        Endpoint::Posters => posters::all(ctx, &caller, params.get("campaign")).await,
        Endpoint::Poster => posters::one(ctx, &caller, params.get("campaign"), params.get("unit")).await,
        Endpoint::RevokePoster => posters::revoke(ctx, &caller, params.get("campaign"), params.get("unit")).await,
        Endpoint::UploadCustomers => {
            sampling::upload(ctx, &caller, params.get("campaign"), params.get("unit"), req.body()).await
        }
        Endpoint::PurgeCustomers => sampling::purge(ctx, &caller, params.get("campaign"), params.get("unit")).await,
        Endpoint::DrawCallSample => {
            sampling::draw(ctx, &caller, params.get("campaign"), params.get("unit"), parse(req.body())?).await
        }
        Endpoint::CallSheet => sampling::call_sheet(ctx, &caller, params.get("campaign"), params.get("unit")).await,
        Endpoint::Questionnaires => questionnaires::list(ctx, &caller).await,
        Endpoint::AddQuestionnaireVersion => questionnaires::add_version(ctx, &caller, parse(req.body())?).await,
        Endpoint::ChangeCampaignQuestionnaire => {
            questionnaires::change_for_campaign(ctx, &caller, params.get("campaign"), parse(req.body())?).await
        }
        Endpoint::Publish => {
            crate::results::publish::publish(ctx, &caller, params.get("campaign"), parse_or_default(req.body())?).await
        }
        Endpoint::Preview => crate::results::publish::preview(ctx, &caller, params.get("campaign")).await,
        Endpoint::AddAction => {
            crate::results::actions::add(ctx, &caller, params.get("campaign"), params.get("unit"), parse(req.body())?)
                .await
        }
        Endpoint::UpdateAction => {
            let (campaign, unit, id) = (params.get("campaign"), params.get("unit"), params.get("id"));
            crate::results::actions::update(ctx, &caller, campaign, unit, id, parse(req.body())?).await
        }
        Endpoint::Results
        | Endpoint::ResultsOne
        | Endpoint::UnitActions
        | Endpoint::Form
        | Endpoint::StartForm
        | Endpoint::Submit
        | Endpoint::Receipt
        | Endpoint::Health
        | Endpoint::Login
        | Endpoint::OpenApi => {
            unreachable!("public endpoints are dispatched in routes.rs")
        }
    }
}

pub fn parse<T: DeserializeOwned>(body: &Body) -> Result<T, ApiError> {
    serde_json::from_slice(body.as_ref())
        .map_err(|e| ApiError::bad_request("invalid_body", format!("the body is not valid: {e}")))
}

/// Like [`parse`], with an empty body meaning the default.
fn parse_or_default<T: DeserializeOwned + Default>(body: &Body) -> Result<T, ApiError> {
    if body.as_ref().iter().all(u8::is_ascii_whitespace) { Ok(T::default()) } else { parse(body) }
}

pub(crate) fn query_param(req: &Request, name: &str) -> Option<String> {
    req.uri().query()?.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| v.to_owned())
    })
}

/// An administrator-only campaign, by id.
async fn campaign(ctx: &Context, id: &str) -> Result<hailong_domain::Campaign, ApiError> {
    ctx.store.campaign(id).await?.ok_or_else(|| ApiError::NotFound(format!("there is no campaign {id:?}")))
}

fn forbidden() -> ApiError {
    ApiError::Auth(AuthError::Forbidden)
}
