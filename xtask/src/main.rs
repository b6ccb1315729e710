//! `cargo xtask <command>`: the project's commands, each installing the tools it needs.
//!
//! - `run`: DynamoDB Local + the local stack with demo data, until Ctrl-C.
//! - `test`: every test, against real DynamoDB Local and a real headless Chromium.
//! - `frontend`: build the web app into `frontend/dist` (wasm-bindgen, wasm-opt, brotli, gzip).
//! - `package [functions]`: the Lambda bootstraps (arm64) and the site, as a deploy uploads them
//!   (infra/README.md); `functions`: the bootstraps only, without building the web app.
//! - `bench-lambda [runs]`: cold starts of every function through the local Runtime API (BENCHMARKS.md).
//! - `faults [responses]`: the fault ledger: load while processes are killed, stopped and frozen
//!   (RELIABILITY.md).
//! - `bench-web [path…]`: pages under emulated Fast 3G in headless Chromium (BENCHMARKS.md).
//! - `bench-publish [responses units]`: 100,000 bulk-loaded responses published by the job, step
//!   by step (BENCHMARKS.md).

mod bench;
mod dynamodb;
mod faults;
mod frontend;
mod lambda_bench;
mod package;
mod publish_bench;
mod run;
mod test;
mod tools;
mod web_bench;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <run|test|frontend|package [functions]|bench-lambda|bench-web [path…]|bench-publish [responses units]|faults [responses]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run::run(),
        Some("test") => test::test(&args[1..]),
        Some("package") => match args.get(1).map(String::as_str) {
            None => package::package(),
            Some("functions") => package::functions().map(|f| package::report(&f)),
            Some(other) => Err(format!("cargo xtask package: unknown part {other:?} (try `functions`)")),
        },
        Some("bench-lambda") => lambda_bench::bench(&args[1..]),
        Some("bench-web") => web_bench::bench(&args[1..]),
        Some("bench-publish") => publish_bench::bench(&args[1..]),
        Some("faults") => faults::faults(&args[1..]),
        Some("frontend") => tools::Tools::ensure().and_then(|t| frontend::build(&t)).map(|_| ()),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (xtask lives one level below it).
pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask has a parent").to_path_buf()
}

/// Builds the local stack (`hailong-local`, debug) and answers where the binary is.
pub fn local_stack() -> Result<std::path::PathBuf, String> {
    let root = root();
    sh(std::process::Command::new("cargo")
        .args(["build", "-p", "hailong-functions", "--bin", "hailong-local"])
        .current_dir(&root))?;
    Ok(root.join("target/debug/hailong-local"))
}

/// Runs a command to completion, failing with its command line when it fails.
pub fn sh(cmd: &mut std::process::Command) -> Result<(), String> {
    let status = cmd.status().map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{cmd:?} failed ({status})")) }
}

/// Runs a command and returns its standard output, or `None` when it cannot run or fails.
pub fn output(cmd: &mut std::process::Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}
