//! Builds the static site in dist/: the page and the worker as wasm (release), turned into ES
//! modules by wasm-bindgen, beside index.html and the assets in www/.

use crate::{paths, toolchain};
use anyhow::{Context, Result, anyhow};
use std::path::Path;
use std::process::Command;
use std::time::Instant;
use wasm_bindgen_cli_support::Bindgen;

/// The three wasm binaries and their cargo features: the page (yew, no burn), the Web Worker
/// that trains on WebGPU or one CPU thread (burn, feature `webgpu`), and the CPU worker on wasm
/// threads (feature `threads`, built with the pinned nightly toolchain: see `threaded_cargo`).
pub const BINARIES: [(&str, &[&str]); 3] = [
    ("convlab-app", &["--no-default-features"]),
    ("convlab-worker", &["--features", "webgpu"]),
    ("convlab-worker-threads", &["--no-default-features", "--features", "threads"]),
];

/// The binary built with wasm threads.
const THREADED: &str = "convlab-worker-threads";

/// What each build is, for the progress lines.
const WHAT: [&str; 3] = ["the page's wasm", "the worker's wasm (burn: the long one)", "the threaded CPU worker's wasm (std rebuilt with atomics)"];

/// The cargo profile of the browser build (see Cargo.toml: LTO, one codegen unit).
const PROFILE: &str = "web";

/// The worker that can train on WebGPU: the longest build by far (burn's WebGPU stack).
const WEBGPU_WORKER: &str = "convlab-worker";

/// Builds dist/ whole. With `log`, cargo's output goes to that file (and its tail is shown on
/// failure).
pub fn build(log: Option<&Path>) -> Result<()> {
    toolchain::ensure_wasm_target()?;
    toolchain::ensure_threads_toolchain()?;
    for (bin, _) in BINARIES {
        build_one(bin, log)?;
    }
    phase("wasm-bindgen and copying the site into dist/", || {
        for (bin, _) in BINARIES {
            bindgen(bin)?;
        }
        copy_site()?;
        say_webgpu_worker("ready")
    })
}

/// Builds what the page needs to draw and train (the page, the threaded CPU worker) into dist/
/// and returns; the worker that can use WebGPU is then built on a thread of its own, which says
/// how far it is on stderr, and the page (told by dist/building.json) trains on the CPU until
/// it is done. `cargo xtask run` serves in between, so a newcomer starts minutes sooner.
pub fn build_serving_first() -> Result<std::thread::JoinHandle<()>> {
    toolchain::ensure_wasm_target()?;
    // The nightly toolchain downloads while the page compiles.
    let nightly = std::thread::spawn(toolchain::ensure_threads_toolchain);
    build_one("convlab-app", None)?;
    nightly.join().map_err(|_| anyhow!("installing the nightly toolchain panicked"))??;
    build_one(THREADED, None)?;
    phase("wasm-bindgen and copying the site into dist/", || {
        bindgen("convlab-app")?;
        bindgen(THREADED)?;
        copy_site()?;
        say_webgpu_worker("building")
    })?;
    Ok(std::thread::spawn(build_webgpu_worker_behind))
}

/// The WebGPU worker's build behind the running server: cargo's output in a log, a progress line
/// every 30 s, and building.json set to "ready" or "failed" at the end.
fn build_webgpu_worker_behind() {
    let log = paths::cache_dir().join("webgpu-worker-build.log");
    let result = std::fs::create_dir_all(paths::cache_dir())
        .and_then(|()| std::fs::write(&log, ""))
        .context("emptying the build log")
        .and_then(|()| {
            let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let progress = {
                let (done, log) = (done.clone(), log.clone());
                std::thread::spawn(move || report_progress(&log, &done))
            };
            let built = build_one(WEBGPU_WORKER, Some(&log)).and_then(|()| bindgen(WEBGPU_WORKER));
            done.store(true, std::sync::atomic::Ordering::Relaxed);
            let _ = progress.join();
            built
        });
    match result {
        Ok(()) => {
            let _ = say_webgpu_worker("ready");
            eprintln!("xtask: the WebGPU worker is built: reload the page to train on a graphics card where there is one");
        }
        Err(error) => {
            let _ = say_webgpu_worker("failed");
            eprintln!("xtask: the WebGPU worker could not be built ({error:#}); the page goes on training on the processor. Log: {}", log.display());
        }
    }
}

/// Every 30 s until `done`: how long the WebGPU worker has been building and how many crates
/// cargo has compiled (a fresh build compiles 265, then links for about 3 minutes).
fn report_progress(log: &Path, done: &std::sync::atomic::AtomicBool) {
    let start = Instant::now();
    let mut last = Instant::now();
    while !done.load(std::sync::atomic::Ordering::Relaxed) {
        std::thread::sleep(std::time::Duration::from_millis(200));
        if last.elapsed().as_secs() < 30 {
            continue;
        }
        last = Instant::now();
        let compiled = std::fs::read_to_string(log).map(|text| text.lines().filter(|l| l.trim_start().starts_with("Compiling ")).count()).unwrap_or(0);
        let seconds = start.elapsed().as_secs();
        eprintln!(
            "xtask: still building the WebGPU worker ({}m{:02}s, {compiled} crates compiled so far); the page works meanwhile, training on the processor",
            seconds / 60,
            seconds % 60
        );
    }
}

/// dist/building.json: how far the WebGPU worker's build is, for the page (www/app-loader.js).
fn say_webgpu_worker(state: &str) -> Result<()> {
    let path = paths::dist_dir().join("building.json");
    std::fs::write(&path, format!("{{\"webgpu_worker\": \"{state}\"}}\n")).with_context(|| format!("writing {}", path.display()))
}

/// One wasm binary with its features (each its own cargo run: the features differ).
fn build_one(bin: &str, log: Option<&Path>) -> Result<()> {
    let index = BINARIES.iter().position(|(name, _)| *name == bin).with_context(|| format!("no wasm binary {bin}"))?;
    let (features, what) = (BINARIES[index].1, WHAT[index]);
    let mut cargo = if bin == THREADED { threaded_cargo() } else { Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())) };
    cargo
        .args(["build", "--profile", PROFILE, "--package", "convlab", "--target", toolchain::WASM_TARGET])
        .args(["--bin", bin])
        .args(features)
        .current_dir(paths::repo_root())
        .env("CARGO_TARGET_DIR", target_dir(bin));
    if bin == THREADED {
        cargo.args(["-Z", "build-std=panic_abort,std"]);
    }
    phase(&format!("building {what}, {bin}"), || run_logged(&mut cargo, log))?;
    if bin == THREADED {
        check_threads_can_wait(&built_wasm(bin))?;
    }
    Ok(())
}

/// The threaded worker is built apart: another toolchain, another std, other flags.
fn target_dir(bin: &str) -> std::path::PathBuf {
    let dir = paths::wasm_target_dir();
    if bin == THREADED { dir.with_file_name(format!("{}-threads", dir.file_name().unwrap_or_default().to_string_lossy())) } else { dir }
}

/// cargo for the threaded worker. Wasm threads need the standard library compiled with atomics,
/// which only a nightly toolchain can do (`-Z build-std`); it is pinned (toolchain.rs) so every
/// machine builds the same. The flags replace .cargo/config.toml's for this build: the same
/// getrandom backend and SIMD, plus atomics and bulk memory, linked as a shared memory with
/// wasm32's whole 4 GB as its maximum, the limit training/memory.rs assumes.
fn threaded_cargo() -> Command {
    let mut cargo = Command::new("rustup");
    cargo.args(["run", toolchain::THREADS_TOOLCHAIN, "cargo"]);
    // `rustup run` picks cargo and rustc; the stable ones the outer cargo named must not leak in.
    for leaked in ["CARGO", "RUSTC", "RUSTDOC", "RUSTUP_TOOLCHAIN", "RUSTFLAGS"] {
        cargo.env_remove(leaked);
    }
    let flags = [
        "--cfg",
        "getrandom_backend=\"wasm_js\"",
        "-C",
        "target-feature=+simd128,+atomics,+bulk-memory,+mutable-globals",
        "-C",
        "link-arg=--max-memory=4294967296",
        // A memory the threads share: imported, so each thread's instance gets the same one,
        // and the thread-local storage symbols wasm-bindgen's thread start-up needs.
        "-C",
        "link-arg=--shared-memory",
        "-C",
        "link-arg=--import-memory",
        "-C",
        "link-arg=--export=__wasm_init_tls",
        "-C",
        "link-arg=--export=__tls_size",
        "-C",
        "link-arg=--export=__tls_align",
        "-C",
        "link-arg=--export=__tls_base",
    ];
    cargo.env("CARGO_ENCODED_RUSTFLAGS", flags.join("\u{1f}"));
    cargo
}

/// Runs one phase of a long build between two lines on stderr, the second with its duration, so
/// a quiet cargo (output in a log) is never taken for a hung one.
pub fn phase<T>(what: &str, work: impl FnOnce() -> Result<T>) -> Result<T> {
    eprintln!("xtask: {what}…");
    let start = Instant::now();
    let result = work();
    let seconds = start.elapsed().as_secs();
    let took = if seconds >= 60 { format!("{}m{:02}s", seconds / 60, seconds % 60) } else { format!("{seconds}s") };
    eprintln!("xtask: {what}: {} in {took}", if result.is_ok() { "done" } else { "failed" });
    result
}

/// Where cargo leaves `bin`'s wasm.
fn built_wasm(bin: &str) -> std::path::PathBuf {
    target_dir(bin).join(toolchain::WASM_TARGET).join(PROFILE).join(format!("{bin}.wasm"))
}

/// parking_lot's stand-in for wasm without atomics panics with this the first time a thread has
/// to wait for a lock (burn's autodiff graphs are behind such locks, and the threaded worker's
/// threads do meet on them). It is only linked in when parking_lot_core is built without wasm's
/// atomic wait, so its text in the threaded worker is a build that would hang mid-training.
const PARKING_PANIC: &[u8] = b"Parking not supported on this platform";

fn check_threads_can_wait(wasm: &Path) -> Result<()> {
    let bytes = std::fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    if bytes.windows(PARKING_PANIC.len()).any(|window| window == PARKING_PANIC) {
        return Err(anyhow!(
            "{} cannot put a thread to sleep on a lock (it contains parking_lot's \"Parking not supported\" \
             panic): parking_lot_core's `nightly` feature must be on in the `threads` build (Cargo.toml)",
            wasm.display()
        ));
    }
    Ok(())
}

/// `bin`'s wasm through wasm-bindgen into dist/pkg/.
fn bindgen(bin: &str) -> Result<()> {
    let pkg = paths::dist_dir().join("pkg");
    std::fs::create_dir_all(&pkg)?;
    let keep_names = std::env::var_os("CONVLAB_WASM_NAMES").is_some_and(|v| v == "1");
    let wasm = built_wasm(bin);
    Bindgen::new()
        .input_path(&wasm)
        .web(true)
        .map_err(|e| anyhow!("{e}"))?
        .typescript(false)
        // The CLI's default: `init()` finds the .wasm beside its JS module.
        .omit_default_module_path(false)
        .remove_producers_section(true)
        // Function names are 3.5 MB of the worker's wasm (0.7 MB gzipped); profiles need
        // them, so CONVLAB_WASM_NAMES=1 keeps them.
        .remove_name_section(!keep_names)
        .generate(&pkg)
        .map_err(|e| anyhow!("wasm-bindgen on {}: {e}", wasm.display()))
}

/// index.html and www/ into dist/.
fn copy_site() -> Result<()> {
    let (root, dist) = (paths::repo_root(), paths::dist_dir());
    std::fs::copy(root.join("index.html"), dist.join("index.html")).context("copying index.html")?;
    copy_dir(&root.join("www"), &dist)
}

/// Runs `cargo`; with `log`, appends its output there and shows the tail on failure.
fn run_logged(cargo: &mut Command, log: Option<&Path>) -> Result<()> {
    let Some(log) = log else { return toolchain::run(cargo) };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .with_context(|| format!("opening {}", log.display()))?;
    cargo.stdout(file.try_clone()?).stderr(file);
    toolchain::run(cargo).inspect_err(|_| {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(40).collect();
        eprintln!("{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_threaded_build_that_cannot_wait_on_a_lock_is_refused() {
        let dir = std::env::temp_dir().join(format!("convlab-parking-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (good, bad) = (dir.join("good.wasm"), dir.join("bad.wasm"));
        std::fs::write(&good, b"\0asm other panics: Parking is fine").unwrap();
        std::fs::write(&bad, [b"\0asm ...".as_slice(), PARKING_PANIC, b"..."].concat()).unwrap();
        assert!(check_threads_can_wait(&good).is_ok());
        assert!(check_threads_can_wait(&bad).unwrap_err().to_string().contains("nightly"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
