//! Builds the web app into `frontend/dist`: the wasm bundle through wasm-bindgen and
//! `wasm-opt -Oz`, then brotli and gzip copies that the local stack (and CloudFront) serve.

use crate::tools::Tools;
use crate::{root, sh};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The single-page app's bundles: one binary of the frontend crate each.
const BUNDLES: [&str; 3] = ["citizen", "public", "admin"];
/// What rustc emits for wasm32 today; wasm-opt must accept (and may keep) these.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];
/// Files copied as they are.
const STATIC: [&str; 6] = ["index.html", "boot.js", "style.css", "sw.js", "manifest.webmanifest", "icon.svg"];

pub fn build(tools: &Tools) -> Result<PathBuf, String> {
    let root = root();
    let dist = root.join("frontend/dist");
    let pkg = dist.join("pkg");
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(&pkg).map_err(|e| e.to_string())?;
    for bundle in BUNDLES {
        sh(Command::new("cargo")
            .args(["build", "-p", "hailong-frontend", "--bin", bundle, "--target", "wasm32-unknown-unknown"])
            .args(["--profile", "wasm-release"])
            .current_dir(&root))?;
        let wasm = root.join(format!("target/wasm32-unknown-unknown/wasm-release/{bundle}.wasm"));
        sh(Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&pkg)
            .arg(&wasm))?;
        let bg = pkg.join(format!("{bundle}_bg.wasm"));
        sh(Command::new("node").arg(&tools.wasm_opt).args(["-Oz"]).args(WASM_FEATURES).arg(&bg).arg("-o").arg(&bg))?;
    }
    for file in STATIC {
        std::fs::copy(root.join("frontend").join(file), dist.join(file)).map_err(|e| format!("{file}: {e}"))?;
    }
    compress_all(&dist)?;
    Ok(dist)
}

/// Writes `.br` and `.gz` beside every text or wasm file.
fn compress_all(dir: &Path) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            compress_all(&path)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !matches!(ext, "html" | "css" | "js" | "wasm" | "json" | "svg" | "webmanifest") {
            continue;
        }
        let data = std::fs::read(&path).map_err(|e| e.to_string())?;
        let mut br = Vec::new();
        brotli::BrotliCompress(
            &mut &data[..],
            &mut br,
            &brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() },
        )
        .map_err(|e| e.to_string())?;
        std::fs::write(with_suffix(&path, "br"), br).map_err(|e| e.to_string())?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&data).map_err(|e| e.to_string())?;
        std::fs::write(with_suffix(&path, "gz"), gz.finish().map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".");
    s.push(suffix);
    PathBuf::from(s)
}
