//! The local stack; `cargo xtask run` starts it with DynamoDB Local beside it.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let result = match hailong_functions::local::Settings::from_env() {
        Ok(settings) => hailong_functions::local::run(settings).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hailong-local: {e}");
            ExitCode::FAILURE
        }
    }
}
