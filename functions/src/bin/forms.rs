//! The `forms` Lambda function.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    hailong_functions::lambda::run(hailong_functions::forms::TABLE).await
}
