//! Logging for the Lambda functions and the local stack alike: one line per request
//! (`routes::dispatch_to`), and errors with their cause.

/// Logs to standard output (CloudWatch in AWS, the terminal locally) at the level `RUST_LOG`
/// names, requests and errors (`info`) by default. A plain level rather than an `EnvFilter`,
/// whose regex engine would weigh on every package.
pub fn init() {
    let level =
        std::env::var("RUST_LOG").ok().and_then(|l| l.parse::<tracing::Level>().ok()).unwrap_or(tracing::Level::INFO);
    tracing_subscriber::fmt().with_max_level(level).with_ansi(false).without_time().init();
}
