//! `cargo xtask bench`: builds the release site, drives it in headless Chromium
//! (tests/e2e/bench.mjs), then adds the wasm sizes and the native training speed of the same
//! loop with 1 and all threads (bench_native.rs): one table on stdout, the same rows as JSON in
//! the cache, then the per-layer profile. `BENCH_ONLY=native` runs the native part alone,
//! `BENCH_ONLY=webgpu` the WebGPU rows and the wasm sizes (to compare builds of the WebGPU
//! worker), `BENCH_ONLY=sizes` the download sizes alone. Figures only: no thresholds, since this machine is shared and noisy.

use crate::bench_row::Row;
use crate::{bench_native, bundle, paths, serve, toolchain};
use anyhow::{Context, Result, bail};
use flate2::{Compression, write::GzEncoder};
use std::io::Write;
use std::process::Command;

pub fn run() -> Result<()> {
    match std::env::var("BENCH_ONLY").as_deref() {
        Ok("native") => return run_native_only(),
        Ok("sizes") => return run_sizes_only(),
        _ => {}
    }
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
    // The rows measured here, printed below the browser's: first what a learner downloads.
    let mut more = size_rows()?;

    // The same training loop natively, and where its time goes.
    let profile = if std::env::var("BENCH_ONLY").as_deref() == Ok("webgpu") {
        String::new()
    } else {
        let (native, profile) = bench_native::measure()?;
        more.extend(native);
        profile
    };

    for row in &more {
        row.print();
    }
    println!("\n{profile}");
    rows.extend(more);
    std::fs::write(&json_path, serde_json::to_string_pretty(&rows)?)?;
    println!("(all rows as JSON in {})", json_path.display());
    Ok(())
}

/// What a learner downloads: each wasm gzipped, the page with each worker, the light data, and a
/// first visit with either data set.
fn size_rows() -> Result<Vec<Row>> {
    let mut more = Vec::new();
    // What the browser downloads: the page and one of the two workers.
    let mut gzipped = std::collections::BTreeMap::new();
    for (bin, _) in bundle::BINARIES {
        let wasm = std::fs::read(paths::dist_dir().join("pkg").join(format!("{bin}_bg.wasm")))?;
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(&wasm)?;
        let gzip = gz.finish()?.len();
        gzipped.insert(bin, gzip);
        more.push(Row::new(format!("{bin} wasm, gzipped"), mb(gzip), "MB", format!("{} MB raw", mb(wasm.len()))));
    }
    for (worker, when) in [("convlab-worker", "WebGPU, or not isolated"), ("convlab-worker-threads", "CPU, isolated")] {
        let total = gzipped["convlab-app"] + gzipped[worker];
        more.push(Row::new(format!("page + {worker}, gzipped"), mb(total), "MB", format!("what a learner downloads ({when})")));
    }
    // A first visit on the CPU, isolated: the page, its worker, the pre-trained model and the
    // data, full or light (the data as served: gzip files).
    let data_bytes = |folder: &str| -> Result<usize> {
        let mut sum = 0;
        for file in convlab::data::FILE_NAMES {
            sum += std::fs::metadata(paths::data_dir().join(folder).join(file))?.len() as usize;
        }
        Ok(sum)
    };
    let model = std::fs::metadata(paths::dist_dir().join("model").join("tutorial.bin"))?.len() as usize;
    let (full, light) = (data_bytes("")?, data_bytes(convlab::data::LIGHT_FOLDER)?);
    more.push(Row::new("MNIST light data, 4 gzip files".into(), mb(light), "MB", format!("18 000 training + 2 000 test images; the full set is {} MB", mb(full))));
    let code = gzipped["convlab-app"] + gzipped["convlab-worker-threads"] + model;
    more.push(Row::new("first visit, full data".into(), mb(code + full), "MB", "page + threaded worker + pre-trained model + MNIST".into()));
    more.push(Row::new("first visit, light data".into(), mb(code + light), "MB", format!("the same with the light set; a class of 30: {} MB", mb(30 * (code + light)))));
    Ok(more)
}

/// `BENCH_ONLY=sizes`: the download rows alone, from a freshly built site.
fn run_sizes_only() -> Result<()> {
    crate::prepare_site()?;
    for row in size_rows()? {
        row.print();
    }
    Ok(())
}

/// `BENCH_ONLY=native`: the native rows and the profile alone, printed (no site, no browser, and
/// the JSON of the last full run is left as it is).
fn run_native_only() -> Result<()> {
    let (rows, profile) = bench_native::measure()?;
    for row in &rows {
        row.print();
    }
    println!("\n{profile}");
    Ok(())
}

fn mb(bytes: usize) -> String {
    format!("{:.2}", bytes as f64 / 1e6)
}
