//! The page's clock: milliseconds from `performance.now()`, for latencies shown to the learner.

/// Milliseconds since the page started; 0 where the browser has no `performance`.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}
