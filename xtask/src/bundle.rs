//! Builds the static site in dist/: the page and the worker as wasm (release), turned into ES
//! modules by wasm-bindgen, beside index.html and the assets in www/.

use crate::{paths, toolchain};
use anyhow::{Context, Result, anyhow};
use std::path::Path;
use std::process::Command;
use std::time::Instant;
use wasm_bindgen_cli_support::Bindgen;

/// The two wasm binaries and their cargo features: the page (yew, no burn) and the Web Worker
/// (burn, feature `compute`).
pub const BINARIES: [(&str, &[&str]); 2] = [
    ("convlab-app", &["--no-default-features"]),
    ("convlab-worker", &[]),
];

/// The cargo profile of the browser build (see Cargo.toml: LTO, one codegen unit).
const PROFILE: &str = "web";

/// Builds dist/. With `log`, cargo's output goes to that file (and its tail is shown on failure).
pub fn build(log: Option<&Path>) -> Result<()> {
    toolchain::ensure_wasm_target()?;
    let root = paths::repo_root();
    let target_dir = paths::wasm_target_dir();
    // One cargo run per binary: they are built with different features.
    for ((bin, features), what) in BINARIES.into_iter().zip(["the page's wasm", "the worker's wasm (burn: the long one)"]) {
        let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cargo
            .args(["build", "--profile", PROFILE, "--package", "convlab", "--target", toolchain::WASM_TARGET])
            .args(["--bin", bin])
            .args(features)
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", &target_dir);
        phase(&format!("building {what}, {bin}"), || run_logged(&mut cargo, log))?;
    }

    phase("wasm-bindgen and copying the site into dist/", || bindgen_and_copy(&root, &target_dir))
}

/// Runs one phase of a long build between two lines on stderr, the second with its duration, so
/// a quiet cargo (output in a log) is never taken for a hung one.
pub fn phase<T>(what: &str, work: impl FnOnce() -> Result<T>) -> Result<T> {
    eprintln!("xtask: {what}…");
    let start = Instant::now();
    let result = work();
    let seconds = start.elapsed().as_secs();
    let took = if seconds >= 60 { format!("{}m{:02}s", seconds / 60, seconds % 60) } else { format!("{seconds}s") };
    eprintln!("xtask: {what}: {} in {took}", if result.is_ok() { "done" } else { "failed" });
    result
}

fn bindgen_and_copy(root: &Path, target_dir: &Path) -> Result<()> {
    let dist = paths::dist_dir();
    let pkg = dist.join("pkg");
    std::fs::create_dir_all(&pkg)?;
    let keep_names = std::env::var_os("CONVLAB_WASM_NAMES").is_some_and(|v| v == "1");
    for (bin, _) in BINARIES {
        let wasm = target_dir.join(toolchain::WASM_TARGET).join(PROFILE).join(format!("{bin}.wasm"));
        Bindgen::new()
            .input_path(&wasm)
            .web(true)
            .map_err(|e| anyhow!("{e}"))?
            .typescript(false)
            // The CLI's default: `init()` finds the .wasm beside its JS module.
            .omit_default_module_path(false)
            .remove_producers_section(true)
            // Function names are 3.5 MB of the worker's wasm (0.7 MB gzipped); profiles need
            // them, so CONVLAB_WASM_NAMES=1 keeps them.
            .remove_name_section(!keep_names)
            .generate(&pkg)
            .map_err(|e| anyhow!("wasm-bindgen on {}: {e}", wasm.display()))?;
    }
    std::fs::copy(root.join("index.html"), dist.join("index.html")).context("copying index.html")?;
    copy_dir(&root.join("www"), &dist)?;
    Ok(())
}

/// Runs `cargo`; with `log`, appends its output there and shows the tail on failure.
fn run_logged(cargo: &mut Command, log: Option<&Path>) -> Result<()> {
    let Some(log) = log else { return toolchain::run(cargo) };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .with_context(|| format!("opening {}", log.display()))?;
    cargo.stdout(file.try_clone()?).stderr(file);
    toolchain::run(cargo).inspect_err(|_| {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(40).collect();
        eprintln!("{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
    })
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            std::fs::create_dir_all(&dest)?;
            copy_dir(&entry.path(), &dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}
