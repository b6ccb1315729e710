//! The `aggregate` Lambda function: the responses table's stream, counted into running aggregates.

use hailong_functions::Context;
use lambda_runtime::{Error, LambdaEvent, service_fn};
use std::sync::Arc;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    hailong_functions::logging::init();
    let ctx = Arc::new(Context::from_env()?);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<aws_lambda_events::dynamodb::Event>| {
        let ctx = Arc::clone(&ctx);
        async move { Ok::<_, Error>(hailong_functions::results::stream::handle(&ctx, event.payload).await) }
    }))
    .await
}
