//! `cargo xtask package`: what a deploy uploads, built offline with pinned tools.
//!
//! - every function of `infra/template.yaml` (each `CodeUri: ../target/lambda/{name}/bootstrap.zip`)
//!   as a Lambda bootstrap: profile `lambda-release` (release with LTO, stripped, optimised for
//!   size), static musl for the template's architecture (arm64), linked by cargo-zigbuild with Zig
//!   from PyPI. Written to
//!   `target/lambda/{name}/bootstrap` and `bootstrap.zip` (one entry, mode 0755, fixed timestamp,
//!   so the same binary always gives the same zip and the same `CodeSha256`);
//! - the web app for S3 in `target/site/` (see [`site`]).
//!
//! `target/lambda/SHA256SUMS` lists each zip's base64 SHA-256: the `CodeSha256` AWS reports for
//! the deployed function (`aws lambda get-function`), so a deploy can be checked against what
//! `cargo xtask test` ran.

use crate::{output, root, sh};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The template's `Architectures: [arm64]`, on provided.al2023. Static musl runs on Amazon
/// Linux 2023 whatever its glibc, and under `qemu-aarch64` here without a sysroot.
pub const LAMBDA_TARGET: &str = "aarch64-unknown-linux-musl";
/// The same code for this machine, for timing figures (`cargo xtask bench-lambda`).
pub const NATIVE_TARGET: &str = "x86_64-unknown-linux-musl";
/// Pinned PyPI tools, installed once into a virtualenv in the cache.
const PYPI_TOOLS: [&str; 2] = ["cargo-zigbuild==0.24.0", "ziglang==0.17.0"];
/// cfn-lint, pinned: a newer one may bring new rules (and warnings) of its own.
const CFN_LINT_PYPI: &str = "cfn-lint==1.51.0";
const TEMPLATE: &str = "infra/template.yaml";
const TEMPLATES: [&str; 2] = ["infra/template.yaml", "infra/edge-waf.yaml"];

/// One packaged function.
pub struct Artefact {
    pub name: String,
    pub zip_bytes: u64,
    /// Base64 SHA-256 of the zip, as Lambda's `CodeSha256`.
    pub code_sha256: String,
}

/// The command: frontend, functions and site.
pub fn package() -> Result<(), String> {
    let started = Instant::now();
    let tools = crate::tools::Tools::ensure()?;
    let dist = crate::frontend::build(&tools)?;
    let functions = functions()?;
    let site = site(&dist)?;
    report(&functions);
    eprintln!("xtask: site for S3 in {}", site.display());
    eprintln!("xtask: packaged in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

pub fn report(functions: &[Artefact]) {
    eprintln!("xtask: {:<10} {:>10}  CodeSha256", "function", "zip bytes");
    for a in functions {
        eprintln!("xtask: {:<10} {:>10}  {}", a.name, a.zip_bytes, a.code_sha256);
    }
}

/// Function names, from the template's `CodeUri`s (the deployment decides what is packaged).
pub fn function_names() -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(root().join(TEMPLATE)).map_err(|e| format!("{TEMPLATE}: {e}"))?;
    let mut names: Vec<String> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("CodeUri: ../target/lambda/"))
        .filter_map(|rest| rest.strip_suffix("/bootstrap.zip"))
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        return Err(format!("{TEMPLATE} has no CodeUri: ../target/lambda/{{name}}/bootstrap.zip"));
    }
    Ok(names)
}

/// Builds every function for Lambda and packages it into `target/lambda/`.
pub fn functions() -> Result<Vec<Artefact>, String> {
    let names = function_names()?;
    let built = build(LAMBDA_TARGET, &names)?;
    write_packages(&built, &names, &root().join("target/lambda"))
}

/// `{out}/{name}/bootstrap` and `bootstrap.zip` for every binary of `built`, and `{out}/SHA256SUMS`.
pub fn write_packages(built: &Path, names: &[String], out: &Path) -> Result<Vec<Artefact>, String> {
    let mut artefacts = Vec::new();
    let mut sums = String::new();
    for name in names {
        let dir = out.join(name);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let bootstrap = dir.join("bootstrap");
        copy_executable(&built.join(name), &bootstrap)?;
        let zip = dir.join("bootstrap.zip");
        let bytes = std::fs::read(&bootstrap).map_err(|e| e.to_string())?;
        let archive = zip_one("bootstrap", &bytes, 0o755)?;
        std::fs::write(&zip, &archive).map_err(|e| format!("{}: {e}", zip.display()))?;
        let code_sha256 = base64(&sha2_256(&archive));
        sums.push_str(&format!("{code_sha256}  {name}/bootstrap.zip\n"));
        artefacts.push(Artefact { name: name.clone(), zip_bytes: archive.len() as u64, code_sha256 });
    }
    std::fs::write(out.join("SHA256SUMS"), sums).map_err(|e| e.to_string())?;
    Ok(artefacts)
}

/// `cargo zigbuild --profile lambda-release` of the named binaries for `target`; answers the output folder.
pub fn build(target: &str, names: &[String]) -> Result<PathBuf, String> {
    rust_target(target)?;
    let zig = zig_tools()?;
    let root = root();
    let path = std::env::join_paths(
        std::iter::once(zig.clone()).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut cmd = Command::new(zig.join("cargo-zigbuild"));
    cmd.args(["zigbuild", "--profile", "lambda-release", "--target", target, "-p", "hailong-functions"]);
    for name in names {
        cmd.args(["--bin", name]);
    }
    sh(cmd.current_dir(&root).env("PATH", path))?;
    eprintln!("xtask: built {} for {target} in {:.0} s", names.join(", "), started.elapsed().as_secs_f64());
    Ok(root.join("target").join(target).join("lambda-release"))
}

fn copy_executable(from: &Path, to: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::remove_file(to);
    std::fs::copy(from, to).map_err(|e| format!("{} -> {}: {e}", from.display(), to.display()))?;
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())
}

fn cache_dir() -> Result<PathBuf, String> {
    let dir = match std::env::var_os("HAILONG_CACHE") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(std::env::var_os("HOME").ok_or("HOME is not set")?).join(".cache/hailong"),
    };
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

fn rust_target(target: &str) -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == target) {
        return Ok(());
    }
    sh(Command::new("rustup").args(["target", "add", target]))
}

/// cargo-zigbuild and Zig from PyPI in a virtualenv of their own; answers its `bin/`.
/// cargo-zigbuild finds Zig there as `python -m ziglang`.
pub fn zig_tools() -> Result<PathBuf, String> {
    venv(&PYPI_TOOLS)
}

/// cfn-lint at the pinned version: the machine's own when it is that version, else from PyPI.
pub fn cfn_lint_program() -> Result<PathBuf, String> {
    let want = CFN_LINT_PYPI.split("==").nth(1).expect("pinned");
    if output(Command::new("cfn-lint").arg("--version")).is_some_and(|v| v.split_whitespace().nth(1) == Some(want)) {
        return Ok(PathBuf::from("cfn-lint"));
    }
    Ok(venv(&[CFN_LINT_PYPI])?.join("cfn-lint"))
}

/// cfn-lint on the deployment templates; any error or warning fails (exceptions are written,
/// with their reason, in the template's metadata).
pub fn cfn_lint() -> Result<(), String> {
    let program = cfn_lint_program()?;
    let root = root();
    sh(Command::new(&program).args(TEMPLATES).current_dir(&root))
        .map_err(|e| format!("{e}: cfn-lint found problems in {}", TEMPLATES.join(", ")))?;
    eprintln!("xtask: cfn-lint ({CFN_LINT_PYPI}) passes on {}", TEMPLATES.join(", "));
    Ok(())
}

/// A virtualenv in the cache holding exactly `specs`; answers its `bin/`.
fn venv(specs: &[&str]) -> Result<PathBuf, String> {
    let dir = cache_dir()?.join(format!("pypi-{}", specs.join("-").replace("==", "-")));
    let bin = dir.join("bin");
    if dir.join(".complete").exists() {
        return Ok(bin);
    }
    eprintln!("xtask: installing {} from PyPI (once)", specs.join(" "));
    let _ = std::fs::remove_dir_all(&dir);
    sh(Command::new("python3").arg("-m").arg("venv").arg(&dir))
        .map_err(|e| format!("{e}; Python 3 with venv is needed (sudo apt-get install -y python3-venv)"))?;
    sh(Command::new(bin.join("python"))
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
        .args(specs))?;
    std::fs::write(dir.join(".complete"), specs.join("\n")).map_err(|e| e.to_string())?;
    Ok(bin)
}

/// qemu-user runs the arm64 bootstraps on this machine in the tests; answers the emulator.
pub fn qemu_aarch64() -> Result<PathBuf, String> {
    let find = || output(Command::new("sh").args(["-c", "command -v qemu-aarch64"])).map(|p| PathBuf::from(p.trim()));
    if let Some(p) = find() {
        return Ok(p);
    }
    let is_root = output(Command::new("id").arg("-u")).is_some_and(|o| o.trim() == "0");
    if !is_root {
        return Err("qemu-aarch64 is missing; install it with: sudo apt-get install -y qemu-user".into());
    }
    eprintln!("xtask: installing qemu-user with apt-get");
    sh(Command::new("apt-get").args(["update", "-q"]))?;
    sh(Command::new("apt-get")
        .args(["install", "-y", "-q", "--no-install-recommends", "qemu-user"])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    find().ok_or_else(|| "qemu-user installed no qemu-aarch64".into())
}

/// Site files served under their own names only, never under `assets/<hash>/`: `boot.js` is
/// named by the pages the server renders, which cannot know the hash.
const KEEP_NAMES: [&str; 3] = ["sw.js", "manifest.webmanifest", "boot.js"];

/// The web app for S3, in `target/site/`: `frontend/dist` without its `.br`/`.gz` copies
/// (CloudFront compresses), plus every file again under `assets/<content hash>/`, which
/// CloudFront caches for a year; the HTML points at the hashed copies. The unhashed originals
/// stay for anything that names them directly.
pub fn site(dist: &Path) -> Result<PathBuf, String> {
    site_into(dist, root().join("target/site"))
}

fn site_into(dist: &Path, out: PathBuf) -> Result<PathBuf, String> {
    let _ = std::fs::remove_dir_all(&out);
    let mut files = Vec::new();
    walk(dist, dist, &mut files)?;
    files.retain(|rel| !rel.ends_with(".br") && !rel.ends_with(".gz"));
    files.sort();
    let is_html = |rel: &str| rel.ends_with(".html");
    // Pages, and the files browsers look for by name: the service worker's scope is the folder
    // it is served from, and an installed app keeps its manifest's address.
    let keeps_name = |rel: &str| is_html(rel) || KEEP_NAMES.contains(&rel);
    // The hash covers every asset, so one change moves them all (their relative links stay right).
    let mut all = Vec::new();
    for rel in files.iter().filter(|r| !keeps_name(r)) {
        all.extend_from_slice(rel.as_bytes());
        all.push(0);
        all.extend(std::fs::read(dist.join(rel)).map_err(|e| e.to_string())?);
    }
    let hash: String = sha2_256(&all)[..6].iter().map(|b| format!("{b:02x}")).collect();
    let prefix = format!("/assets/{hash}/");
    let tops: std::collections::BTreeSet<(String, bool)> = files
        .iter()
        .filter(|r| !keeps_name(r))
        .map(|r| match r.split_once('/') {
            Some((dir, _)) => (dir.to_owned(), true),
            None => (r.clone(), false),
        })
        .collect();
    let rewrite = |text: String| {
        let mut text = text;
        for (top, is_dir) in &tops {
            let (from, to) = if *is_dir {
                (format!("/{top}/"), format!("{prefix}{top}/"))
            } else {
                (format!("/{top}"), format!("{prefix}{top}"))
            };
            for (open, close) in [
                ("\"", if *is_dir { "" } else { "\"" }),
                ("'", if *is_dir { "" } else { "'" }),
                ("url(", if *is_dir { "" } else { ")" }),
            ] {
                text = text.replace(&format!("{open}{from}{close}"), &format!("{open}{to}{close}"));
            }
        }
        text
    };
    for rel in &files {
        let data = std::fs::read(dist.join(rel)).map_err(|e| e.to_string())?;
        // `boot.js` imports the bundles, so it points at their hashed copies like a page.
        let (data, hashed) = if is_html(rel) || rel.ends_with(".css") || rel == "boot.js" {
            let text = String::from_utf8(data).map_err(|_| format!("{rel} is not UTF-8"))?;
            (rewrite(text).into_bytes(), !keeps_name(rel))
        } else {
            (data, !keeps_name(rel))
        };
        write_file(&out.join(rel), &data)?;
        if hashed {
            write_file(&out.join(prefix.trim_start_matches('/')).join(rel), &data)?;
        }
    }
    Ok(out)
}

fn walk(base: &Path, dir: &Path, files: &mut Vec<String>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            walk(base, &path, files)?;
        } else {
            files.push(path.strip_prefix(base).expect("under base").to_string_lossy().into_owned());
        }
    }
    Ok(())
}

fn write_file(path: &Path, data: &[u8]) -> Result<(), String> {
    std::fs::create_dir_all(path.parent().expect("a file has a folder")).map_err(|e| e.to_string())?;
    std::fs::write(path, data).map_err(|e| format!("{}: {e}", path.display()))
}

/// A zip of one file, deflated, with Unix permissions and the DOS epoch as its time.
pub fn zip_one(name: &str, data: &[u8], mode: u32) -> Result<Vec<u8>, String> {
    let mut deflated = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    deflated.write_all(data).map_err(|e| e.to_string())?;
    let deflated = deflated.finish().map_err(|e| e.to_string())?;
    let mut crc = flate2::Crc::new();
    crc.update(data);
    let (crc, size, csize) = (crc.sum(), u32::try_from(data.len()).map_err(|_| "over 4 GB")?, deflated.len() as u32);
    let (time, date) = (0u16, (1 << 5) | 1); // 1980-01-01 00:00
    let mut z = Vec::with_capacity(deflated.len() + 200);
    let u16le = |z: &mut Vec<u8>, v: u16| z.extend_from_slice(&v.to_le_bytes());
    let u32le = |z: &mut Vec<u8>, v: u32| z.extend_from_slice(&v.to_le_bytes());
    // Local file header.
    u32le(&mut z, 0x0403_4b50);
    for v in [20, 0, 8, time, date] {
        u16le(&mut z, v);
    }
    for v in [crc, csize, size] {
        u32le(&mut z, v);
    }
    u16le(&mut z, name.len() as u16);
    u16le(&mut z, 0);
    z.extend_from_slice(name.as_bytes());
    z.extend_from_slice(&deflated);
    // Central directory: made by Unix (3), so the external attributes carry the mode.
    let central = z.len() as u32;
    u32le(&mut z, 0x0201_4b50);
    for v in [(3 << 8) | 20, 20, 0, 8, time, date] {
        u16le(&mut z, v);
    }
    for v in [crc, csize, size] {
        u32le(&mut z, v);
    }
    for v in [name.len() as u16, 0, 0, 0, 0] {
        u16le(&mut z, v);
    }
    u32le(&mut z, (0o100000 | mode) << 16);
    u32le(&mut z, 0);
    z.extend_from_slice(name.as_bytes());
    let central_size = z.len() as u32 - central;
    // End of central directory.
    u32le(&mut z, 0x0605_4b50);
    for v in [0, 0, 1, 1] {
        u16le(&mut z, v);
    }
    u32le(&mut z, central_size);
    u32le(&mut z, central);
    u16le(&mut z, 0);
    Ok(z)
}

pub fn sha2_256(data: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(data).to_vec()
}

/// Standard base64 with padding (RFC 4648), as Lambda's `CodeSha256` is written.
fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_as_rfc_4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn the_site_hashes_assets_but_not_the_service_worker_the_manifest_or_the_boot_script() {
        let tmp = std::env::temp_dir().join(format!("hailong-site-{}", std::process::id()));
        let dist = tmp.join("dist");
        let files = [
            (
                "index.html",
                r#"<link href="/style.css"><link href="/manifest.webmanifest"><script src="/boot.js"></script>"#,
            ),
            ("boot.js", "import('/pkg/' + a); register('/sw.js')"),
            ("style.css", "body{}"),
            ("pkg/citizen.js", "js"),
            ("sw.js", "const PAGE = '/';"),
            ("manifest.webmanifest", "{}"),
        ];
        for (rel, text) in files {
            write_file(&dist.join(rel), text.as_bytes()).unwrap();
        }
        let out = site_into(&dist, tmp.join("site")).unwrap();
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        let hashed = index.split('"').nth(1).unwrap();
        assert!(hashed.starts_with("/assets/") && hashed.ends_with("/style.css"), "{index}");
        assert!(out.join(&hashed[1..]).is_file());
        assert!(index.contains("\"/manifest.webmanifest\"") && index.contains("\"/boot.js\""), "{index}");
        let boot = std::fs::read_to_string(out.join("boot.js")).unwrap();
        assert!(boot.contains("'/assets/") && boot.contains("/pkg/' + a") && boot.contains("'/sw.js'"), "{boot}");
        assert_eq!(std::fs::read_to_string(out.join("sw.js")).unwrap(), "const PAGE = '/';");
        assert!(out.join("manifest.webmanifest").is_file());
        let assets = std::fs::read_dir(out.join("assets")).unwrap().next().unwrap().unwrap().path();
        assert!(!assets.join("sw.js").exists() && !assets.join("manifest.webmanifest").exists());
        assert!(!assets.join("boot.js").exists());
        let _ = std::fs::remove_dir_all(tmp);
    }

    #[test]
    fn zips_are_deterministic_and_well_formed() {
        let data = b"#!/bin/sh\necho hello\n".repeat(50);
        let a = zip_one("bootstrap", &data, 0o755).unwrap();
        assert_eq!(a, zip_one("bootstrap", &data, 0o755).unwrap());
        assert_eq!(&a[..4], b"PK\x03\x04");
        let eocd = a.len() - 22;
        assert_eq!(&a[eocd..eocd + 4], b"PK\x05\x06");
        assert!(a.len() < data.len());
    }
}
