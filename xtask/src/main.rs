//! ConvLab's build helper, run as `cargo xtask <command>` (alias in .cargo/config.toml).
//!
//! - `run [--host H] [--port P]`: install what is missing, provide MNIST, build, serve.
//! - `test`: every test — native `cargo test`, then end-to-end tests in headless Chromium.
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
mod mnist;
mod paths;
mod serve;
mod toolchain;

use anyhow::{Context, Result, bail};
use std::process::Command;

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
    prepare_site()?;
    let site = serve::Site::bind(paths::dist_dir(), &host, port)?;
    println!("ConvLab is served at {} (Ctrl-C to stop)", site.url);
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

/// README command 2. `--e2e-only` skips the native tests; named files (`dist.test.mjs`) run
/// only those end-to-end tests.
fn test_all(args: &[String]) -> Result<()> {
    let e2e_only = args.iter().any(|a| a == "--e2e-only");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let root = paths::repo_root();
    let e2e = root.join("tests").join("e2e");
    toolchain::ensure_wasm_target()?;
    toolchain::ensure_chromium()?;
    toolchain::ensure_e2e_packages(&e2e)?;
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

    let site = serve::Site::bind(paths::dist_dir(), "127.0.0.1", 0)?;
    // The static site too, from the same wasm, as two deployments (A and B) served under a
    // sub-path from `live`, a link the update test points at one or the other.
    let deployments = std::env::temp_dir().join(format!("convlab-e2e-dist-{}", std::process::id()));
    bundle::phase("assembling two static sites for the dist tests", || {
        for name in ["a", "b"] {
            dist::assemble(&deployments.join(name), Some(&format!("build {name}")))?;
        }
        let live = deployments.join("live");
        let _ = std::fs::remove_file(&live);
        std::os::unix::fs::symlink("a", &live).context("linking e2e-dist/live")
    })?;
    let dist_site = serve::Site::bind_under(deployments.join("live"), "127.0.0.1", 0, "/convlab/")?;
    // The test files by name: `node --test .` takes "." as a module on Node 22 and later.
    let files: Vec<String> = if files.is_empty() { e2e_test_files(&e2e)? } else { files.iter().map(|f| f.to_string()).collect() };
    // The spec reporter for people, TAP into a file for the count of tests that ran.
    let tap_path = std::env::temp_dir().join(format!("convlab-e2e-{}.tap", std::process::id()));
    let e2e_status = Command::new("node")
        // A hung browser test fails after 15 minutes instead of holding CI to its limit.
        .args(["--test", "--test-concurrency=1", "--test-timeout=900000"])
        .args(["--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap"])
        .arg(format!("--test-reporter-destination={}", tap_path.display()))
        .args(&files)
        .current_dir(&e2e)
        .env("CONVLAB_URL", &site.url)
        .env("CONVLAB_DIST_URL", &dist_site.url)
        .env("CONVLAB_DIST_DIR", &deployments)
        .env("CHROMIUM", toolchain::CHROMIUM)
        .status()
        .context("running the end-to-end tests with node")?;
    drop(site);
    drop(dist_site);
    let _ = std::fs::remove_dir_all(&deployments);

    let tap = std::fs::read_to_string(&tap_path).unwrap_or_default();
    let _ = std::fs::remove_file(&tap_path);
    let ran = tests_run(&tap);

    let native_ok = native.is_none_or(|status| status.success());
    if !native_ok || !e2e_status.success() {
        let native = native.map_or("skipped".to_string(), |status| status.to_string());
        bail!("tests failed (native: {native}, end-to-end: {e2e_status})");
    }
    match ran {
        Some(0) => bail!("no end-to-end test ran (all skipped?) in {}", files.join(" ")),
        None => bail!("node's test runner gave no count of the tests it ran"),
        Some(_) => Ok(()),
    }
}

/// Every `*.test.mjs` file in tests/e2e, by name, sorted.
fn e2e_test_files(e2e: &std::path::Path) -> Result<Vec<String>> {
    let mut files: Vec<String> = std::fs::read_dir(e2e)
        .with_context(|| format!("reading {}", e2e.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".test.mjs"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no *.test.mjs file in {}", e2e.display());
    }
    Ok(files)
}

/// How many tests ran (neither skipped nor todo), from the closing lines of node's TAP report
/// (`# tests 12`, `# skipped 1`, `# todo 0`); None when there are none.
fn tests_run(tap: &str) -> Option<u64> {
    let count = |name: &str| {
        tap.lines().rev().find_map(|line| line.strip_prefix("# ")?.strip_prefix(name)?.strip_prefix(' ')?.trim().parse::<u64>().ok())
    };
    Some(count("tests")?.saturating_sub(count("skipped").unwrap_or(0) + count("todo").unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::tests_run;

    #[test]
    fn the_count_of_tests_run_comes_from_the_tap_summary() {
        let tap = "TAP version 13\n# Subtest: a\nok 1 - a\n1..3\n# tests 3\n# suites 0\n# pass 2\n# fail 0\n# cancelled 0\n# skipped 1\n# todo 0\n# duration_ms 5\n";
        assert_eq!(tests_run(tap), Some(2));
        let none = "TAP version 13\n1..0\n# tests 0\n# suites 0\n# pass 0\n# fail 0\n# cancelled 0\n# skipped 0\n# todo 0\n";
        assert_eq!(tests_run(none), Some(0));
        let skipped = "1..1\n# tests 1\n# pass 0\n# skipped 1\n# todo 0\n";
        assert_eq!(tests_run(skipped), Some(0));
        assert_eq!(tests_run(""), None);
    }
}
