//! A small static file server for dist/: GET and HEAD only, loopback by default, no directory
//! listings, no paths outside the site.
//!
//! Written on `std::net` rather than tiny_http: tiny_http 0.12 reads a request's header lines
//! into memory with no size or count limit and never times a socket out, so a client could grow
//! the server's memory or hold a thread forever, and its responses were written by a fixed set
//! of request threads that a few clients not reading their downloads blocked for everyone.
//!
//! Here every connection gets its own thread, at most `Limits::connections` at once, so a
//! client that stops reading holds only its own thread, and every socket is bounded in time
//! (serve_limits.rs: a whole head, an idle keep-alive, a stalled write), so that thread comes
//! back; when all are taken, a waiting connection makes room for a new one (503 only when every
//! connection is busy answering). A request head is read with a byte limit and a line limit (431
//! beyond them). Threads instead of an event loop: a development server sees a handful of
//! connections, and blocking code with timeouts stays short and dependency-free.

#[path = "serve_limits.rs"]
mod limits;

use anyhow::{Context, Result};
pub use limits::Limits;
use limits::{DeadlineStream, Room, Ticket, timed_out, wait_for};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The page's Content-Security-Policy: scripts, workers, fetches and styles from the site only.
/// `'wasm-unsafe-eval'` lets the page compile its WebAssembly; the training worker starts from
/// the site's own `worker-loader.js`, so `worker-src 'self'` is enough; `style-src 'unsafe-inline'` because yew sets `style` attributes;
/// `img-src data: blob:` for the canvas images. docs/hosting.md lists it.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     worker-src 'self'; connect-src 'self'; img-src 'self' data: blob:; \
     style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; \
     frame-ancestors 'none'; form-action 'none'";

/// Sent with every response; a production host must send the same (docs/hosting.md, "The headers").
pub const SECURITY_HEADERS: [(&str, &str); 6] = [
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    // With COOP same-origin, makes the page cross-origin isolated: the threaded CPU worker needs
    // the shared memory browsers give only such pages. Every file is the site's own (and marked
    // same-origin above), so nothing the page loads is refused.
    ("Cross-Origin-Embedder-Policy", "require-corp"),
];

/// Largest request head (request line and headers) in bytes, and most header lines.
const MAX_HEAD_BYTES: u64 = 16 * 1024;
const MAX_HEADER_LINES: usize = 100;
/// How long the server goes on reading after its final answer (see `linger`).
const LINGER: Duration = Duration::from_secs(2);

pub struct Site {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    pub url: String,
}

impl Site {
    /// Binds `host:port` (port 0 picks a free one) over the folder `root`.
    pub fn bind(root: PathBuf, host: &str, port: u16) -> Result<Site> {
        Site::bind_under(root, host, port, "/")
    }

    /// Like `bind`, with the site under the path `mount` (such as "/convlab/", as on a host
    /// that serves many sites): anything outside it is 404, and the mount without its final
    /// slash is redirected to it, as static hosts do, so the page's relative URLs resolve.
    pub fn bind_under(root: PathBuf, host: &str, port: u16, mount: &str) -> Result<Site> {
        Site::bind_with(root, host, port, mount, Limits::SERVE)
    }

    /// Like `bind_under`, with the given limits (the tests' are shorter).
    pub fn bind_with(root: PathBuf, host: &str, port: u16, mount: &str, limits: Limits) -> Result<Site> {
        let mount: &'static str = Box::leak(format!("/{}/", mount.trim_matches('/')).replace("//", "/").into_boxed_str());
        let listener = TcpListener::bind((host, port)).with_context(|| format!("cannot listen on {host}:{port}"))?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let root = Arc::new(root);
        let accepting = stop.clone();
        std::thread::spawn(move || {
            let active = Arc::new(AtomicUsize::new(0));
            let room = Room::default();
            for stream in listener.incoming() {
                if accepting.load(Ordering::Relaxed) {
                    break;
                }
                // Failed accepts (a reset connection, out of descriptors) drop only that client.
                let Ok(stream) = stream else { continue };
                let take = || Slot::take(&active, limits.connections);
                let slot = take().or_else(|| if room.make_room(limits.slow_head) { wait_for(take) } else { None });
                let (Some(slot), Some(ticket)) = (slot, room.ticket(&stream)) else {
                    refuse(stream);
                    continue;
                };
                let root = root.clone();
                // A thread that cannot start drops the connection (and frees the slot).
                let _ = std::thread::Builder::new().spawn(move || {
                    let _slot = slot;
                    serve_connection(&root, mount, stream, &ticket, limits);
                });
            }
        });
        Ok(Site { addr, stop, url: format!("http://{addr}{mount}") })
    }

    /// Serves until the process ends.
    pub fn wait(self) {
        loop {
            std::thread::park();
        }
    }
}

impl Drop for Site {
    /// Stops accepting: connections already open finish on their own (or time out).
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wake the accept loop with a connection of our own.
        let mut addr = self.addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(if addr.is_ipv4() { Ipv4Addr::LOCALHOST.into() } else { Ipv6Addr::LOCALHOST.into() });
        }
        let _ = TcpStream::connect_timeout(&addr, Duration::from_secs(1));
    }
}

/// One of the `Limits::connections` connection slots, given back when dropped.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(active: &Arc<AtomicUsize>, most: usize) -> Option<Slot> {
        let taken = active.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n < most).then_some(n + 1));
        taken.ok().map(|_| Slot(active.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Answers 503 on the accept thread: a short write into a fresh socket's buffer never blocks.
fn refuse(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
    let _ = write_head(&mut stream, &Reply::empty(503, "Service Unavailable"), false);
}

/// Answers the requests of one connection (several with keep-alive) until it closes, errs or
/// times out.
fn serve_connection(root: &Path, mount: &'static str, stream: TcpStream, ticket: &Ticket, limits: Limits) {
    if stream.set_write_timeout(Some(limits.write_stall)).is_err() {
        return;
    }
    let _ = stream.set_nodelay(true);
    let Ok(read_half) = stream.try_clone() else { return };
    let mut reader = BufReader::new(DeadlineStream { stream: read_half, deadline: Instant::now() });
    let mut writer = BufWriter::new(stream);
    loop {
        let request = match read_head(&mut reader, ticket, limits) {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err(reply) => {
                // We do not know where the next request would start: answer and close.
                let _ = write_head(&mut writer, &reply, false).and_then(|()| writer.flush());
                return linger(writer, reader);
            }
        };
        // A site whose folder is gone (the dist tests point its link nowhere) is a host that does
        // not answer: the connection, even one kept alive from before, closes unanswered, which
        // a browser takes for being offline.
        if !root.exists() {
            return;
        }
        let reply = answer(root, mount, &request);
        // A GET or HEAD with a body, or any other method, is answered and the connection closed,
        // so its body is never parsed.
        let keep_alive = request.keep_alive && !request.has_body && reply.status != 405;
        let written = write_head(&mut writer, &reply, keep_alive).and_then(|()| match (&reply.file, request.method.as_str()) {
            (Some(file), "GET") => match std::io::copy(&mut file.take(reply.length), &mut writer)? {
                // A file cut short while being sent (a rebuild): the promised length cannot be
                // kept, so close rather than let the client take the next response for the rest.
                sent if sent < reply.length => Err(std::io::ErrorKind::UnexpectedEof.into()),
                _ => Ok(()),
            },
            _ => Ok(()),
        });
        if written.and_then(|()| writer.flush()).is_err() {
            return;
        }
        if !keep_alive {
            return linger(writer, reader);
        }
    }
}

/// Closes after a final response without a reset: stop sending, then read (and drop) what the
/// client still sends for a moment, so the response is not lost to a close with unread data.
fn linger(writer: BufWriter<TcpStream>, mut reader: BufReader<DeadlineStream>) {
    let Ok(stream) = writer.into_inner() else { return };
    let _ = stream.shutdown(std::net::Shutdown::Write);
    reader.get_mut().deadline = Instant::now() + LINGER;
    let _ = std::io::copy(&mut reader.take(1 << 20), &mut std::io::sink());
}

/// What the server needs from a request head.
struct Request {
    method: String,
    target: String,
    keep_alive: bool,
    has_body: bool,
}

/// Reads one request head. `Ok(None)`: the client closed, went quiet between requests, or was
/// closed to make room. `Err`: the reply to send before closing (400, 408, 431, 505).
fn read_head(reader: &mut BufReader<DeadlineStream>, ticket: &Ticket, limits: Limits) -> Result<Option<Request>, Reply> {
    // Between requests: wait for the first byte of the next, closable to make room.
    ticket.idle();
    reader.get_mut().deadline = Instant::now() + limits.idle_time;
    if !matches!(reader.fill_buf(), Ok(bytes) if !bytes.is_empty()) {
        return Ok(None);
    }
    let started = Instant::now();
    ticket.head_started(started);
    reader.get_mut().deadline = started + limits.head_time;
    let head = read_head_lines(reader);
    ticket.busy();
    head
}

fn read_head_lines(reader: &mut BufReader<DeadlineStream>) -> Result<Option<Request>, Reply> {
    let mut limited = Read::take(&mut *reader, MAX_HEAD_BYTES);
    let mut lines: Vec<String> = Vec::new();
    loop {
        let mut line = Vec::new();
        match limited.read_until(b'\n', &mut line) {
            Ok(_) if line.ends_with(b"\n") => {}
            Ok(_) if limited.limit() == 0 => return Err(Reply::empty(431, "Request Header Fields Too Large")),
            // Begun but not finished in time (a client sending a byte now and then).
            Err(error) if timed_out(&error) => return Err(Reply::empty(408, "Request Timeout")),
            // Closed or reset mid-request: nothing to answer.
            _ => return Ok(None),
        }
        let Ok(text) = String::from_utf8(line) else { return Err(Reply::bad_request()) };
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            // Empty lines before a request line are allowed (RFC 9112 2.2); after it, the end.
            if lines.is_empty() {
                continue;
            }
            return parse_head(&lines).map(Some);
        }
        if lines.len() > MAX_HEADER_LINES {
            return Err(Reply::empty(431, "Request Header Fields Too Large"));
        }
        lines.push(text.to_owned());
    }
}

fn parse_head(lines: &[String]) -> Result<Request, Reply> {
    let mut parts = lines[0].split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(Reply::bad_request());
    };
    let keep_alive_by_default = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ if version.starts_with("HTTP/") => return Err(Reply::empty(505, "HTTP Version Not Supported")),
        _ => return Err(Reply::bad_request()),
    };
    let mut request = Request { method: method.to_owned(), target: target.to_owned(), keep_alive: keep_alive_by_default, has_body: false };
    for line in &lines[1..] {
        let Some((name, value)) = line.split_once(':') else { return Err(Reply::bad_request()) };
        let value = value.trim().to_ascii_lowercase();
        match name.to_ascii_lowercase().as_str() {
            "connection" if value.contains("close") => request.keep_alive = false,
            "connection" if value.contains("keep-alive") => request.keep_alive = true,
            "content-length" => request.has_body |= value != "0",
            "transfer-encoding" => request.has_body = true,
            _ => {}
        }
    }
    Ok(request)
}

/// A response: status, its own headers and, for a file, the file and its length.
struct Reply {
    status: u16,
    reason: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    file: Option<File>,
    length: u64,
}

impl Reply {
    fn empty(status: u16, reason: &'static str) -> Reply {
        Reply { status, reason, headers: Vec::new(), file: None, length: 0 }
    }

    fn bad_request() -> Reply {
        Reply::empty(400, "Bad Request")
    }
}

fn answer(root: &Path, mount: &'static str, request: &Request) -> Reply {
    if request.method != "GET" && request.method != "HEAD" {
        let mut reply = Reply::empty(405, "Method Not Allowed");
        reply.headers.push(("Allow", "GET, HEAD"));
        return reply;
    }
    let path = request.target.split(['?', '#']).next().unwrap_or("/");
    if mount != "/" && path == mount.trim_end_matches('/') {
        let mut reply = Reply::empty(301, "Moved Permanently");
        reply.headers.push(("Location", mount));
        return reply;
    }
    let Some(inside) = request.target.strip_prefix(mount) else { return Reply::empty(404, "Not Found") };
    let file = resolve(root, inside).and_then(|path| {
        let file = File::open(&path).ok()?;
        let length = file.metadata().ok()?.len();
        Some((file, length, content_type(&path)))
    });
    match file {
        Some((file, length, content_type)) => Reply {
            status: 200,
            reason: "OK",
            headers: vec![("Content-Type", content_type)],
            file: Some(file),
            length,
        },
        None => Reply::empty(404, "Not Found"),
    }
}

/// Writes the status line and headers: the reply's own, the security headers, and the ones
/// every response carries. A HEAD reply is the same head with no body after it.
fn write_head(out: &mut impl Write, reply: &Reply, keep_alive: bool) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reply.reason);
    let connection = if keep_alive { "keep-alive" } else { "close" };
    let length = reply.length.to_string();
    // A development server: always revalidate, so a rebuild is picked up on reload.
    let common = [("Content-Length", length.as_str()), ("Cache-Control", "no-cache"), ("Connection", connection)];
    for (name, value) in reply.headers.iter().chain(&SECURITY_HEADERS).chain(&common) {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())
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
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        // The MNIST files stay gzip on the wire and are decompressed by the worker: no
        // Content-Encoding, or the browser would decompress them first.
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
#[path = "serve_tests.rs"]
mod tests;
