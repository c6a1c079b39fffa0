//! The end-to-end tests: node's test runner over tests/e2e/*.test.mjs in a real browser, once per
//! engine. Chromium runs every file; Firefox the files of a learner's path and of what browsers
//! differ in (threads, storage, offline, layout, accessibility); WebKit its own file, written for
//! its W3C WebDriver. All three by default; `--browser chromium|firefox|webkit|all`.

use crate::toolchain::{self, Browser as Engine};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The engines `--browser` names: one, or `all`, as when none is named.
pub fn engines(choice: Option<&str>) -> Result<Vec<Engine>> {
    Ok(match choice {
        None | Some("all") => vec![Engine::Chromium, Engine::Firefox, Engine::WebKit],
        Some("chromium") => vec![Engine::Chromium],
        Some("firefox") => vec![Engine::Firefox],
        Some("webkit") => vec![Engine::WebKit],
        Some(other) => bail!("--browser {other}: chromium, firefox, webkit or all"),
    })
}

/// What Firefox runs when no file is named. The files left to Chromium alone test the page's own
/// logic (builder, course, cells, class tools), which does not depend on the engine, inject
/// faults through Chromium's DevTools protocol, or need a WebGPU adapter (dev-build).
const FIREFOX_FILES: [&str; 10] = [
    "smoke.test.mjs",
    "drawing.test.mjs",
    "training.test.mjs",
    "threads.test.mjs",
    "keep.test.mjs",
    "my-digits.test.mjs",
    "fine-tune.test.mjs",
    "dist.test.mjs",
    "layout.test.mjs",
    "a11y.test.mjs",
];

/// What WebKit runs: one learner's path written for its W3C WebDriver (webdriver.mjs), as
/// Playwright drives only a WebKit of its own build. Only WebKit runs it.
const WEBKIT_FILES: [&str; 1] = ["webkit.test.mjs"];

/// The files `engine` runs: those named that it can run (WebKit's files and the others are
/// written for different drivers), or its default set.
pub fn files_for(engine: Engine, named: &[String], e2e: &Path) -> Result<Vec<String>> {
    if !named.is_empty() {
        let webkits = |file: &String| WEBKIT_FILES.contains(&file.as_str());
        return Ok(named.iter().filter(|file| webkits(file) == (engine == Engine::WebKit)).cloned().collect());
    }
    match engine {
        Engine::Chromium => Ok(every_test_file(e2e)?.into_iter().filter(|file| !WEBKIT_FILES.contains(&file.as_str())).collect()),
        Engine::Firefox => Ok(FIREFOX_FILES.iter().map(|f| f.to_string()).collect()),
        Engine::WebKit => Ok(WEBKIT_FILES.iter().map(|f| f.to_string()).collect()),
    }
}

/// Where the tests find the app: the development server, and the static site's deployments.
pub struct Servers {
    pub url: String,
    pub dist_url: String,
    pub dist_dir: PathBuf,
}

/// Runs `files` in `engine`, its report on stdout or in `log`; Ok(false) when a test failed.
/// Fails when none ran (all skipped?).
pub fn run(e2e: &Path, engine: Engine, files: &[String], servers: &Servers, log: Option<&Path>) -> Result<bool> {
    eprintln!("xtask: end-to-end tests in {} ({} files)", engine.name(), files.len());
    // The spec reporter for people, TAP into a file for the count of tests that ran.
    let tap_path = std::env::temp_dir().join(format!("convlab-e2e-{}-{}.tap", engine.name(), std::process::id()));
    // WebKitGTK's MiniBrowser needs a display: a virtual one, for as long as its tests run.
    let mut command = match engine {
        Engine::WebKit => {
            let mut xvfb = Command::new(toolchain::XVFB_RUN);
            xvfb.args(["--auto-servernum", "--server-args=-screen 0 1280x1024x24", "node"]);
            xvfb
        }
        _ => Command::new("node"),
    };
    if let Some(log) = log {
        // The report and everything the tests print, kept together for later.
        let file = std::fs::File::create(log).with_context(|| format!("creating {}", log.display()))?;
        command.stderr(file.try_clone()?).stdout(file);
    }
    let status = command
        // A hung browser test fails after 15 minutes instead of holding CI to its limit.
        .args(["--test", "--test-concurrency=1", "--test-timeout=900000"])
        .args(["--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap"])
        .arg(format!("--test-reporter-destination={}", tap_path.display()))
        // The test files by name: `node --test .` takes "." as a module on Node 22 and later.
        .args(files)
        .current_dir(e2e)
        .env("CONVLAB_URL", &servers.url)
        .env("CONVLAB_DIST_URL", &servers.dist_url)
        .env("CONVLAB_DIST_DIR", &servers.dist_dir)
        .env("CONVLAB_BROWSER", engine.name())
        .env("CHROMIUM", toolchain::CHROMIUM)
        .env("FIREFOX", toolchain::FIREFOX)
        .env("WEBKIT_DRIVER", toolchain::WEBKIT_DRIVER)
        .env("WEBKIT_BROWSER", toolchain::WEBKIT_BROWSER)
        .status()
        .context("running the end-to-end tests with node")?;
    let tap = std::fs::read_to_string(&tap_path).unwrap_or_default();
    let _ = std::fs::remove_file(&tap_path);
    match tests_run(&tap) {
        Some(0) => bail!("no end-to-end test ran in {} (all skipped?) in {}", engine.name(), files.join(" ")),
        None if status.success() => bail!("node's test runner gave no count of the tests it ran in {}", engine.name()),
        _ => Ok(status.success()),
    }
}

/// Every `*.test.mjs` file in tests/e2e, by name, sorted.
fn every_test_file(e2e: &Path) -> Result<Vec<String>> {
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
    use super::*;

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

    #[test]
    fn every_firefox_file_exists_and_the_choice_of_engines_is_checked() {
        let e2e = crate::paths::repo_root().join("tests").join("e2e");
        let all = every_test_file(&e2e).unwrap();
        for file in FIREFOX_FILES {
            assert!(all.iter().any(|f| f == file), "{file} is not in tests/e2e");
        }
        assert_eq!(engines(None).unwrap(), vec![Engine::Chromium, Engine::Firefox, Engine::WebKit]);
        assert_eq!(engines(Some("chromium")).unwrap(), vec![Engine::Chromium]);
        assert_eq!(engines(Some("all")).unwrap(), vec![Engine::Chromium, Engine::Firefox, Engine::WebKit]);
        assert_eq!(engines(Some("webkit")).unwrap(), vec![Engine::WebKit]);
        let chromium = files_for(Engine::Chromium, &[], &e2e).unwrap();
        assert!(!chromium.iter().any(|f| f == "webkit.test.mjs"), "the WebKit file is WebKit's alone");
        assert_eq!(files_for(Engine::WebKit, &[], &e2e).unwrap(), vec!["webkit.test.mjs"]);
        let named = vec!["threads.test.mjs".to_string(), "webkit.test.mjs".to_string()];
        assert_eq!(files_for(Engine::Firefox, &named, &e2e).unwrap(), vec!["threads.test.mjs"]);
        assert_eq!(files_for(Engine::WebKit, &named, &e2e).unwrap(), vec!["webkit.test.mjs"]);
        assert_eq!(engines(Some("firefox")).unwrap(), vec![Engine::Firefox]);
        assert!(engines(Some("safari")).is_err());
    }
}
