//! Runs the wasm module's static constructors exactly once.
//!
//! cubecl (burn's WebGPU compiler) registers its IR pieces with `inventory`, i.e. with static
//! constructors. When nothing in a module calls `__wasm_call_ctors` itself, wasm-ld treats the
//! binary as a "command" and wraps *every* export so that it runs all constructors first: every
//! event handler, promise callback and message from JS then paid milliseconds before doing its
//! work (a profile of drawing strokes showed most of the page's time in `__wasm_call_ctors`).
//! One explicit call, first thing in `main`, turns that wrapping off.

#[cfg(target_arch = "wasm32")]
unsafe extern "C" {
    /// Synthesised by wasm-ld: calls every constructor of the module in order.
    fn __wasm_call_ctors();
}

/// Call at the very start of `main`, before anything reads a constructor-filled registry.
pub fn run_once() {
    // SAFETY: wasm-ld always defines this symbol; `main` runs once per instance, so the
    // constructors run once, as on any other platform.
    #[cfg(target_arch = "wasm32")]
    unsafe {
        __wasm_call_ctors()
    };
}
