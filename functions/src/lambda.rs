//! The entry point shared by every Lambda binary.

use crate::context::Context;
use crate::routes::{Table, dispatch_to};
use lambda_http::{Error, Request, service_fn};
use std::sync::Arc;

/// Runs one function under the Lambda Runtime API: set up once, then answer invocations with the
/// rows of its `table` (named by the binary, so that only its code is linked in).
pub async fn run(table: Table) -> Result<(), Error> {
    init_logging();
    let ctx = Arc::new(Context::from_env()?);
    lambda_http::run(service_fn(move |req: Request| {
        let ctx = Arc::clone(&ctx);
        async move { Ok::<_, Error>(dispatch_to(&ctx, &[table], req).await) }
    }))
    .await
}

/// Logs to standard output (CloudWatch) at the level `RUST_LOG` names, errors only by default.
/// A plain level rather than an `EnvFilter`, whose regex engine would weigh on every package.
pub fn init_logging() {
    let level =
        std::env::var("RUST_LOG").ok().and_then(|l| l.parse::<tracing::Level>().ok()).unwrap_or(tracing::Level::ERROR);
    tracing_subscriber::fmt().with_max_level(level).with_ansi(false).without_time().init();
}
