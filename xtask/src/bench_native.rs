//! The native rows of `cargo xtask bench`: the browser's training loop run natively (burn `flex`
//! with SIMD and rayon) with one thread and with all of them, the augmentation's cost an image,
//! and the per-layer profile of the tutorial CNN (`layer-profile`). `BENCH_ONLY=native cargo xtask bench` runs only these, without
//! building the site or starting Chromium (MNIST from `MNIST_DIR` then).

use crate::bench_row::Row;
use crate::paths;
use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use std::process::Command;

/// The training speed rows (1 thread, all threads, their ratio) and the profile table's text.
pub fn measure() -> Result<(Vec<Row>, String)> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    build()?;
    // burn-flex and ConvLab's pool kernel run on rayon's global pool, which reads
    // RAYON_NUM_THREADS when it starts.
    let one = train_speed(1)?;
    let all = train_speed(threads)?;
    let note = |n: usize| format!("{n} thread{}, 1 epoch of 12 800 images", if n == 1 { "" } else { "s" });
    let mut rows = vec![
        Row::new("native training, CPU (flex), batch 32, 1 thread".into(), format!("{one:.0}"), "samples/s", note(1)),
        Row::new(format!("native training, CPU (flex), batch 32, {threads} threads"), format!("{all:.0}"), "samples/s", note(threads)),
    ];
    if threads > 1 {
        rows.push(Row::new(format!("native training, {threads} threads ÷ 1 thread"), format!("{:.2}", all / one), "×", "same run".into()));
    }
    rows.push(Row::new("native augmentation, per image".into(), format!("{:.1}", augment_cost()?), "µs", "9 600 MNIST images, batches of 32, mean of 3 rounds, 1 thread".into()));
    Ok((rows, profile()?))
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(paths::repo_root()).env("CARGO_TARGET_DIR", paths::native_target_dir());
    command
}

/// Builds both binaries first, so no timing includes a compile.
fn build() -> Result<()> {
    let status = cargo()
        .args(["build", "--release", "--quiet", "--bin", "train-native", "--bin", "layer-profile"])
        .status()
        .context("building train-native and layer-profile")?;
    if !status.success() {
        bail!("building the native benchmarks failed ({status})");
    }
    Ok(())
}

/// Mean samples/s of one epoch on 12 800 training images with `threads` rayon threads.
fn train_speed(threads: usize) -> Result<f64> {
    let log = run_bin(
        cargo()
            .args(["run", "--release", "--quiet", "--bin", "train-native", "--", "--epochs", "1", "--subset", "12800"])
            .env("MNIST_DIR", mnist_dir())
            .env("RAYON_NUM_THREADS", threads.to_string()),
        "train-native",
    )?;
    log.lines()
        .find_map(|line| line.strip_prefix("mean training throughput: ")?.strip_suffix(" samples/s"))
        .context("train-native did not print its throughput")?
        .parse()
        .context("train-native's throughput is not a number")
}

/// Microseconds augmentation takes an image (train-native --augment-cost).
fn augment_cost() -> Result<f64> {
    let log = run_bin(
        cargo().args(["run", "--release", "--quiet", "--bin", "train-native", "--", "--augment-cost"]).env("MNIST_DIR", mnist_dir()),
        "train-native --augment-cost",
    )?;
    log.lines()
        .find_map(|line| line.strip_prefix("augmentation: ")?.split(" µs").next())
        .context("train-native did not print the augmentation's cost")?
        .parse()
        .context("the augmentation's cost is not a number")
}

/// The site's copy of MNIST (a full run has just prepared it), or `MNIST_DIR` when set: a native
/// only run builds no site.
fn mnist_dir() -> PathBuf {
    std::env::var_os("MNIST_DIR").map_or_else(paths::data_dir, PathBuf::from)
}

/// The per-layer table, as layer-profile prints it.
fn profile() -> Result<String> {
    run_bin(cargo().args(["run", "--release", "--quiet", "--bin", "layer-profile"]), "layer-profile")
}

fn run_bin(command: &mut Command, name: &str) -> Result<String> {
    let output = command.output().with_context(|| format!("running {name}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        bail!("{name} failed ({}):\n{stdout}{}", output.status, String::from_utf8_lossy(&output.stderr));
    }
    Ok(stdout)
}
