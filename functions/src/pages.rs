//! The citizen and public pages as HTML (issue 11): `/s/{campaign}/{unit}` is the questionnaire as
//! a plain form that works with no script (GET renders it, POST stores it as `POST /api/responses`
//! does and answers with the receipt page, or with the form again and its problems),
//! `/receipt/{code}` the receipt, and `/`, `/r/{campaign}` and `/r/{campaign}/{unit}` the
//! published results, read as the results API reads them (`services.rs`). The markup is the
//! frontend's (`hailong_frontend::html`); where WebAssembly runs, the citizen or public app takes
//! these pages over.

use crate::bots::{self, BotError, Origin};
use crate::context::Context;
use crate::error::ApiError;
use crate::forms;
use crate::routes::{Call, Function, Route, Table};
use crate::services::{published_snapshot, published_version, unit_actions};
use crate::store::Stored;
use crate::submit::{self, Intake};
use hailong_domain::api::MAX_SUBMISSION_BYTES;
use hailong_domain::{AnswerProblem, CampaignId, PosterCode, Receipt, Sender, UnitCode};
use hailong_frontend::html::{self, Counting, Filled, FormPage, Notice, ReceiptFacts, Refusal, UnitFacts};
use lambda_http::http::HeaderValue;
use lambda_http::{Body, Request, Response};

pub const TABLE: Table = Table {
    function: Function::Pages,
    routes: &[
        Route::new("GET", "/s/{campaign}/{unit}", |c| {
            Box::pin(async move {
                let origin = c.ctx.origin(c.req)?;
                // A misshapen poster code, like a forged one, must not keep anyone from answering.
                let poster = c.poster().unwrap_or(None);
                Ok(form(c.ctx, &origin, &c.campaign()?, &c.unit()?, poster).await)
            })
        }),
        Route::new("POST", "/s/{campaign}/{unit}", |c| {
            Box::pin(async move { Ok(post(c.ctx, c.req, &c.campaign()?, &c.unit()?).await) })
        }),
        Route::new("GET", "/receipt/{receipt}", |c| {
            Box::pin(async move { Ok(receipt(c.ctx, c.param("receipt")?).await) })
        }),
        Route::new("GET", "/receipt", |c| Box::pin(async move { Ok(check_receipt(c.req.uri().query())) })),
        Route::new("GET", "/", |c| Box::pin(async move { Ok(published(home(c.ctx).await)) })),
        Route::new("GET", "/r/{campaign}", |c| Box::pin(async move { Ok(published(results(&c).await)) })),
        Route::new("GET", "/r/{campaign}/{unit}", |c| Box::pin(async move { Ok(published(unit(&c).await)) })),
    ],
};

/// `GET /receipt?code=…`: the home page's form, sent without script: to the receipt's page, or
/// the form again saying the code cannot be one.
fn check_receipt(query: Option<&str>) -> Response<Body> {
    // As a browser sends a form: spaces as `+`, the rest percent-encoded.
    let typed = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "code")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    match Receipt::parse(&typed) {
        Ok(receipt) => Response::builder()
            .status(303)
            .header("location", format!("/receipt/{receipt}"))
            .header("cache-control", "no-store")
            .body(Body::Empty)
            .expect("a valid response"),
        Err(_) => page(400, html::receipt_form_page(&typed)),
    }
}

/// `GET /`: the published campaigns (as `GET /api/results` lists them).
async fn home(ctx: &Context) -> Result<String, ApiError> {
    Ok(html::home_page(&ctx.store.publications().await?))
}

/// `GET /r/{campaign}[?version=N]`: a published version's ranking (as `GET /api/results/{c}`).
async fn results(c: &Call<'_>) -> Result<String, ApiError> {
    let campaign = &c.campaign()?;
    let (publication, v, _) = published_version(c.ctx, campaign, c.query("version").as_deref()).await?;
    let snapshot = published_snapshot(c.ctx, campaign, v).await?;
    Ok(html::results_page(&publication, &snapshot))
}

/// `GET /r/{campaign}/{unit}[?version=N]`: one unit of a published version, with its change since
/// the campaign published before and its improvement actions.
async fn unit(c: &Call<'_>) -> Result<String, ApiError> {
    let (campaign, code) = (&c.campaign()?, &c.unit()?);
    let (_, v, _) = published_version(c.ctx, campaign, c.query("version").as_deref()).await?;
    let snapshot = published_snapshot(c.ctx, campaign, v).await?;
    let unit = snapshot
        .unit(code.as_str())
        .ok_or_else(|| ApiError::NotFound(format!("unit {code} is not part of campaign {campaign}")))?;
    let all = c.ctx.store.publications().await?;
    let previous = match html::previous_campaign(&all, campaign) {
        Some(p) => {
            let (_, earlier, _) = published_version(c.ctx, &p.campaign, None).await?;
            published_snapshot(c.ctx, &p.campaign, earlier)
                .await?
                .unit(code.as_str())
                .cloned()
                .map(|u| (p.title.clone(), u))
        }
        None => None,
    };
    let actions = unit_actions(c.ctx, campaign, code).await?;
    let facts = UnitFacts { snapshot: &snapshot, unit, previous, actions: &actions, today: crate::clock::today() };
    Ok(html::unit_page(&facts))
}

/// A results page, kept a minute: even an older version's page changes after it is published
/// (its list of versions grows with a republication, a unit's actions are updated), unlike that
/// version's JSON. An unknown campaign, unit or version is a page saying so, in Vietnamese, 404.
fn published(result: Result<String, ApiError>) -> Response<Body> {
    match result {
        Ok(body) => {
            let mut answer = page(200, body);
            answer.headers_mut().insert("cache-control", HeaderValue::from_static("public, max-age=60"));
            answer
        }
        Err(ApiError::NotFound(_) | ApiError::BadRequest { code: "invalid_id", .. }) => {
            page(404, html::no_results_page())
        }
        Err(e) => refused(&e),
    }
}

/// `GET /s/{campaign}/{unit}[?p=poster]`: a blank form with a response id of its own.
pub async fn form(
    ctx: &Context,
    origin: &Origin,
    campaign: &CampaignId,
    unit: &UnitCode,
    poster: Option<PosterCode>,
) -> Response<Body> {
    let (view, poster) = match forms::view(ctx, origin, campaign, unit, poster.as_ref()).await {
        // A misread or made-up poster code must not keep anyone from answering.
        Err(ApiError::BadRequest { code: "forged_poster", .. }) => {
            (forms::view(ctx, origin, campaign, unit, None).await, None)
        }
        other => (other, poster),
    };
    let view = match view {
        Ok(view) => view,
        Err(e) => return refused(&e),
    };
    let filled = Filled::new(new_id(), poster.map(|p| p.as_str().to_owned()));
    page(200, html::form_page(&FormPage { form: &view, filled: &filled, errors: &[], notice: None }))
}

/// `POST /s/{campaign}/{unit}`: the served form, posted.
pub async fn post(ctx: &Context, req: &Request, campaign: &CampaignId, unit: &UnitCode) -> Response<Body> {
    match stored(ctx, req, campaign, unit).await {
        Ok(page) => page,
        Err(e) => refused(&e),
    }
}

async fn stored(
    ctx: &Context,
    req: &Request,
    campaign: &CampaignId,
    unit: &UnitCode,
) -> Result<Response<Body>, ApiError> {
    let origin = ctx.origin(req)?;
    let body: &[u8] = req.body().as_ref();
    if body.len() > MAX_SUBMISSION_BYTES {
        return Err(ApiError::TooLarge { limit: MAX_SUBMISSION_BYTES });
    }
    let view = forms::view(ctx, &origin, campaign, unit, None).await?;
    let Ok(filled) = Filled::from_body(&view.questionnaire, body) else {
        return Ok(refused_page(&Refusal::FormChanged, 400));
    };
    let submission = filled.submission(&view).map_err(|_| ApiError::bad_request("invalid_body", "no response id"))?;
    let again = |status: u16, refusal: Refusal| {
        let notice = Some(Notice::Problem(refusal.message()));
        page(status, html::form_page(&FormPage { form: &view, filled: &filled, errors: &[], notice }))
    };
    let campaign = crate::services::public_campaign(ctx, campaign).await?;
    if let Err(bot) = bots::check_honeypot(&submission) {
        bots::count_refusal(&ctx.store, &campaign.id, "honeypot").await;
        let (status, refusal) = refusal(&bot.into());
        return Ok(again(status, refusal));
    }
    // The served form is a respondent's own, by QR: the same rule as the app's.
    let source = submission.source(Sender::Respondent)?;
    match submit::store(ctx, submission, source, campaign, Intake::Public(origin)).await {
        Ok(Stored::New(receipt) | Stored::Again(receipt)) => {
            Ok(page(200, html::thanks_page(&receipt, &view.campaign.title, &view.unit.name)))
        }
        Ok(Stored::Conflict) => Ok(refused_page(&Refusal::Conflict, 409)),
        Ok(Stored::DuplicateSerial) => Err(ApiError::refused("duplicate_serial", "a QR response has no serial")),
        Err(ApiError::InvalidAnswers(errors)) if !errors.iter().any(|e| e.problem == AnswerProblem::UnknownItem) => {
            Ok(page(400, html::form_page(&FormPage { form: &view, filled: &filled, errors: &errors, notice: None })))
        }
        Err(ApiError::InvalidAnswers(_)) => Ok(refused_page(&Refusal::FormChanged, 400)),
        Err(e) => match refusal(&e) {
            (status, refusal) if refusal.keeps_form() => Ok(with_retry_after(again(status, refusal), &e)),
            _ => Err(e),
        },
    }
}

/// `GET /receipt/{code}`: where and when it arrived, and whether it is counted.
pub async fn receipt(ctx: &Context, code: &str) -> Response<Body> {
    match receipt_facts(ctx, code).await {
        Ok(Some(facts)) => page(200, html::receipt_page(Some(&facts))),
        Ok(None) => page(404, html::receipt_page(None)),
        Err(e) => refused(&e),
    }
}

async fn receipt_facts(ctx: &Context, code: &str) -> Result<Option<ReceiptFacts>, ApiError> {
    let Ok(receipt) = Receipt::parse(code) else { return Ok(None) };
    let Some(record) = ctx.store.receipt(&receipt).await? else { return Ok(None) };
    let campaign = ctx.store.campaign(&record.campaign).await?;
    let unit = ctx.store.unit(&record.unit).await?;
    let counting = match ctx.store.exclusion(&record.campaign, &record.response).await? {
        Some(e) => Counting::Excluded(e.reason.as_str().to_owned()),
        None => match crate::services::counted_in_latest(ctx, &record).await? {
            (_, Some(_)) => Counting::Counted,
            _ => Counting::NotYetPublished,
        },
    };
    Ok(Some(ReceiptFacts {
        receipt,
        authority: campaign.as_ref().and_then(|c| c.authority.clone()),
        campaign: campaign.map_or_else(|| record.campaign.to_string(), |c| c.title),
        unit: unit.map_or_else(|| record.unit.to_string(), |u| u.name),
        received_at_ms: record.received_at_ms,
        counting,
    }))
}

/// The page for an error, with the status the API would answer.
fn refused(e: &ApiError) -> Response<Body> {
    let (status, refusal) = refusal(e);
    with_retry_after(refused_page(&refusal, status), e)
}

/// A busy answer says when to try again, as the API's 429 does.
fn with_retry_after(mut page: Response<Body>, e: &ApiError) -> Response<Body> {
    if let ApiError::Bot(BotError::Limited { retry_after_s, .. }) = e {
        page.headers_mut().insert("retry-after", (*retry_after_s).into());
    }
    page
}

fn refused_page(refusal: &Refusal, status: u16) -> Response<Body> {
    page(status, html::message_page(&refusal.message()))
}

fn refusal(e: &ApiError) -> (u16, Refusal) {
    let status = e.status();
    let refusal = match e {
        ApiError::NotFound(_) | ApiError::NoRoute | ApiError::BadRequest { code: "invalid_id", .. } => {
            Refusal::NotFound
        }
        ApiError::Closed(w) => Refusal::Closed(Some(w.closes)),
        ApiError::NotYetOpen(w) => Refusal::NotYetOpen(Some(w.opens)),
        ApiError::Conflict => Refusal::Conflict,
        ApiError::TooLarge { .. } => Refusal::TooLarge,
        ApiError::Bot(BotError::Limited { .. }) => Refusal::Busy,
        ApiError::Bot(BotError::Honeypot) => Refusal::NotAccepted,
        ApiError::InvalidAnswers(_) | ApiError::BadRequest { .. } => Refusal::FormChanged,
        _ => Refusal::Server,
    };
    (status, refusal)
}

fn page(status: u16, html: String) -> Response<Body> {
    Response::builder()
        .status(status)
        .header("content-type", "text/html; charset=utf-8")
        // Each form holds a response id of its own: never one from a cache.
        .header("cache-control", "no-store")
        .body(Body::from(html))
        .expect("a valid response")
}

/// A fresh random (v4) response id for one served form.
fn new_id() -> uuid::Uuid {
    uuid::Builder::from_random_bytes(crate::random::random_bytes()).into_uuid()
}
