//! `cargo xtask bench-web [path…]`: pages of the local stack in headless Chromium with a cold
//! cache under emulated Fast 3G (150 ms round trip, 1.6 Mbps down, 750 kbps up) and Lighthouse's
//! mobile profile (562.5 ms per request, 1.44 Mbps down, 675 kbps up); a questionnaire with the
//! app, with JavaScript off and with WebAssembly removed: bytes of the first response and in all
//! (compressed, as sent), when the first question is visible, when the app took over, and the
//! time from tapping submit to the receipt.
//!
//! The default path is a demo questionnaire (`/s/cam-ranh/ubnd-cam-nghia`); any other path of
//! the site may be given (`/`, `/r/cam-ranh`, …). The release frontend is built first, as
//! deployed; the measuring itself is the ignored test `bench_web` of tests/tests/web_bench.rs.
//! The table is printed and written to `target/bench/web.md` (BENCHMARKS.md quotes it).

use crate::tools::Tools;
use crate::{frontend, local_stack};

pub fn bench(paths: &[String]) -> Result<(), String> {
    if let Some(bad) = paths.iter().find(|p| !p.starts_with('/')) {
        return Err(format!("a path starts with '/', such as /s/cam-ranh/ubnd-cam-nghia; not {bad:?}"));
    }
    let tools = Tools::ensure()?;
    let dist = frontend::build(&tools)?;
    let local = local_stack()?;
    let env = [
        ("HAILONG_DIST", dist.into_os_string()),
        ("HAILONG_LOCAL_BIN", local.into_os_string()),
        ("HAILONG_BENCH_PATHS", paths.join(" ").into()),
    ];
    crate::bench::run(&tools, "web_bench", "bench_web", "web.md", &env)
}
