//! What the benchmark commands share: an ignored test of `tests/tests/` run against a fresh
//! DynamoDB Local, writing its table to `target/bench/`.

use crate::dynamodb::{DynamoDbLocal, Storage};
use crate::tools::Tools;
use crate::{root, sh};
use std::ffi::OsString;
use std::process::Command;

/// Runs the ignored test `name` of `tests/tests/{file}.rs` with `env`; its table goes to
/// `target/bench/{table}`.
pub fn run(tools: &Tools, file: &str, name: &str, table: &str, env: &[(&str, OsString)]) -> Result<(), String> {
    let root = root();
    let db = DynamoDbLocal::start(tools, Storage::InMemory)?;
    let out_dir = root.join("target/bench");
    std::fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    let out = out_dir.join(table);
    sh(Command::new("cargo")
        .args(["test", "-p", "hailong-tests", "--test", file, "--", "--ignored", "--exact", name, "--nocapture"])
        .current_dir(&root)
        .env("HAILONG_DYNAMODB_ENDPOINT", &db.endpoint)
        .env("HAILONG_BENCH_OUT", &out)
        .envs(env.iter().map(|(k, v)| (k, v))))?;
    eprintln!("xtask: table written to {}", out.display());
    Ok(())
}
