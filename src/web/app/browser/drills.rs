//! Failure drills for the end-to-end tests. They come only from `window.convlabDrills`, an
//! object a test harness defines before the page loads (Playwright's init scripts): a shared
//! link or a typed address cannot set them, so a learner never meets them.

use crate::protocol::Drill;
use js_sys::Reflect;
use wasm_bindgen::JsValue;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Drills {
    /// Injected into every training run.
    pub run: Option<Drill>,
    /// Shorter stall timeout for downloads, so a stalled server is detected quickly.
    pub stall_seconds: Option<u32>,
    /// Shorter wait for the worker to start.
    pub start_seconds: Option<u32>,
    /// The threaded worker's pool size instead of all the cores (benchmarks: 1 thread vs all).
    pub cpu_threads: Option<u32>,
    /// The first this many compute threads the threaded worker starts never say a word, as a
    /// nested Worker whose script Firefox never runs.
    pub silent_threads: Option<u32>,
    /// The first this many threaded workers hang once their code runs, before any compute
    /// thread starts, as Firefox's now and then hang creating a nested Worker.
    pub hang_thread_starts: Option<u32>,
    /// Shorter wait for the compute threads to start.
    pub threads_seconds: Option<u32>,
    /// Every "one value, explained" request asks for a layer the model does not have, so the
    /// worker refuses it and the panel shows why.
    pub fail_cells: bool,
}

impl Drills {
    pub fn from_page() -> Self {
        let Some(drills) = web_sys::window().and_then(|w| Reflect::get(&w, &"convlabDrills".into()).ok()).filter(JsValue::is_object) else {
            return Self::default();
        };
        let number = |name: &str| Reflect::get(&drills, &name.into()).ok().and_then(|v| v.as_f64()).filter(|v| *v >= 0.0);
        let run = number("panicAfterBatches")
            .map(|n| Drill::PanicAfter(n as usize))
            .or_else(|| number("exhaustMemoryAfterBatches").map(|n| Drill::ExhaustMemoryAfter(n as usize)))
            .or_else(|| number("panicInComputeThreadAfterBatches").map(|n| Drill::PanicInComputeThreadAfter(n as usize)));
        Self {
            run,
            stall_seconds: number("stallSeconds").map(|n| n as u32),
            start_seconds: number("startSeconds").map(|n| n as u32),
            cpu_threads: number("cpuThreads").map(|n| n as u32).filter(|n| *n >= 1),
            silent_threads: number("silentThreads").map(|n| n as u32),
            hang_thread_starts: number("hangThreadStarts").map(|n| n as u32),
            threads_seconds: number("threadsSeconds").map(|n| n as u32),
            fail_cells: Reflect::get(&drills, &"failCells".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false),
        }
    }
}
