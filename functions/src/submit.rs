//! `POST /api/responses`: validate a response against its questionnaire and store it once. Staff
//! entry of paper and phone forms (`admin/entry.rs`) goes through the same `accept`.

use crate::bots::{self, Origin};
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::posters::{PosterCheck, PosterEvent};
use crate::routes::{Function, Route, Table};
use crate::services::{ensure_open, public_campaign, questionnaire_of};
use crate::store::Stored;
use hailong_domain::api::{MAX_SUBMISSION_BYTES, SubmitAccepted, Window};
use hailong_domain::{Campaign, CampaignStatus, Sender, Source, Submission, SubmissionError};
use lambda_http::{Body, Request, Response};
use sha2::{Digest, Sha256};

pub const TABLE: Table = Table {
    function: Function::Submit,
    routes: &[Route::new("POST", "/api/responses", |c| Box::pin(async move { post(c.ctx, c.req).await }))],
};

/// How a response comes in.
pub enum Intake {
    /// A respondent's own answer (QR): only within the campaign's dates, and within the bot
    /// limits of where it comes from.
    Public(Origin),
    /// Entered by this staff member from a paper form or a call: while the campaign is open,
    /// also after its fieldwork dates (forms are entered after they are collected).
    Staff(String),
}

pub fn parse_submission(body: &Body) -> Result<Submission, ApiError> {
    let bytes: &[u8] = body.as_ref();
    if bytes.len() > MAX_SUBMISSION_BYTES {
        return Err(ApiError::TooLarge { limit: MAX_SUBMISSION_BYTES });
    }
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request("invalid_body", format!("the body is not a valid response: {e}")))
}

pub async fn post(ctx: &Context, req: &Request) -> Result<Response<Body>, ApiError> {
    let origin = ctx.origin(req)?;
    let submission = parse_submission(req.body())?;
    let source = submission.source(Sender::Respondent)?;
    let campaign = public_campaign(ctx, &submission.campaign).await?;
    // A filled honeypot is refused, not answered with a fake receipt: should a person's browser
    // ever fill the hidden field, they are told their answer did not go through (a 2xx would
    // show a receipt that does not exist, and clients treat any 2xx as stored). The message is
    // the one every refused body could get, naming no field, so it does not point at the trap.
    if let Err(bot) = bots::check_honeypot(&submission) {
        bots::count_refusal(&ctx.store, &campaign.id, "honeypot").await;
        return Err(bot.into());
    }
    accept(ctx, submission, source, campaign, Intake::Public(origin)).await
}

/// Validates a submission for `campaign` and stores it once, answering its receipt.
pub async fn accept(
    ctx: &Context,
    submission: Submission,
    source: Source,
    campaign: Campaign,
    intake: Intake,
) -> Result<Response<Body>, ApiError> {
    answer(store(ctx, submission, source, campaign, intake).await?)
}

/// What [`accept`] does, but answering what the store did (`pages.rs` renders it as HTML).
pub async fn store(
    ctx: &Context,
    submission: Submission,
    source: Source,
    campaign: Campaign,
    intake: Intake,
) -> Result<Stored, ApiError> {
    let unit = campaign
        .unit(&submission.unit)
        .cloned()
        .ok_or_else(|| ApiError::NotFound(SubmissionError::UnitNotInCampaign(submission.unit.clone()).to_string()))?;
    let fingerprint = fingerprint(&submission);
    let accepting = match &intake {
        Intake::Public(_) => ensure_open(&campaign),
        Intake::Staff(_) if campaign.status == CampaignStatus::Open => Ok(()),
        Intake::Staff(_) => Err(ApiError::Closed(Window { opens: campaign.opens, closes: campaign.closes })),
    };
    // A retry of a stored response gets its receipt even where a new response is refused: after
    // the window closed, or past the bot limits. Only those refusals pay a keyed read to find
    // it; otherwise the conditional write tells a retry apart on its own.
    let again = |refusal: ApiError| async {
        match ctx.store.existing_response(&submission.id, &fingerprint).await? {
            Some(stored) => Ok(stored),
            None => Err(refusal),
        }
    };
    if let Err(closed) = accepting {
        return again(closed).await;
    }
    let poster = match source.poster() {
        Some(code) => Some(match ctx.check_poster(&campaign.id, &unit.code, code).await? {
            PosterCheck::Current(v) | PosterCheck::Replaced(v) => v,
        }),
        None => None,
    };
    let questionnaire = questionnaire_of(ctx, &campaign, &unit).await?;
    let response = submission.validate(&campaign, &questionnaire, &source, clock::now_ms()).map_err(|e| match e {
        SubmissionError::Answers(items) => ApiError::InvalidAnswers(items),
        other => ApiError::bad_request("invalid_response", other.to_string()),
    })?;
    // The bot limits are charged only now, for a response that would be stored: a person whose
    // sends are refused as invalid does not use up the hour.
    if let Intake::Public(origin) = &intake
        && let Err(limited) = bots::charge(&ctx.store, ctx.limits, &campaign.id, origin).await
    {
        return again(limited.into()).await;
    }
    let stored = ctx.store.insert_response(&response, &fingerprint, || ctx.new_receipt()).await?;
    if let (Stored::New(_), Some(version)) = (&stored, poster) {
        ctx.store.count_poster_event(&campaign.id, &unit.code, version, PosterEvent::Completion.attribute()).await?;
    }
    Ok(stored)
}

fn answer(stored: Stored) -> Result<Response<Body>, ApiError> {
    match stored {
        Stored::New(receipt) => Ok(json(201, &SubmitAccepted { receipt })),
        Stored::Again(receipt) => Ok(json(200, &SubmitAccepted { receipt })),
        Stored::Conflict => Err(ApiError::Conflict),
        Stored::DuplicateSerial => Err(ApiError::refused(
            "duplicate_serial",
            "a form with this serial number was already entered in this campaign",
        )),
    }
}

/// The stored fingerprint of a submission's content: what tells an identical retry from a
/// different body under the same id, and what the published digest covers.
pub fn fingerprint(submission: &Submission) -> String {
    Sha256::digest(submission.fingerprint().as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}
