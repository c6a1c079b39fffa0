//! `cargo xtask bench`: builds the release site, drives it in headless Chromium
//! (tests/e2e/bench.mjs), then adds the wasm sizes and the native training speed of the same
//! loop. Figures only: no thresholds, since this machine is shared and noisy.

use crate::{bundle, paths, serve, toolchain};
use anyhow::{Context, Result, bail};
use flate2::{Compression, write::GzEncoder};
use std::io::Write;
use std::process::Command;

pub fn run() -> Result<()> {
    let root = paths::repo_root();
    let e2e = root.join("tests").join("e2e");
    toolchain::ensure_chromium()?;
    toolchain::ensure_e2e_packages(&e2e)?;
    crate::prepare_site()?;

    println!("{:<48} {:>12} {:<10} note", "figure", "value", "unit");
    for (bin, _) in bundle::BINARIES {
        let wasm = std::fs::read(paths::dist_dir().join("pkg").join(format!("{bin}_bg.wasm")))?;
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(&wasm)?;
        let gz = gz.finish()?;
        println!("{:<48} {:>12.2} {:<10} gzip {:.2} MB", format!("{bin} wasm"), wasm.len() as f64 / 1e6, "MB", gz.len() as f64 / 1e6);
    }

    let site = serve::Site::bind(paths::dist_dir(), "127.0.0.1", 0)?;
    let status = Command::new("node")
        .arg("bench.mjs")
        .current_dir(&e2e)
        .env("CONVLAB_URL", &site.url)
        .env("CHROMIUM", toolchain::CHROMIUM)
        .env("BENCH_JSON", paths::cache_dir().join("bench-results.json"))
        .status()
        .context("running tests/e2e/bench.mjs with node")?;
    drop(site);
    if !status.success() {
        bail!("the browser benchmark failed ({status})");
    }

    // The same training loop natively (burn flex with SIMD and threads), one epoch on 12 800 images.
    let native = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["run", "--release", "--quiet", "--bin", "train-native", "--", "--epochs", "1", "--subset", "12800"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", paths::native_target_dir())
        .env("MNIST_DIR", paths::data_dir())
        .status()
        .context("running the native benchmark")?;
    if !native.success() {
        bail!("the native benchmark failed ({native})");
    }
    println!("(browser figures also in {})", paths::cache_dir().join("bench-results.json").display());
    Ok(())
}
