//! ConvLab's build helper, run as `cargo xtask <command>` (alias in .cargo/config.toml).
//!
//! - `run [--host H] [--port P]`: install what is missing, provide MNIST, build, serve.
//! - `test [--browser chromium|firefox|all]`: every test — native `cargo test`, then end-to-end
//!   tests in headless Chromium (and Firefox with `--browser all`).
//! - `build`: only build the site into dist/.
//! - `dist [--out DIR]`: the static site for any host, with hashed wasm, offline support and
//!   `_headers` (default dist-site/).
//! - `bench`: the benchmark — in-browser figures (headless Chromium), wasm sizes, native speed.
//! - `fuzz [--cases N]`: every parser of outside bytes fuzzed with N inputs per target and kind
//!   (default 20 000; `cargo xtask test` runs 64), with the figures per target.

mod bench;
mod bench_native;
mod bench_row;
mod bundle;
mod dist;
mod e2e;
mod mnist;
mod paths;
mod serve;
mod toolchain;

use anyhow::{Context, Result, bail};
use std::process::Command;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(error) = dispatch(&args) {
        eprintln!("xtask: error: {error:#}");
        std::process::exit(1);
    }
}

fn dispatch(args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("run") => run_app(&args[1..]),
        Some("test") => test_all(&args[1..]),
        Some("build") => prepare_site(),
        Some("dist") => dist::run(&args[1..]),
        Some("bench") => bench::run(),
        Some("fuzz") => fuzz(&args[1..]),
        _ => bail!("usage: cargo xtask run [--host 127.0.0.1] [--port 8080] | test | build | dist [--out DIR] | bench | fuzz [--cases 20000]"),
    }
}

/// README command 1.
fn run_app(args: &[String]) -> Result<()> {
    let mut host = std::env::var("CONVLAB_HOST").unwrap_or_else(|_| "127.0.0.1".into());
    let mut port: u16 = std::env::var("CONVLAB_PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(8080);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--host" => host = value.clone(),
            "--port" => port = value.parse().context("--port takes a number")?,
            _ => bail!("unknown option {flag}"),
        }
    }
    // Served as soon as the page can draw and train (on the CPU): MNIST arrives while the page
    // compiles, and the WebGPU worker, the longest build, comes after the server is up.
    let data = std::thread::spawn(|| mnist::provide(&paths::data_dir(), &paths::cache_dir()));
    let behind = bundle::build_serving_first()?;
    data.join().map_err(|_| anyhow::anyhow!("providing MNIST panicked"))??;
    let site = serve::Site::bind(paths::dist_dir(), &host, port)?;
    println!("ConvLab is served at {} (Ctrl-C to stop)", site.url);
    if !behind.is_finished() {
        eprintln!("xtask: the WebGPU worker is built next; until it is, the page draws and trains on the processor, and it says when to reload");
    }
    site.wait();
    Ok(())
}

pub(crate) fn prepare_site() -> Result<()> {
    mnist::provide(&paths::data_dir(), &paths::cache_dir())?;
    bundle::build(None)
}

/// The parsers fuzzed at length: tests/parsers_fuzzed/ with many cases, its figures printed.
fn fuzz(args: &[String]) -> Result<()> {
    let cases = match args {
        [] => "20000".to_string(),
        [flag, n] if flag == "--cases" && n.parse::<u32>().is_ok_and(|n| n > 0) => n.clone(),
        _ => bail!("usage: cargo xtask fuzz [--cases N], N a whole number above 0"),
    };
    mnist::provide(&paths::data_dir(), &paths::cache_dir())?;
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["test", "--release", "--test", "parsers_fuzzed", "--", "--nocapture"])
        .current_dir(paths::repo_root())
        .env("CARGO_TARGET_DIR", paths::native_target_dir())
        .env("MNIST_DIR", paths::data_dir())
        .env("CONVLAB_FUZZ_CASES", &cases)
        .status()
        .context("running the fuzz targets")?;
    if !status.success() {
        bail!("a parser failed its fuzzing ({status}); the failing input is printed above");
    }
    Ok(())
}

/// README command 2. `--e2e-only` skips the native tests; `--browser chromium|firefox|webkit|all`
/// (default all) picks the engines; named files (`dist.test.mjs`) run only those
/// end-to-end tests.
fn test_all(args: &[String]) -> Result<()> {
    let mut e2e_only = false;
    let mut browser = None;
    let mut files = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--e2e-only" => e2e_only = true,
            "--browser" => browser = Some(rest.next().context("--browser needs a value: chromium, firefox or all")?.as_str()),
            flag if flag.starts_with("--") => bail!("unknown option {flag}"),
            file => files.push(file.to_string()),
        }
    }
    let engines = e2e::engines(browser)?;
    let root = paths::repo_root();
    let e2e_dir = root.join("tests").join("e2e");
    toolchain::ensure_wasm_target()?;
    // The browsers and the test driver install (network, apt and npm) while the tests compile.
    let browsers = {
        let (e2e_dir, engines) = (e2e_dir.clone(), engines.clone());
        std::thread::spawn(move || toolchain::ensure_browsers(&engines).and_then(|()| toolchain::ensure_e2e_packages(&e2e_dir)))
    };
    mnist::provide(&paths::data_dir(), &paths::cache_dir())?;

    // The wasm build has its own target directory, so it runs beside the native tests; its
    // output goes to a log to keep the test output readable.
    let log_path = paths::cache_dir().join("wasm-build.log");
    std::fs::create_dir_all(paths::cache_dir())?;
    std::fs::write(&log_path, "").with_context(|| format!("emptying {}", log_path.display()))?;
    let wasm_build = {
        let log_path = log_path.clone();
        std::thread::spawn(move || bundle::build(Some(&log_path)))
    };

    let native = if e2e_only {
        None
    } else {
        Some(
            Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .args(["test", "--release", "--workspace"])
                .current_dir(&root)
                .env("CARGO_TARGET_DIR", paths::native_target_dir())
                .env("MNIST_DIR", paths::data_dir())
                .status()
                .context("running cargo test")?,
        )
    };

    eprintln!("xtask: waiting for the wasm build (log: {})", log_path.display());
    wasm_build.join().expect("wasm build thread").context(format!("the wasm build failed; see {}", log_path.display()))?;
    browsers.join().expect("browser install thread").context("installing the browsers and the end-to-end test packages")?;

    let site = serve::Site::bind(paths::dist_dir(), "127.0.0.1", 0)?;
    let deployments = std::env::temp_dir().join(format!("convlab-e2e-dist-{}", std::process::id()));
    // Chromium runs in the foreground; the other engines beside it, one after the other, their
    // reports kept in a log printed when Chromium is done: a browser test mostly waits (Firefox's
    // files took 3 ½ min of CPU in 7 ½ min), and all three so took 13 min 19 s against some 17 one after the other.
    let (first, others) = engines.split_first().context("no engine")?;
    let failed = std::thread::scope(|scope| -> Result<Vec<&'static str>> {
        let side = scope.spawn(|| -> Result<Vec<(&'static str, bool, PathBuf)>> {
            let mut results = Vec::new();
            for &engine in others {
                let log = paths::cache_dir().join(format!("e2e-{}.log", engine.name()));
                let ok = run_engine(engine, &files, &e2e_dir, &site.url, &deployments, Some(&log))?;
                results.push((engine.name(), ok, log));
            }
            Ok(results)
        });
        let mut failed = Vec::new();
        if !run_engine(*first, &files, &e2e_dir, &site.url, &deployments, None)? {
            failed.push(first.name());
        }
        for (name, ok, log) in side.join().expect("the other engines' thread")? {
            eprintln!("xtask: the end-to-end tests in {name}, run beside {}:", first.name());
            eprintln!("{}", std::fs::read_to_string(&log).unwrap_or_default());
            if !ok {
                failed.push(name);
            }
        }
        Ok(failed)
    })?;
    drop(site);
    let _ = std::fs::remove_dir_all(&deployments);

    let native_ok = native.is_none_or(|status| status.success());
    if !native_ok || !failed.is_empty() {
        let native = native.map_or("skipped".to_string(), |status| status.to_string());
        let e2e = if failed.is_empty() { "passed".to_string() } else { format!("failed in {}", failed.join(" and ")) };
        bail!("tests failed (native: {native}, end-to-end: {e2e})");
    }
    Ok(())
}

/// Runs `engine`'s end-to-end files (of those `named`, or its default set) against the app at
/// `url` and its own two static deployments (A and B, same wasm, different build ids) under
/// `deployments/<engine>/`, served under a sub-path from `live`, a link the update test points at
/// one or the other. Ok(true) when all passed or none is this engine's.
fn run_engine(engine: toolchain::Browser, named: &[String], e2e_dir: &Path, url: &str, deployments: &Path, log: Option<&Path>) -> Result<bool> {
    let files = e2e::files_for(engine, named, e2e_dir)?;
    if files.is_empty() {
        return Ok(true); // none of the named files is written for this engine
    }
    let own = deployments.join(engine.name());
    bundle::phase(&format!("assembling two static sites for {}'s dist tests", engine.name()), || {
        for name in ["a", "b"] {
            dist::assemble(&own.join(name), Some(&format!("build {name}")))?;
        }
        let live = own.join("live");
        let _ = std::fs::remove_file(&live);
        std::os::unix::fs::symlink("a", &live).context("linking e2e-dist/live")
    })?;
    let dist_site = serve::Site::bind_under(own.join("live"), "127.0.0.1", 0, "/convlab/")?;
    let servers = e2e::Servers { url: url.to_string(), dist_url: dist_site.url.clone(), dist_dir: own };
    e2e::run(e2e_dir, engine, &files, &servers, log)
}
