//! `cargo xtask bench`: builds the release site, drives it in headless Chromium
//! (tests/e2e/bench.mjs), then adds the wasm sizes and the native training speed of the same
//! loop: one table on stdout, the same rows as JSON in the cache. Figures only: no thresholds,
//! since this machine is shared and noisy.

use crate::{bundle, paths, serve, toolchain};
use anyhow::{Context, Result, bail};
use flate2::{Compression, write::GzEncoder};
use std::io::Write;
use std::process::Command;

pub fn run() -> Result<()> {
    let root = paths::repo_root();
    let e2e = root.join("tests").join("e2e");
    let json_path = paths::cache_dir().join("bench-results.json");
    toolchain::ensure_chromium()?;
    toolchain::ensure_e2e_packages(&e2e)?;
    crate::prepare_site()?;

    // The browser rows (bench.mjs prints the table header and its rows, and writes the JSON).
    let site = serve::Site::bind(paths::dist_dir(), "127.0.0.1", 0)?;
    let status = Command::new("node")
        .arg("bench.mjs")
        .current_dir(&e2e)
        .env("CONVLAB_URL", &site.url)
        .env("CHROMIUM", toolchain::CHROMIUM)
        .env("BENCH_JSON", &json_path)
        .status()
        .context("running tests/e2e/bench.mjs with node")?;
    drop(site);
    if !status.success() {
        bail!("the browser benchmark failed ({status})");
    }
    let mut rows: Vec<Row> = serde_json::from_str(&std::fs::read_to_string(&json_path)?)
        .with_context(|| format!("reading {}", json_path.display()))?;
    // The rows measured here, printed below the browser's.
    let mut more = Vec::new();

    // What the browser downloads.
    let mut total_gzip = 0;
    for (bin, _) in bundle::BINARIES {
        let wasm = std::fs::read(paths::dist_dir().join("pkg").join(format!("{bin}_bg.wasm")))?;
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(&wasm)?;
        let gzip = gz.finish()?.len();
        total_gzip += gzip;
        more.push(Row::new(format!("{bin} wasm, gzipped"), mb(gzip), "MB", format!("{} MB raw", mb(wasm.len()))));
    }
    more.push(Row::new("all wasm, gzipped".into(), mb(total_gzip), "MB", "page + worker".into()));

    // The same training loop natively (burn flex with SIMD and threads), one epoch on 12 800 images.
    let native = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["run", "--release", "--quiet", "--bin", "train-native", "--", "--epochs", "1", "--subset", "12800"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", paths::native_target_dir())
        .env("MNIST_DIR", paths::data_dir())
        .output()
        .context("running the native benchmark")?;
    let log = String::from_utf8_lossy(&native.stdout);
    if !native.status.success() {
        bail!("the native benchmark failed ({}):\n{log}{}", native.status, String::from_utf8_lossy(&native.stderr));
    }
    let speed = log
        .lines()
        .find_map(|line| line.strip_prefix("mean training throughput: ")?.strip_suffix(" samples/s"))
        .context("train-native did not print its throughput")?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    more.push(Row::new("native training, CPU (flex), batch 32".into(), speed.into(), "samples/s", format!("{threads} threads, 1 epoch of 12 800 images")));

    for row in &more {
        row.print();
    }
    rows.extend(more);
    std::fs::write(&json_path, serde_json::to_string_pretty(&rows)?)?;
    println!("(all rows as JSON in {})", json_path.display());
    Ok(())
}

/// One figure, as bench.mjs writes it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Row {
    name: String,
    value: serde_json::Value,
    unit: String,
    note: String,
}

impl Row {
    fn new(name: String, value: String, unit: &str, note: String) -> Self {
        Self { name, value: value.into(), unit: unit.into(), note }
    }

    /// The same layout as bench.mjs's rows.
    fn print(&self) {
        let value = match &self.value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        println!("{:<48} {:>12} {:<10} {}", self.name, value, self.unit, self.note);
    }
}

fn mb(bytes: usize) -> String {
    format!("{:.2}", bytes as f64 / 1e6)
}
