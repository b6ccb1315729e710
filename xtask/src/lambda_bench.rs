//! `cargo xtask bench-lambda [runs]`: cold starts of every function through the local Runtime API.
//!
//! The functions are built for this machine (x86_64, static musl, the same `lambda-release`
//! profile and toolchain as the arm64 packages), zipped the same way, and each started `runs`
//! times (10 by default) by the ignored test `bench_cold_starts` of tests/tests/lambda_runtime.rs:
//! time from exec to the first `next` request (init), the first invocation, warm invocations,
//! peak RSS (`VmHWM`). Zip sizes are those of the arm64 packages a deploy uploads. The table is printed
//! and written to `target/bench/lambda-functions.md` (BENCHMARKS.md quotes it).

use crate::package;
use crate::root;
use crate::tools::Tools;

pub fn bench(args: &[String]) -> Result<(), String> {
    let runs: u32 = match args.first() {
        Some(r) => r.parse().map_err(|_| format!("runs must be a number, not {r}"))?,
        None => 10,
    };
    let tools = Tools::ensure()?;
    let root = root();
    let names = package::function_names()?;
    let arm64 = package::functions()?;
    package::report(&arm64);
    let built = package::build(package::NATIVE_TARGET, &names)?;
    let native = root.join("target/lambda-native");
    package::write_packages(&built, &names, &native)?;
    let env = [
        ("HAILONG_LAMBDA_DIR", native.into_os_string()),
        ("HAILONG_PACKAGE_DIR", root.join("target/lambda").into_os_string()),
        ("HAILONG_BENCH_RUNS", runs.to_string().into()),
    ];
    crate::bench::run(&tools, "lambda_runtime", "bench_cold_starts", "lambda-functions.md", &env)
}
