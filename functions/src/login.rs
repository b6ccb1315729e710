//! `POST /api/auth/login`: the local stack's sign-in for the demo accounts. In AWS, people sign
//! in with Cognito and the API's JWT authorizer checks their tokens.

use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::routes::{Function, Route, Table};
use lambda_http::{Body, Response};
use serde::Deserialize;

pub const TABLE: Table = Table {
    function: Function::Login,
    routes: &[Route::new("POST", "/api/auth/login", |c| Box::pin(async move { post(c.ctx, c.body()?).await }))],
};

#[derive(Deserialize)]
pub struct Login {
    username: String,
    password: String,
}

pub async fn post(ctx: &Context, login: Login) -> Result<Response<Body>, ApiError> {
    let signer = ctx.signer.as_ref().ok_or_else(|| {
        ApiError::NotFound("this deployment signs people in through its identity provider (Cognito)".into())
    })?;
    let (token, caller) = signer.login(&login.username, &login.password, clock::now_ms() / 1000)?;
    Ok(json(
        200,
        &serde_json::json!({ "token": token, "user": caller.user, "role": caller.role, "units": caller.units }),
    ))
}
