//! The `pages` Lambda function: the questionnaire and receipt pages as HTML.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    hailong_functions::lambda::run(hailong_functions::pages::TABLE).await
}
