//! Builds the static site in dist/: the page and the worker as wasm (release), turned into ES
//! modules by wasm-bindgen, beside index.html and the assets in www/.

use crate::{paths, toolchain};
use anyhow::{Context, Result, anyhow};
use std::path::Path;
use std::process::Command;
use wasm_bindgen_cli_support::Bindgen;

/// The two wasm binaries: the page (yew) and the Web Worker (burn).
pub const BINARIES: [&str; 2] = ["convlab-app", "convlab-worker"];

/// Builds dist/. With `log`, cargo's output goes to that file (and its tail is shown on failure).
pub fn build(log: Option<&Path>) -> Result<()> {
    toolchain::ensure_wasm_target()?;
    let root = paths::repo_root();
    let target_dir = paths::wasm_target_dir();
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo
        .args(["build", "--release", "--package", "convlab", "--target", toolchain::WASM_TARGET])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", &target_dir);
    for bin in BINARIES {
        cargo.args(["--bin", bin]);
    }
    match log {
        None => toolchain::run(&mut cargo)?,
        Some(log) => {
            let file = std::fs::File::create(log).with_context(|| format!("creating {}", log.display()))?;
            cargo.stdout(file.try_clone()?).stderr(file);
            if let Err(error) = toolchain::run(&mut cargo) {
                let text = std::fs::read_to_string(log).unwrap_or_default();
                let tail: Vec<&str> = text.lines().rev().take(40).collect();
                eprintln!("{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
                return Err(error);
            }
        }
    }

    let dist = paths::dist_dir();
    let pkg = dist.join("pkg");
    std::fs::create_dir_all(&pkg)?;
    for bin in BINARIES {
        let wasm = target_dir.join(toolchain::WASM_TARGET).join("release").join(format!("{bin}.wasm"));
        Bindgen::new()
            .input_path(&wasm)
            .web(true)
            .map_err(|e| anyhow!("{e}"))?
            .typescript(false)
            // The CLI's default: `init()` finds the .wasm beside its JS module.
            .omit_default_module_path(false)
            .remove_producers_section(true)
            .generate(&pkg)
            .map_err(|e| anyhow!("wasm-bindgen on {}: {e}", wasm.display()))?;
    }
    std::fs::copy(root.join("index.html"), dist.join("index.html")).context("copying index.html")?;
    copy_dir(&root.join("www"), &dist)?;
    Ok(())
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
