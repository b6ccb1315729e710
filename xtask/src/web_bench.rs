//! `cargo xtask bench-web [path…]`: pages of the local stack in headless Chromium with a cold
//! cache under emulated Fast 3G (150 ms round trip, 1.6 Mbps down, 750 kbps up): bytes
//! transferred (compressed, as sent), when the app shows, when the first question can be
//! answered, and for a questionnaire the time from tapping submit to the receipt.
//!
//! The default path is a demo questionnaire (`/s/cam-ranh/ubnd-cam-nghia`); any other path of
//! the site may be given (`/`, `/r/cam-ranh`, …). The release frontend is built first, as
//! deployed; the measuring itself is the ignored test `bench_fast_3g` of tests/tests/web_bench.rs.
//! The table is printed and written to `target/bench/web.md` (BENCHMARKS.md quotes it).

use crate::dynamodb::{DynamoDbLocal, Storage};
use crate::tools::Tools;
use crate::{frontend, root, sh};
use std::process::Command;

pub fn bench(paths: &[String]) -> Result<(), String> {
    if let Some(bad) = paths.iter().find(|p| !p.starts_with('/')) {
        return Err(format!("a path starts with '/', such as /s/cam-ranh/ubnd-cam-nghia; not {bad:?}"));
    }
    let tools = Tools::ensure()?;
    let dist = frontend::build(&tools)?;
    let root = root();
    sh(Command::new("cargo").args(["build", "-p", "hailong-functions", "--bin", "hailong-local"]).current_dir(&root))?;
    let db = DynamoDbLocal::start(&tools, Storage::InMemory)?;
    let out_dir = root.join("target/bench");
    std::fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    let out = out_dir.join("web.md");
    sh(Command::new("cargo")
        .args(["test", "-p", "hailong-tests", "--test", "web_bench", "--", "--ignored", "--exact", "bench_fast_3g"])
        .arg("--nocapture")
        .current_dir(&root)
        .env("HAILONG_DYNAMODB_ENDPOINT", &db.endpoint)
        .env("HAILONG_DIST", &dist)
        .env("HAILONG_LOCAL_BIN", root.join("target/debug/hailong-local"))
        .env("HAILONG_BENCH_PATHS", paths.join(" "))
        .env("HAILONG_BENCH_OUT", &out))?;
    eprintln!("xtask: table written to {}", out.display());
    Ok(())
}
