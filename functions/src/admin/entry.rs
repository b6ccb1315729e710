//! `POST /api/admin/responses`: staff enter paper forms and phone or interviewer answers, with
//! the same questionnaire and validation as the public form.

use crate::auth::Caller;
use crate::context::Context;
use crate::error::ApiError;
use crate::submit::{Intake, accept, parse_submission};
use hailong_domain::Channel;
use lambda_http::{Body, Response};

pub async fn post(ctx: &Context, caller: &Caller, body: &Body) -> Result<Response<Body>, ApiError> {
    let submission = parse_submission(body)?;
    if submission.channel == Channel::Qr {
        return Err(ApiError::bad_request(
            "channel_not_allowed",
            "QR answers come from respondents themselves; choose paper, phone or interviewer",
        ));
    }
    if submission.channel == Channel::Paper && submission.serial.as_deref().is_none_or(|s| s.trim().is_empty()) {
        return Err(ApiError::bad_request(
            "serial_required",
            "a paper form is entered with the serial number printed on it",
        ));
    }
    caller.require_unit_work(submission.unit.as_str())?;
    let campaign = crate::services::campaign(ctx, submission.campaign.as_str()).await?;
    let (id, unit, channel, serial) =
        (submission.id, submission.unit.clone(), submission.channel, submission.serial.clone());
    let answer = accept(ctx, submission, campaign, Intake::Staff(caller.user.clone())).await?;
    if answer.status() == 201 {
        let after = serde_json::json!({ "unit": unit, "channel": channel, "serial": serial });
        ctx.store.audit(caller, "response.enter", &id.to_string(), None, Some(after)).await?;
    }
    Ok(answer)
}
