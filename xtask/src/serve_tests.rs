//! The server through plain TCP: methods, HEAD, 404, headers, oversized heads, keep-alive,
//! clients that never read their downloads, trickle their heads or sit idle.

use super::*;
use std::time::Instant;

const INDEX: &str = "<!doctype html><p>ConvLab test page</p>";
/// Larger than what the kernel buffers for a client that does not read (a few MB on loopback),
/// so such a client really blocks the write that serves it.
const BIG: u64 = 48 << 20;
/// The server's limits, with times short enough for tests (and far apart enough for a busy
/// machine to tell them apart).
const LIMITS: Limits = Limits {
    connections: 12,
    head_time: Duration::from_secs(2),
    idle_time: Duration::from_secs(4),
    slow_head: Duration::from_millis(200),
    write_stall: Duration::from_secs(20),
};

/// A site over a fresh folder with index.html and big.bin (sparse, BIG bytes of zeros); the
/// folder goes when the test's site does.
struct TestSite {
    _site: Site,
    root: PathBuf,
}

impl Drop for TestSite {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn site(name: &str) -> (TestSite, SocketAddr) {
    let root = std::env::temp_dir().join(format!("convlab-serve-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("index.html"), INDEX).unwrap();
    File::create(root.join("big.bin")).unwrap().set_len(BIG).unwrap();
    let site = Site::bind_with(root.clone(), "127.0.0.1", 0, "/", LIMITS).unwrap();
    let addr = site.url.trim_start_matches("http://").trim_end_matches('/').parse().unwrap();
    (TestSite { _site: site, root }, addr)
}

struct Response {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream
}

/// Sends `raw` and reads everything until the server closes.
fn exchange(addr: SocketAddr, raw: &[u8]) -> Response {
    try_exchange(addr, raw).unwrap()
}

fn try_exchange(addr: SocketAddr, raw: &[u8]) -> std::io::Result<Response> {
    let mut stream = connect(addr);
    stream.write_all(raw)?;
    try_read_response(&mut stream)
}

fn read_response(stream: &mut TcpStream) -> Response {
    try_read_response(stream).unwrap()
}

fn try_read_response(stream: &mut TcpStream) -> std::io::Result<Response> {
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes)?;
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response head");
    let head = String::from_utf8(bytes[..end].to_vec()).unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Ok(Response { status, head, body: bytes[end + 4..].to_vec() })
}

fn request(method: &str, path: &str) -> Vec<u8> {
    format!("{method} {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").into_bytes()
}

fn assert_security_headers(response: &Response) {
    for (name, value) in SECURITY_HEADERS {
        assert_eq!(response.header(name), Some(value), "{name} in\n{}", response.head);
    }
    assert_eq!(response.header("Cache-Control"), Some("no-cache"));
}

#[test]
fn paths_cannot_leave_the_site() {
    let root = std::env::temp_dir();
    assert_eq!(resolve(&root, "/../etc/passwd"), None);
    assert_eq!(resolve(&root, "/a/../../x"), None);
}

#[test]
fn get_serves_a_file_with_the_security_headers() {
    let (_site, addr) = site("get");
    for path in ["/", "/index.html", "/index.html?v=1"] {
        let response = exchange(addr, &request("GET", path));
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.body, INDEX.as_bytes());
        assert_eq!(response.header("Content-Type"), Some("text/html; charset=utf-8"));
        assert_security_headers(&response);
    }
}

#[test]
fn head_answers_like_get_without_a_body() {
    let (_site, addr) = site("head");
    let response = exchange(addr, &request("HEAD", "/big.bin"));
    assert_eq!(response.status, 200);
    assert_eq!(response.header("Content-Length"), Some(BIG.to_string().as_str()));
    assert!(response.body.is_empty(), "{} body bytes", response.body.len());
    assert_security_headers(&response);
}

#[test]
fn other_methods_get_405_with_allow() {
    let (_site, addr) = site("methods");
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        for path in ["/", "/index.html", "/missing"] {
            let raw = format!("{method} {path} HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello");
            let response = exchange(addr, raw.as_bytes());
            assert_eq!(response.status, 405, "{method} {path}");
            assert_eq!(response.header("Allow"), Some("GET, HEAD"));
            assert!(response.body.is_empty());
            assert_security_headers(&response);
        }
    }
}

#[test]
fn unknown_paths_and_escapes_are_404() {
    let (_site, addr) = site("missing");
    for path in ["/missing.js", "/pkg/", "/../etc/passwd", "/%2e%2e/etc/passwd"] {
        let response = exchange(addr, &request("GET", path));
        assert_eq!(response.status, 404, "{path}");
        assert_security_headers(&response);
    }
}

#[test]
fn an_oversized_head_gets_431_without_waiting_for_its_end() {
    let (_site, addr) = site("oversized");
    // One huge header line, never finished, the connection left open: the answer comes
    // once the limit is reached, not when the client stops sending.
    let mut stream = connect(addr);
    let started = Instant::now();
    stream.write_all(b"GET / HTTP/1.1\r\nX-Big: ").unwrap();
    stream.write_all(&vec![b'a'; 64 * 1024]).unwrap();
    assert_eq!(read_response(&mut stream).status, 431);
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());

    // Many small header lines.
    let mut raw = String::from("GET / HTTP/1.1\r\n");
    for i in 0..500 {
        raw.push_str(&format!("X-{i}: 1\r\n"));
    }
    raw.push_str("\r\n");
    assert_eq!(exchange(addr, raw.as_bytes()).status, 431);

    // A malformed request line is 400, and the server still answers afterwards.
    assert_eq!(exchange(addr, b"NONSENSE\r\n\r\n").status, 400);
    assert_eq!(exchange(addr, &request("GET", "/")).status, 200);
}

#[test]
fn keep_alive_answers_pipelined_requests_in_order() {
    let (_site, addr) = site("keep-alive");
    let mut raw = b"GET /index.html HTTP/1.1\r\nHost: test\r\n\r\n".to_vec();
    raw.extend(request("HEAD", "/big.bin"));
    let response = exchange(addr, &raw);
    assert_eq!(response.status, 200);
    assert_eq!(response.header("Connection"), Some("keep-alive"));
    let rest = String::from_utf8(response.body).unwrap();
    assert!(rest.starts_with(INDEX), "{rest}");
    assert!(rest[INDEX.len()..].starts_with("HTTP/1.1 200 OK\r\n"), "{rest}");
    assert!(rest.contains(&format!("Content-Length: {BIG}\r\n")), "{rest}");
}

#[test]
fn clients_that_never_read_do_not_starve_the_others() {
    let (_site, addr) = site("slow-readers");
    // Each asks for a file larger than the socket buffers and never reads a byte.
    let stalled = stalled_downloads(addr, 8);
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let response = exchange(addr, &request("GET", "/"));
    assert_eq!(response.status, 200);
    assert_eq!(response.body, INDEX.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(2), "a normal request took {:?}", started.elapsed());
    drop(stalled);
}

/// Opens `n` connections that each ask for big.bin and never read it: busy answering.
fn stalled_downloads(addr: SocketAddr, n: usize) -> Vec<TcpStream> {
    (0..n)
        .map(|_| {
            let mut stream = connect(addr);
            stream.write_all(&request("GET", "/big.bin")).unwrap();
            stream
        })
        .collect()
}

#[test]
fn connections_beyond_the_limit_get_503_when_all_are_busy_and_the_slots_come_back() {
    let (_site, addr) = site("limit");
    let held = stalled_downloads(addr, LIMITS.connections);
    std::thread::sleep(Duration::from_millis(300));
    // Every connection is busy answering: none can make room.
    let mut extra = connect(addr);
    assert_eq!(read_response(&mut extra).status, 503);
    drop(held);
    // The held connections' threads end when they see the close; then requests are served.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        // A refused request can also see its 503 lost to a reset: try again.
        let status = try_exchange(addr, &request("GET", "/")).map(|r| r.status);
        if let Ok(200) = status {
            break;
        }
        assert!(matches!(status, Ok(503) | Err(_)) && Instant::now() < deadline, "{status:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Sends `raw` one byte every `every` from a thread of its own, until done or refused.
fn trickle(mut stream: TcpStream, raw: &'static [u8], every: Duration) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        for byte in raw {
            if stream.write_all(&[*byte]).is_err() {
                return;
            }
            std::thread::sleep(every);
        }
    })
}

#[test]
fn a_head_that_trickles_in_is_cut_off_at_the_head_time() {
    let (_site, addr) = site("trickle");
    let stream = connect(addr);
    let started = Instant::now();
    // A byte every 300 ms never trips a per-read timeout; the whole head would take 12 s.
    let sender = trickle(stream.try_clone().unwrap(), b"GET / HTTP/1.1\r\nHost: test\r\n\r\n", Duration::from_millis(300));
    let mut stream = stream;
    assert_eq!(read_response(&mut stream).status, 408);
    let took = started.elapsed();
    assert!(took >= LIMITS.head_time - Duration::from_millis(350) && took < LIMITS.head_time + Duration::from_secs(2), "{took:?}");
    sender.join().unwrap();
}

#[test]
fn clients_trickling_their_heads_make_room_for_a_new_one() {
    let (_site, addr) = site("tricklers");
    // More than the server has slots, each sending a byte now and then.
    let senders: Vec<_> = (0..LIMITS.connections + 4)
        .map(|_| trickle(connect(addr), b"GET / HTTP/1.1\r\nX-Slow: 1\r\n", Duration::from_millis(150)))
        .collect();
    std::thread::sleep(LIMITS.slow_head + Duration::from_millis(300));
    let started = Instant::now();
    let response = exchange(addr, &request("GET", "/"));
    assert_eq!(response.status, 200);
    assert_eq!(response.body, INDEX.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(1), "a normal request took {:?}", started.elapsed());
    for sender in senders {
        sender.join().unwrap();
    }
}

/// Reads one keep-alive response (its Content-Length tells where it ends).
fn read_kept_response(stream: &mut TcpStream) -> Response {
    let mut bytes = Vec::new();
    let mut byte = [0u8];
    while !bytes.ends_with(b"\r\n\r\n") {
        assert_eq!(stream.read(&mut byte).unwrap(), 1, "the head ended early: {:?}", String::from_utf8_lossy(&bytes));
        bytes.push(byte[0]);
    }
    let head = String::from_utf8(bytes[..bytes.len() - 4].to_vec()).unwrap();
    let mut response = Response { status: head.split(' ').nth(1).unwrap().parse().unwrap(), head, body: Vec::new() };
    let length: usize = response.header("Content-Length").unwrap().parse().unwrap();
    response.body = vec![0; length];
    stream.read_exact(&mut response.body).unwrap();
    response
}

/// A connection that has had one answer and stays open for the next request.
fn idle_keep_alive(addr: SocketAddr) -> TcpStream {
    let mut stream = connect(addr);
    stream.write_all(b"GET / HTTP/1.1\r\nHost: test\r\n\r\n").unwrap();
    let response = read_kept_response(&mut stream);
    assert_eq!((response.status, response.header("Connection")), (200, Some("keep-alive")));
    stream
}

#[test]
fn idle_keep_alive_connections_make_room_for_a_new_client() {
    let (_site, addr) = site("idle");
    let idle: Vec<TcpStream> = (0..LIMITS.connections).map(|_| idle_keep_alive(addr)).collect();
    let started = Instant::now();
    let response = exchange(addr, &request("GET", "/"));
    assert_eq!(response.status, 200);
    // Well before the idle connections would time out on their own.
    assert!(started.elapsed() < LIMITS.idle_time / 2, "a normal request took {:?}", started.elapsed());
    drop(idle);
}

#[test]
fn an_idle_keep_alive_connection_is_closed_after_the_idle_time() {
    let (_site, addr) = site("idle-time");
    let mut stream = idle_keep_alive(addr);
    let started = Instant::now();
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty());
    let took = started.elapsed();
    assert!(took >= LIMITS.idle_time - Duration::from_millis(200) && took < LIMITS.idle_time + Duration::from_secs(2), "{took:?}");
}

#[test]
fn hosting_docs_list_the_headers_the_server_sends() {
    let hosting = include_str!("../../docs/hosting.md");
    for (name, value) in SECURITY_HEADERS {
        assert!(
            hosting.lines().any(|line| line == format!("{name}: {value}")),
            "docs/hosting.md \"The headers\" should list `{name}: {value}` on a line of its own"
        );
    }
}

#[test]
fn a_site_under_a_path_serves_only_there_and_redirects_its_bare_name() {
    let (test_site, _) = site("mount");
    let mounted = Site::bind_under(test_site.root.clone(), "127.0.0.1", 0, "/convlab/").unwrap();
    assert!(mounted.url.ends_with("/convlab/"), "{}", mounted.url);
    let addr = mounted.url.trim_start_matches("http://").trim_end_matches("/convlab/").parse().unwrap();
    for path in ["/convlab/", "/convlab/index.html", "/convlab/?x=1"] {
        let response = exchange(addr, &request("GET", path));
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.body, INDEX.as_bytes());
    }
    for path in ["/", "/index.html", "/convlabx/index.html", "/convlab/../index.html"] {
        assert_eq!(exchange(addr, &request("GET", path)).status, 404, "{path}");
    }
    let redirect = exchange(addr, &request("GET", "/convlab"));
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location"), Some("/convlab/"));
    assert_security_headers(&redirect);
}
