//! The `publish` Lambda function: the steps of publishing a campaign and of exports, taken from
//! their SQS queue.

use hailong_functions::Context;
use hailong_functions::steps;
use lambda_runtime::{Error, LambdaEvent, service_fn};
use std::sync::Arc;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    hailong_functions::logging::init();
    // The steps a step makes go to the queue the template names; without one (the runtime
    // tests), they run in this process.
    let ctx = Arc::new(steps::unless_queued(Context::from_env()?));
    lambda_runtime::run(service_fn(move |event: LambdaEvent<aws_lambda_events::sqs::SqsEvent>| {
        let ctx = Arc::clone(&ctx);
        async move { Ok::<_, Error>(steps::handle_sqs(&ctx, event.payload).await) }
    }))
    .await
}
