//! The pinned tools the commands need, installed on first use and cached in `~/.cache/hailong`
//! (Debian packages through apt, npm packages through `npm pack`, Rust tools through cargo).

use crate::{output, root, sh};
use std::path::{Path, PathBuf};
use std::process::Command;

/// DynamoDB Local ships inside this npm package (`emulator/`).
const DYNAMODB_LOCAL_NPM: &str = "amplify-dynamodb-simulator@2.9.30";
/// binaryen.js 132 runs `wasm-opt` on Node; Debian's binaryen is too old for current wasm.
const BINARYEN_NPM: &str = "binaryen@132.0.0";
/// The accessibility audit run by the browser tests.
const AXE_CORE_NPM: &str = "axe-core@4.14.1";
const DEBIAN_PACKAGES: [(&str, &str); 3] =
    [("chromium", "chromium"), ("chromedriver", "chromium-driver"), ("java", "openjdk-17-jre-headless")];

pub struct Tools {
    /// `emulator/` of the DynamoDB Local package.
    pub dynamodb_local: PathBuf,
    pub wasm_opt: PathBuf,
    pub axe_core: PathBuf,
}

impl Tools {
    pub fn ensure() -> Result<Tools, String> {
        let cache = cache_dir()?;
        debian_packages()?;
        wasm_target()?;
        wasm_bindgen()?;
        let dynamodb_local = npm_package(&cache, DYNAMODB_LOCAL_NPM)?.join("emulator");
        let wasm_opt = npm_package(&cache, BINARYEN_NPM)?.join("bin/wasm-opt");
        let axe_core = npm_package(&cache, AXE_CORE_NPM)?.join("axe.min.js");
        Ok(Tools { dynamodb_local, wasm_opt, axe_core })
    }
}

fn cache_dir() -> Result<PathBuf, String> {
    let dir = match std::env::var_os("HAILONG_CACHE") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(std::env::var_os("HOME").ok_or("HOME is not set")?).join(".cache/hailong"),
    };
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

fn have(program: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {program}")]).output().is_ok_and(|o| o.status.success())
}

fn debian_packages() -> Result<(), String> {
    let missing: Vec<&str> = DEBIAN_PACKAGES.iter().filter(|(bin, _)| !have(bin)).map(|(_, pkg)| *pkg).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let is_root = output(Command::new("id").arg("-u")).is_some_and(|o| o.trim() == "0");
    if !is_root || !have("apt-get") {
        return Err(format!(
            "missing Debian packages; install them with: sudo apt-get install -y {}",
            missing.join(" ")
        ));
    }
    eprintln!("xtask: installing {} with apt-get", missing.join(" "));
    sh(Command::new("apt-get").args(["update", "-q"]))?;
    sh(Command::new("apt-get")
        .args(["install", "-y", "-q", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn wasm_target() -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    sh(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
fn locked_version(krate: &str) -> Result<String, String> {
    let lock =
        std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let header = format!("name = \"{krate}\"\nversion = \"");
    let start = lock.find(&header).ok_or_else(|| format!("{krate} is not in Cargo.lock"))? + header.len();
    Ok(lock[start..].split('"').next().unwrap_or_default().to_owned())
}

fn wasm_bindgen() -> Result<(), String> {
    let version = locked_version("wasm-bindgen")?;
    let current = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if current.split_whitespace().nth(1) == Some(version.as_str()) {
        return Ok(());
    }
    eprintln!("xtask: installing wasm-bindgen-cli {version} (a few minutes, once)");
    sh(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &version]))
}

/// Fetches an npm package with `npm pack` (no dependencies, no install scripts) and unpacks it
/// once into the cache; answers the unpacked folder.
fn npm_package(cache: &Path, spec: &str) -> Result<PathBuf, String> {
    let dir = cache.join(spec.replace('@', "-"));
    if dir.join("package.json").exists() {
        return Ok(dir);
    }
    if !have("npm") {
        return Err(format!("npm is needed to fetch {spec}: sudo apt-get install -y npm"));
    }
    eprintln!("xtask: fetching {spec} from npm");
    let tmp = cache.join("download");
    std::fs::create_dir_all(&tmp).map_err(|e| e.to_string())?;
    let packed = output(Command::new("npm").args(["pack", "--silent", spec]).current_dir(&tmp))
        .ok_or_else(|| format!("npm pack {spec} failed: is the npm registry reachable?"))?;
    let tarball =
        tmp.join(packed.lines().rev().find(|l| l.ends_with(".tgz")).ok_or("npm pack named no tarball")?.trim());
    let staging = cache.join(format!("{}.partial", spec.replace('@', "-")));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(|e| e.to_string())?;
    sh(Command::new("tar").arg("xzf").arg(&tarball).args(["--strip-components=1", "-C"]).arg(&staging))?;
    std::fs::rename(&staging, &dir).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&tarball);
    Ok(dir)
}
