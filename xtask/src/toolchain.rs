//! Installs the tools the project needs when they are missing, each through its own package
//! client: rustup for the wasm target, apt for Chromium and Firefox, npm for the end-to-end test
//! driver.

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

/// Debian's Firefox ESR, which the end-to-end tests drive over WebDriver BiDi.
pub const FIREFOX: &str = "/usr/bin/firefox-esr";

/// Debian's WebKitGTK driver and its MiniBrowser (the engine behind Safari), driven over W3C
/// WebDriver; the MiniBrowser needs a display, which xvfb-run gives it.
pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
pub const WEBKIT_BROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
pub const XVFB_RUN: &str = "/usr/bin/xvfb-run";

/// The browsers the end-to-end tests drive, each one engine, as Debian packages them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Browser {
    Chromium,
    Firefox,
    WebKit,
}

impl Browser {
    pub fn name(self) -> &'static str {
        match self {
            Self::Chromium => "chromium",
            Self::Firefox => "firefox",
            Self::WebKit => "webkit",
        }
    }
}

/// Debian's Chromium and ChromeDriver (never a browser downloaded by a test tool).
pub fn ensure_chromium() -> Result<()> {
    ensure_browsers(&[Browser::Chromium])
}

/// Debian's packages of those browsers that are missing, in one apt run.
pub fn ensure_browsers(browsers: &[Browser]) -> Result<()> {
    let mut missing: Vec<&str> = Vec::new();
    for browser in browsers {
        match browser {
            Browser::Chromium if !(Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists()) => missing.extend(["chromium", "chromium-driver"]),
            Browser::Firefox if !Path::new(FIREFOX).exists() => missing.push("firefox-esr"),
            Browser::WebKit if ![WEBKIT_DRIVER, WEBKIT_BROWSER, XVFB_RUN].iter().all(|path| Path::new(path).exists()) => {
                missing.extend(["webkit2gtk-driver", "xvfb", "xauth"])
            }
            _ => {}
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing {} with apt", missing.join(", "));
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// The end-to-end tests' Node packages, exactly as locked in tests/e2e/package-lock.json:
/// `npm ci` (which installs the lockfile's versions and nothing else) unless every package the
/// lockfile names is already in node_modules at its locked version.
pub fn ensure_e2e_packages(e2e_dir: &Path) -> Result<()> {
    let stale = stale_e2e_packages(e2e_dir)?;
    if stale.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing the end-to-end test packages with npm ci ({})", stale.join(", "));
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(e2e_dir)
        // playwright-core never downloads a browser; this keeps any other package from trying.
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    let stale = stale_e2e_packages(e2e_dir)?;
    if !stale.is_empty() {
        bail!("npm ci left packages that differ from tests/e2e/package-lock.json: {}", stale.join(", "));
    }
    Ok(())
}

/// Each package of the lockfile that node_modules lacks or holds at another version, as
/// `name (wanted W, found F)`.
fn stale_e2e_packages(e2e_dir: &Path) -> Result<Vec<String>> {
    let lock_path = e2e_dir.join("package-lock.json");
    let lock: serde_json::Value = serde_json::from_slice(&std::fs::read(&lock_path).with_context(|| format!("reading {}", lock_path.display()))?)
        .with_context(|| format!("parsing {}", lock_path.display()))?;
    let packages = lock["packages"].as_object().with_context(|| format!("{} has no \"packages\" (lockfile version 2 or 3 needed)", lock_path.display()))?;
    let mut stale = Vec::new();
    for (key, entry) in packages {
        let Some(name) = key.strip_prefix("node_modules/") else { continue };
        let wanted = entry["version"].as_str().with_context(|| format!("{key} has no version in {}", lock_path.display()))?;
        let found = std::fs::read(e2e_dir.join(key).join("package.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
            .and_then(|manifest| manifest["version"].as_str().map(String::from));
        if found.as_deref() != Some(wanted) {
            stale.push(format!("{name} (wanted {wanted}, found {})", found.as_deref().unwrap_or("none")));
        }
    }
    if stale.is_empty() && !packages.keys().any(|key| key.starts_with("node_modules/")) {
        bail!("{} locks no package", lock_path.display());
    }
    Ok(stale)
}
