//! `cargo xtask run`: the whole product locally, with demo data.

use crate::dynamodb::{DynamoDbLocal, Storage};
use crate::tools::Tools;
use crate::{frontend, local_stack, root};
use std::process::Command;

pub fn run() -> Result<(), String> {
    let tools = Tools::ensure()?;
    let dist = frontend::build(&tools)?;
    let root = root();
    let local = local_stack()?;
    // Data stays in a git-ignored folder, so a restart keeps every response.
    let data = root.join(".hailong/dynamodb");
    let db = DynamoDbLocal::start(&tools, Storage::Folder(&data))?;
    eprintln!("xtask: DynamoDB Local at {} (data in {})", db.endpoint, data.display());
    let status = Command::new(local)
        .env("HAILONG_DYNAMODB_ENDPOINT", &db.endpoint)
        .env("HAILONG_DIST", &dist)
        .status()
        .map_err(|e| format!("cannot start hailong-local: {e}"))?;
    drop(db);
    // Ctrl-C reaches both processes; hailong-local stops cleanly on it.
    if status.success() || status.code().is_none() { Ok(()) } else { Err(format!("hailong-local stopped: {status}")) }
}
