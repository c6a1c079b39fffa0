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

/// Builds dist/. With `log`, cargo's output goes to that file (and its tail is shown on failure).
pub fn build(log: Option<&Path>) -> Result<()> {
    toolchain::ensure_wasm_target()?;
    let root = paths::repo_root();
    toolchain::ensure_threads_toolchain()?;
    // One cargo run per binary: they are built with different features.
    for ((bin, features), what) in BINARIES.into_iter().zip(WHAT) {
        let mut cargo = if bin == THREADED { threaded_cargo() } else { Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())) };
        cargo
            .args(["build", "--profile", PROFILE, "--package", "convlab", "--target", toolchain::WASM_TARGET])
            .args(["--bin", bin])
            .args(features)
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", target_dir(bin));
        if bin == THREADED {
            cargo.args(["-Z", "build-std=panic_abort,std"]);
        }
        phase(&format!("building {what}, {bin}"), || run_logged(&mut cargo, log))?;
        if bin == THREADED {
            check_threads_can_wait(&built_wasm(bin))?;
        }
    }

    phase("wasm-bindgen and copying the site into dist/", || bindgen_and_copy(&root))
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

fn bindgen_and_copy(root: &Path) -> Result<()> {
    let dist = paths::dist_dir();
    let pkg = dist.join("pkg");
    std::fs::create_dir_all(&pkg)?;
    let keep_names = std::env::var_os("CONVLAB_WASM_NAMES").is_some_and(|v| v == "1");
    for (bin, _) in BINARIES {
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
            .map_err(|e| anyhow!("wasm-bindgen on {}: {e}", wasm.display()))?;
    }
    std::fs::copy(root.join("index.html"), dist.join("index.html")).context("copying index.html")?;
    copy_dir(&root.join("www"), &dist)?;
    Ok(())
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
