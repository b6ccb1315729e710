//! The entry point shared by every Lambda binary.

use crate::context::Context;
use crate::routes::{Function, dispatch};
use lambda_http::{Error, Request, service_fn};
use std::sync::Arc;

/// Runs `function` under the Lambda Runtime API: set up once, then answer invocations.
pub async fn run(function: Function) -> Result<(), Error> {
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).without_time().init();
    let ctx = Arc::new(Context::from_env().await?);
    lambda_http::run(service_fn(move |req: Request| {
        let ctx = Arc::clone(&ctx);
        async move { Ok::<_, Error>(dispatch(&ctx, Some(function), req).await) }
    }))
    .await
}
