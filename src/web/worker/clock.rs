//! The worker's clock: milliseconds from `performance.now()`, for the trainer's and the
//! fine-tuner's [`Clock`](crate::training::Clock) and for timing answers (`std::time::Instant`
//! panics on wasm).

use wasm_bindgen::JsCast;

/// Milliseconds from the worker's time origin.
pub(super) fn now_ms() -> f64 {
    js_sys::global()
        .unchecked_into::<web_sys::WorkerGlobalScope>()
        .performance()
        .map_or(0.0, |p| p.now())
}
