//! How the development server bounds its clients in time, and whom it closes to make room.
//!
//! A per-read timeout alone lets a client that sends one byte of its request every few seconds
//! hold a connection for ever, and 64 such clients (or 64 idle keep-alive connections) lock
//! everyone else out with 503. So a request head must arrive whole within `head_time` of its
//! first byte, a keep-alive connection waits `idle_time` at most for its next request, and when
//! every slot is taken a new client gets the slot of an idle connection, or else of the one
//! whose head has been arriving longest (past `slow_head`): a browser sends its head at once.

use std::collections::HashMap;
use std::io::{ErrorKind, Read};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Connections served at once; beyond them, one that is waiting is closed, or 503.
    pub connections: usize,
    /// The longest a whole request head may take to arrive, from its first byte.
    pub head_time: Duration,
    /// The longest a keep-alive connection waits for its next request.
    pub idle_time: Duration,
    /// A head still arriving after this long may be closed to make room for a new client.
    pub slow_head: Duration,
    /// A write (a download the client does not read) that makes no progress for this long ends
    /// the connection.
    pub write_stall: Duration,
}

impl Limits {
    /// What `cargo xtask run` uses.
    pub const SERVE: Limits = Limits {
        connections: 64,
        head_time: Duration::from_secs(10),
        idle_time: Duration::from_secs(5),
        slow_head: Duration::from_secs(1),
        write_stall: Duration::from_secs(20),
    };
}

/// A socket read with a deadline for the whole of what is read, not for each read.
pub struct DeadlineStream {
    pub stream: TcpStream,
    pub deadline: Instant,
}

impl Read for DeadlineStream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

/// Whether an error means the deadline passed (a socket timeout reads as WouldBlock on Unix).
pub fn timed_out(error: &std::io::Error) -> bool {
    matches!(error.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock)
}

/// What a connection is doing while it could be closed to make room.
enum Waiting {
    /// Between requests on a keep-alive connection (or before the first).
    Idle,
    /// Reading a request head that began at this instant.
    Head(Instant),
}

/// The connections that could be closed to make room, by connection number.
#[derive(Clone, Default)]
pub struct Room {
    waiting: Arc<Mutex<HashMap<u64, (Arc<TcpStream>, Waiting)>>>,
    next: Arc<AtomicU64>,
}

impl Room {
    /// A connection's ticket: its number, and its socket for closing it from another thread.
    pub fn ticket(&self, stream: &TcpStream) -> Option<Ticket> {
        let stream = Arc::new(stream.try_clone().ok()?);
        Some(Ticket { room: self.clone(), id: self.next.fetch_add(1, Ordering::Relaxed), stream })
    }

    /// Closes an idle connection, or else the one whose head has been arriving longest, if it
    /// has taken `slow_head` or more. False when every connection is busy answering.
    pub fn make_room(&self, slow_head: Duration) -> bool {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let idle = waiting.iter().find(|(_, (_, w))| matches!(w, Waiting::Idle)).map(|(id, _)| *id);
        let slow = || {
            waiting
                .iter()
                .filter_map(|(id, (_, w))| match w {
                    Waiting::Head(since) if now.duration_since(*since) >= slow_head => Some((*since, *id)),
                    _ => None,
                })
                .min()
                .map(|(_, id)| id)
        };
        let Some(id) = idle.or_else(slow) else { return false };
        if let Some((stream, _)) = waiting.remove(&id) {
            // Its thread's blocked read returns at once, and the thread gives its slot back.
            let _ = stream.shutdown(Shutdown::Both);
        }
        true
    }
}

/// One connection's place in the room.
pub struct Ticket {
    room: Room,
    id: u64,
    /// A handle on the connection's socket, shared with the room while it may be closed.
    stream: Arc<TcpStream>,
}

impl Ticket {
    fn set(&self, state: Option<Waiting>) {
        let mut waiting = self.room.waiting.lock().unwrap_or_else(|e| e.into_inner());
        match state {
            Some(state) => waiting.insert(self.id, (self.stream.clone(), state)),
            None => waiting.remove(&self.id),
        };
    }

    /// Waiting for a request: may be closed to make room.
    pub fn idle(&self) {
        self.set(Some(Waiting::Idle));
    }

    /// A head began to arrive: may be closed to make room once it is slow.
    pub fn head_started(&self, at: Instant) {
        self.set(Some(Waiting::Head(at)));
    }

    /// Answering: not to be closed.
    pub fn busy(&self) {
        self.set(None);
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.busy();
    }
}

/// Waits a moment for a slot that a closed connection gives back.
pub fn wait_for<T>(mut take: impl FnMut() -> Option<T>) -> Option<T> {
    let until = Instant::now() + Duration::from_secs(1);
    loop {
        if let Some(taken) = take() {
            return Some(taken);
        }
        if Instant::now() >= until {
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}
