//! `cargo xtask test`: every test, against real DynamoDB Local and a real headless Chromium.

use crate::dynamodb::{DynamoDbLocal, Storage};
use crate::tools::Tools;
use crate::{frontend, root, sh};
use std::process::Command;

pub fn test(extra: &[String]) -> Result<(), String> {
    gates()?;
    let tools = Tools::ensure()?;
    let dist = frontend::build(&tools)?;
    // Deployment: the templates lint clean, and what a deploy uploads is built, to be run below.
    crate::package::cfn_lint()?;
    let lambda = crate::package::functions()?;
    crate::package::report(&lambda);
    let site = crate::package::site(&dist)?;
    crate::package::qemu_aarch64()?;
    let root = root();
    // The runtime tests run the packaged bootstraps; only the local stack is needed in debug.
    let local = crate::local_stack()?;
    let db = DynamoDbLocal::start(&tools, Storage::InMemory)?;
    eprintln!("xtask: DynamoDB Local (in memory) at {}", db.endpoint);
    // The frontend's own unit tests (routes, the entry sheet, number fields, open-data files)
    // run natively; the crate is left out of the workspace run only because its binaries are
    // wasm apps.
    sh(Command::new("cargo").args(["test", "-p", "hailong-frontend", "--lib"]).current_dir(&root))?;
    sh(Command::new("cargo")
        .args(["test", "--workspace", "--exclude", "hailong-frontend"])
        .args(extra)
        .current_dir(&root)
        .env("HAILONG_DYNAMODB_ENDPOINT", &db.endpoint)
        .env("HAILONG_DIST", &dist)
        .env("HAILONG_LAMBDA_DIR", root.join("target/lambda"))
        .env("HAILONG_SITE_DIR", &site)
        .env("HAILONG_LOCAL_BIN", local)
        .env("HAILONG_AXE_CORE", &tools.axe_core))
}

/// Formatting and lints come first: they take a minute, the suite twenty, and a failure names the
/// command that shows (or, for formatting, makes) the fix.
fn gates() -> Result<(), String> {
    let root = root();
    sh(Command::new("cargo").args(["fmt", "--all", "--check"]).current_dir(&root))
        .map_err(|_| "xtask: the code is not formatted: run `cargo fmt --all`, then test again".to_owned())?;
    sh(Command::new("cargo")
        .args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])
        .current_dir(&root))
    .map_err(|_| {
        "xtask: clippy found problems (listed above): fix them, checking with \
         `cargo clippy --workspace --all-targets -- -D warnings`, then test again"
            .to_owned()
    })
}
