//! A small static file server for dist/. Loopback by default; no directory listings, no paths
//! outside the site.

use anyhow::{Result, anyhow};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use tiny_http::{Header, Request, Response, Server};

pub struct Site {
    server: Arc<Server>,
    pub url: String,
}

impl Site {
    /// Binds `host:port` (port 0 picks a free one) over the folder `root`.
    pub fn bind(root: PathBuf, host: &str, port: u16) -> Result<Site> {
        let server = Server::http((host, port)).map_err(|e| anyhow!("cannot listen on {host}:{port}: {e}"))?;
        let addr = server.server_addr().to_ip().ok_or_else(|| anyhow!("not an IP listener"))?;
        let server = Arc::new(server);
        // A few threads, so the page's parallel fetches (wasm, data files) are not queued.
        for _ in 0..4 {
            let (server, root) = (server.clone(), root.clone());
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    respond(&root, request);
                }
            });
        }
        Ok(Site { server, url: format!("http://{addr}/") })
    }

    /// Serves until the process ends.
    pub fn wait(self) {
        loop {
            std::thread::park();
        }
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn respond(root: &Path, request: Request) {
    let response = match resolve(root, request.url()) {
        Some(path) => match std::fs::File::open(&path) {
            Ok(file) => Response::from_file(file).with_header(header("Content-Type", content_type(&path))),
            Err(_) => not_found(),
        },
        None => not_found(),
    };
    // A development server: always revalidate, so a rebuild is picked up on reload.
    let _ = request.respond(response.with_header(header("Cache-Control", "no-cache")));
}

fn not_found() -> Response<std::fs::File> {
    // Response::from_file needs a File; an empty 404 uses the null device's.
    Response::from_file(std::fs::File::open("/dev/null").expect("/dev/null")).with_status_code(404)
}

/// Maps a URL path to a file under `root`, refusing anything that would leave it.
fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.to_path_buf();
    for component in Path::new(path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        // The MNIST files stay gzip on the wire and are decompressed by the worker: no
        // Content-Encoding, or the browser would decompress them first.
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_site() {
        let root = std::env::temp_dir();
        assert_eq!(resolve(&root, "/../etc/passwd"), None);
        assert_eq!(resolve(&root, "/a/../../x"), None);
    }
}
