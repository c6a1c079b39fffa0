//! `cargo xtask dist`: the site as a folder for any static host, from the build in dist/.
//!
//! The wasm and its wasm-bindgen JS carry a content hash in their names (`pkg/convlab-app.
//! 3f9a1c2e04.js`, `pkg/convlab-app_bg.77d0a1b2c3.wasm`), so a host may cache them for a year;
//! the files that name them (index.html, the two loaders, the service worker) keep their names
//! and are revalidated on every load. The copies of the loaders and the service worker are
//! rewritten here: the loaders import the hashed JS, the JS fetches its hashed wasm, and the
//! service worker gets this build's id and exact file list. `_headers` gives Netlify and
//! Cloudflare Pages the security headers and the caching of each path.

use crate::{bundle, paths, serve};
use anyhow::{Context, Result, bail};
use convlab::data::{LIGHT_FILES, LIGHT_FOLDER, MNIST_FILES};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Where `cargo xtask dist` writes the site unless told otherwise (ignored by git).
pub const DEFAULT_OUT: &str = "dist-site";

/// The files of a finished site, as paths relative to its root.
pub struct Built {
    pub id: String,
    pub files: Vec<String>,
}

/// Writes the site into `out` from the wasm-bindgen output and data in dist/ and the sources in
/// index.html and www/. `marker` (tests only) is added to the page's and the worker's JS, so two
/// sites from one wasm build differ as two deployments would.
pub fn assemble(out: &Path, marker: Option<&str>) -> Result<Built> {
    let root = paths::repo_root();
    let dist = paths::dist_dir();
    clear(out)?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();

    // The wasm and its JS, renamed after their content; the JS names the renamed wasm.
    let mut hashed = std::collections::BTreeMap::new();
    for (bin, _) in bundle::BINARIES {
        let wasm = read(&dist.join("pkg").join(format!("{bin}_bg.wasm")))?;
        let wasm_name = format!("{bin}_bg.{}.wasm", short_hash(&wasm));
        let mut js = String::from_utf8(read(&dist.join("pkg").join(format!("{bin}.js")))?)?;
        js = replace_once(&js, &format!("'{bin}_bg.wasm'"), &format!("'{wasm_name}'"), &format!("pkg/{bin}.js"))?;
        if let Some(marker) = marker {
            js.push_str(&format!("\n// deployment marker: {marker}\n"));
        }
        let js_name = format!("{bin}.{}.js", short_hash(js.as_bytes()));
        hashed.insert(bin, js_name.clone());
        files.push((format!("pkg/{wasm_name}"), wasm));
        files.push((format!("pkg/{js_name}"), js.into_bytes()));
    }

    files.push(("index.html".into(), read(&root.join("index.html"))?));
    collect(&root.join("www"), "", &mut files)?;
    for file in MNIST_FILES {
        files.push((format!("data/{}", file.name), read(&paths::data_dir().join(file.name))?));
    }
    for file in LIGHT_FILES {
        files.push((format!("data/{LIGHT_FOLDER}{}", file.name), read(&paths::data_dir().join(LIGHT_FOLDER).join(file.name))?));
    }

    // The build's id: every file's name and content, so any change makes a new one.
    let mut digest = Sha256::new();
    for (name, bytes) in files.iter().filter(|(name, _)| !is_rewritten(name)) {
        digest.update(name.as_bytes());
        digest.update((bytes.len() as u64).to_le_bytes());
        digest.update(bytes);
    }
    digest.update(marker.unwrap_or_default().as_bytes());
    let id = hex(&digest.finalize())[..16].to_string();

    // What the service worker stores: all but MNIST (the worker keeps that in its own cache)
    // and the files a browser fetches past it (itself, the host's headers, the build summary).
    let precache: Vec<String> = std::iter::once("./".to_string())
        .chain(files.iter().map(|(name, _)| name.clone()).filter(|name| {
            !name.starts_with("data/") && !matches!(name.as_str(), "sw.js" | "_headers" | "build.json")
        }))
        .collect();

    for (name, bytes) in &mut files {
        let what = format!("www/{name}");
        let rewritten = match name.as_str() {
            "app-loader.js" => {
                let text = replace_once(&String::from_utf8(bytes.clone())?, "\"./pkg/convlab-app.js\"", &format!("\"./pkg/{}\"", hashed["convlab-app"]), &what)?;
                replace_once(&text, "const BUILD = \"dev\";", &format!("const BUILD = \"{id}\";"), &what)?
            }
            "worker-loader.js" => {
                let text = String::from_utf8(bytes.clone())?;
                let text = replace_once(&text, "\"./pkg/convlab-worker.js\"", &format!("\"./pkg/{}\"", hashed["convlab-worker"]), &what)?;
                replace_once(&text, "\"./pkg/convlab-worker-threads.js\"", &format!("\"./pkg/{}\"", hashed["convlab-worker-threads"]), &what)?
            }
            "sw.js" => {
                let text = replace_once(&String::from_utf8(bytes.clone())?, "const BUILD = \"dev\";", &format!("const BUILD = \"{id}\";"), &what)?;
                replace_once(&text, "const PRECACHE = [];", &format!("const PRECACHE = {};", serde_json::to_string(&precache)?), &what)?
            }
            _ => continue,
        };
        *bytes = rewritten.into_bytes();
    }

    let names: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
    files.push(("_headers".into(), headers(&names).into_bytes()));
    let summary = serde_json::json!({ "build": id, "files": names, "precache": precache });
    files.push(("build.json".into(), serde_json::to_vec_pretty(&summary)?));

    for (name, bytes) in &files {
        let path = out.join(name);
        std::fs::create_dir_all(path.parent().expect("a file in the site"))?;
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(Built { id, files: files.into_iter().map(|(name, _)| name).collect() })
}

/// `cargo xtask dist [--out DIR] [--marker TEXT]`: builds dist/ as `cargo xtask build` does,
/// then the static site.
pub fn run(args: &[String]) -> Result<()> {
    let mut out = paths::repo_root().join(DEFAULT_OUT);
    let mut marker = None;
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--out" => out = PathBuf::from(value),
            "--marker" => marker = Some(value.clone()),
            _ => bail!("unknown option {flag} (dist takes --out DIR)"),
        }
    }
    crate::prepare_site()?;
    let built = bundle::phase(&format!("assembling the static site in {}", out.display()), || assemble(&out, marker.as_deref()))?;
    println!("ConvLab build {} is in {} ({} files): put the folder on any static host.", built.id, out.display(), built.files.len());
    Ok(())
}

/// The `_headers` file (Netlify, Cloudflare Pages): the security headers on every path, and
/// Cache-Control by path, each path given once so no host has to merge two values.
pub fn headers(files: &[String]) -> String {
    let mut text = String::from("# Written by `cargo xtask dist`; the headers are SECURITY_HEADERS in xtask/src/serve.rs.\n/*\n");
    for (name, value) in serve::SECURITY_HEADERS {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    text.push_str("\n# Content-hashed: a changed file gets a new name.\n/pkg/*\n  Cache-Control: public, max-age=31536000, immutable\n");
    text.push_str("\n# Everything else keeps its name: revalidated on every load.\n/\n  Cache-Control: no-cache\n");
    let mut folders = std::collections::BTreeSet::new();
    for name in files.iter().filter(|name| !name.starts_with("pkg/")) {
        match name.split_once('/') {
            Some((folder, _)) => {
                folders.insert(folder.to_string());
            }
            None => text.push_str(&format!("/{name}\n  Cache-Control: no-cache\n")),
        }
    }
    text.push_str("/build.json\n  Cache-Control: no-cache\n");
    for folder in folders {
        text.push_str(&format!("/{folder}/*\n  Cache-Control: no-cache\n"));
    }
    text
}

/// Files whose copies are rewritten with the id: left out of the id itself.
fn is_rewritten(name: &str) -> bool {
    matches!(name, "app-loader.js" | "sw.js")
}

/// Empties `out`, refusing a folder that is not empty and not an earlier site (no build.json).
fn clear(out: &Path) -> Result<()> {
    if out.exists() {
        let empty = std::fs::read_dir(out)?.next().is_none();
        if !empty && !out.join("build.json").is_file() {
            bail!("{} is not empty and holds no earlier ConvLab site (build.json): choose another --out", out.display());
        }
        std::fs::remove_dir_all(out).with_context(|| format!("emptying {}", out.display()))?;
    }
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))
}

/// Every file under `dir`, named by its path below it with `/`.
fn collect(dir: &Path, prefix: &str, files: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type()?.is_dir() {
            collect(&entry.path(), &format!("{name}/"), files)?;
        } else {
            files.push((name, read(&entry.path())?));
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading {} (run `cargo xtask build` first?)", path.display()))
}

/// Replaces the one occurrence of `from`; anything else means the source changed under us.
fn replace_once(text: &str, from: &str, to: &str, what: &str) -> Result<String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => bail!("{what}: expected `{from}` once, found it {n} times; update xtask/src/dist.rs"),
    }
}

fn short_hash(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))[..10].to_string()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_cache_hashed_files_for_a_year_and_revalidate_the_rest() {
        let files: Vec<String> = ["index.html", "app-loader.js", "sw.js", "pkg/convlab-app.0123456789.js", "model/tutorial.bin", "data/x.gz"]
            .map(String::from)
            .to_vec();
        let text = headers(&files);
        assert!(text.contains("/*\n  Content-Security-Policy: "), "{text}");
        for (name, value) in serve::SECURITY_HEADERS {
            assert!(text.contains(&format!("  {name}: {value}\n")), "{name} in {text}");
        }
        assert!(text.contains("/pkg/*\n  Cache-Control: public, max-age=31536000, immutable\n"), "{text}");
        for path in ["/", "/index.html", "/app-loader.js", "/sw.js", "/model/*", "/data/*", "/build.json"] {
            assert!(text.contains(&format!("{path}\n  Cache-Control: no-cache\n")), "{path} in {text}");
        }
        // No path is given two Cache-Control values.
        assert_eq!(text.matches("Cache-Control").count(), 8, "{text}");
    }

    #[test]
    fn a_rewrite_that_no_longer_matches_fails_loudly() {
        assert_eq!(replace_once("import a from './x.js'", "'./x.js'", "'./x.1.js'", "t").unwrap(), "import a from './x.1.js'");
        assert!(replace_once("nothing here", "'./x.js'", "y", "t").unwrap_err().to_string().contains("found it 0 times"));
    }
}
