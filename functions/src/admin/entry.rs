//! `POST /api/admin/responses`: staff enter paper forms and phone or interviewer answers, with
//! the same questionnaire and validation as the public form.

use crate::auth::Caller;
use crate::context::Context;
use crate::error::ApiError;
use crate::submit::{Intake, accept, parse_submission};
use hailong_domain::Sender;
use lambda_http::{Body, Response};

pub async fn post(ctx: &Context, caller: &Caller, body: &Body) -> Result<Response<Body>, ApiError> {
    let submission = parse_submission(body)?;
    let source = submission.source(Sender::Staff(&caller.user))?;
    caller.require_unit_work(&submission.unit)?;
    let campaign = crate::services::campaign(ctx, &submission.campaign).await?;
    let (id, unit, channel, serial) =
        (submission.id, submission.unit.clone(), submission.channel, submission.serial.clone());
    let answer = accept(ctx, submission, source, campaign, Intake::Staff(caller.user.clone())).await?;
    if answer.status() == 201 {
        let after = serde_json::json!({ "unit": unit, "channel": channel, "serial": serial });
        ctx.store.audit(caller, "response.enter", &id.to_string(), None, Some(after)).await?;
    }
    Ok(answer)
}
