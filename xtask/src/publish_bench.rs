//! `cargo xtask bench-publish [responses units]`: a campaign of 100,000 responses over 1,000
//! units (or as given) bulk-loaded into a fresh DynamoDB Local and published end to end by the
//! publish job; the time and peak memory of each step. The measuring is the ignored test
//! `bench_publish_100k` of tests/tests/results_scale.rs; the table is printed and written to
//! `target/bench/publish.md` (BENCHMARKS.md quotes it).

use crate::tools::Tools;

pub fn bench(args: &[String]) -> Result<(), String> {
    let (responses, units) = match args {
        [] => (100_000, 1_000),
        [r, u] => (number(r)?, number(u)?),
        _ => return Err("usage: cargo xtask bench-publish [responses units]".into()),
    };
    if units == 0 || responses < units {
        return Err(format!("{responses} responses cannot fill {units} units"));
    }
    let env =
        [("HAILONG_BENCH_RESPONSES", responses.to_string().into()), ("HAILONG_BENCH_UNITS", units.to_string().into())];
    crate::bench::run(&Tools::ensure()?, "results_scale", "bench_publish_100k", "publish.md", &env)
}

fn number(s: &str) -> Result<usize, String> {
    s.parse().map_err(|_| format!("not a count: {s:?}"))
}
