//! Installs the tools the project needs when they are missing, each through its own package
//! client: rustup for the wasm target, apt for Chromium, npm for the end-to-end test driver.

use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::Command;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Runs a command with inherited output and fails with its name if it does not succeed.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd.status().with_context(|| format!("could not start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

pub fn ensure_wasm_target() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("rustup is needed to add the wasm32 target")?;
    if String::from_utf8_lossy(&out.stdout).lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    eprintln!("xtask: adding the {WASM_TARGET} target");
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// The nightly toolchain that builds the threaded worker (`-Z build-std`), pinned: a nightly's
/// unstable flags and std may change from one day to the next. With rust-src only (std is built
/// from source, so its prebuilt wasm32 std is not needed).
pub const THREADS_TOOLCHAIN: &str = "nightly-2026-05-19";

pub fn ensure_threads_toolchain() -> Result<()> {
    let sysroot = Command::new("rustup").args(["run", THREADS_TOOLCHAIN, "rustc", "--print", "sysroot"]).output();
    if let Ok(out) = &sysroot {
        let root = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if out.status.success() && Path::new(&root).join("lib/rustlib/src/rust/library/std").is_dir() {
            return Ok(());
        }
    }
    eprintln!("xtask: installing the {THREADS_TOOLCHAIN} toolchain with rust-src (for the threaded worker)");
    run(Command::new("rustup").args(["toolchain", "install", THREADS_TOOLCHAIN, "--profile", "minimal", "--component", "rust-src"]))
}

/// Debian's Chromium and ChromeDriver (never a browser downloaded by a test tool).
pub fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    eprintln!("xtask: installing chromium and chromium-driver with apt");
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// The end-to-end tests' Node packages, exactly as locked in tests/e2e/package-lock.json.
pub fn ensure_e2e_packages(e2e_dir: &Path) -> Result<()> {
    const PACKAGES: [&str; 2] = ["playwright-core", "axe-core"];
    if PACKAGES.iter().all(|p| e2e_dir.join("node_modules").join(p).join("package.json").exists()) {
        return Ok(());
    }
    eprintln!("xtask: installing the end-to-end test packages with npm");
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(e2e_dir)
        // playwright-core never downloads a browser; this keeps any other package from trying.
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))
}
