//! The entry point shared by every Lambda binary.

use crate::context::Context;
use crate::routes::{Table, dispatch_to};
use lambda_http::{Error, Request, service_fn};
use std::sync::Arc;

/// Runs one function under the Lambda Runtime API: set up once, then answer invocations with the
/// rows of its `table` (named by the binary, so that only its code is linked in).
pub async fn run(table: Table) -> Result<(), Error> {
    run_with(table, |ctx| ctx).await
}

/// As [`run`], with the context made ready first by `prepare`.
pub async fn run_with(table: Table, prepare: fn(Context) -> Context) -> Result<(), Error> {
    crate::logging::init();
    let ctx = Arc::new(prepare(Context::from_env()?));
    lambda_http::run(service_fn(move |req: Request| {
        let ctx = Arc::clone(&ctx);
        async move { Ok::<_, Error>(dispatch_to(&ctx, &[table], req).await) }
    }))
    .await
}
