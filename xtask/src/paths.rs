//! Where things live: the repository, the built site, and the caches kept outside the clone.

use std::path::PathBuf;

/// The repository root (xtask's manifest sits one level below it). Read at run time from what
/// `cargo run` sets: the binary lives in a target directory shared by every clone on the machine
/// (CI's clean clone included), so a path baked in at compile time may name another clone.
pub fn repo_root() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .parent()
        .expect("xtask lives inside the repository")
        .to_path_buf()
}

/// The static site the server serves: index.html, www/, the wasm package and the data.
pub fn dist_dir() -> PathBuf {
    repo_root().join("dist")
}

/// MNIST as the page fetches it.
pub fn data_dir() -> PathBuf {
    dist_dir().join("data")
}

/// Build caches live outside the clone so that a fresh clone on the same machine (as in CI)
/// builds incrementally.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CONVLAB_CACHE") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    home.join(".cache").join("convlab")
}

/// Native builds (tests, benchmarks) use the target directory cargo built xtask itself in, so
/// `cargo xtask …`, `cargo test` and `cargo run` share one: `$CARGO_TARGET_DIR` when it is set
/// (CI sets it outside the clone, so a fresh clone builds incrementally), otherwise the clone's
/// `target/`. Found from the running binary, `<target>/release/xtask`.
pub fn native_target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.to_path_buf()))
        .unwrap_or_else(|| repo_root().join("target"))
}

/// The wasm build has its own target directory so it can run beside a native build: cargo locks
/// a target directory for the whole of a build. Its name records the target features it is
/// built with (see .cargo/config.toml); `CONVLAB_WASM_TARGET_DIR` overrides it.
pub fn wasm_target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CONVLAB_WASM_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    cache_dir().join("wasm-simd")
}
