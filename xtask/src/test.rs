//! `cargo xtask test`: every test, against real DynamoDB Local and a real headless Chromium.

use crate::dynamodb::{DynamoDbLocal, Storage};
use crate::tools::Tools;
use crate::{frontend, root, sh};
use std::process::Command;

pub fn test(extra: &[String]) -> Result<(), String> {
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
