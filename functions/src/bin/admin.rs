//! The `admin` Lambda function.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    // In AWS the template names the publication queue; without one (the runtime tests) the steps
    // of a publication run in this process.
    hailong_functions::lambda::run_with(hailong_functions::admin::TABLE, hailong_functions::steps::unless_queued).await
}
