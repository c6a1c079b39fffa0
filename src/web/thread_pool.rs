//! The threaded worker's rayon pool (feature `threads`). Each pool thread is a Web Worker
//! started from `www/worker-thread.js`: it instantiates this same wasm module on the same shared
//! memory and runs one rayon thread. burn's CPU backend and ConvLab's kernels then share their
//! work among those threads as they do natively.
//!
//! The design is wasm-bindgen-rayon's (nothing of it is copied): every thread has reported that
//! its module runs *before* the pool is built, because Chromium may not start a Worker while its
//! parent is blocked (the training worker blocks on rayon's latches), and no thread blocks before
//! every thread runs (Firefox may not start a Worker while a sibling is blocked); the threads receive
//! their rayon `ThreadBuilder` over a channel in shared memory, not by `postMessage`. The threads
//! are started by `www/worker-loader.js` in plain JavaScript, one after another, and one whose
//! script never runs is replaced; a pool that still cannot start is reported, and the page falls
//! back to the one-core worker. It is ConvLab's own because its threads must report a trap on
//! the page's crash channel (so the page replaces the worker instead of waiting for a thread that
//! is gone) and its script must be a file of the site: the library's no-bundler mode starts
//! threads from `blob:` URLs, which the site's Content-Security-Policy refuses.

use js_sys::{Object, Reflect};
use rayon::{ThreadBuilder, ThreadPoolBuilder};
use std::sync::{Mutex, mpsc};
use wasm_bindgen::prelude::*;

/// Where the pool threads take their rayon threads from, one each.
type Handout = Mutex<mpsc::Receiver<ThreadBuilder>>;

/// The handout's sending end, from `threadPoolStart` until `buildThreadPool` sends the builders.
static SENDER: Mutex<Option<mpsc::SyncSender<ThreadBuilder>>> = Mutex::new(None);

/// The message each pool thread starts from (www/worker-thread.js): this module, its shared
/// memory, `module_script` (this module's wasm-bindgen JS) and the address of the handout where
/// the `threads` threads will find their rayon threads.
#[wasm_bindgen(js_name = threadPoolStart)]
pub fn thread_pool_start(threads: usize, module_script: String) -> Result<Object, JsValue> {
    let (sender, receiver) = mpsc::sync_channel::<ThreadBuilder>(threads.max(1));
    *SENDER.lock().expect_throw("the pool's sender lock") = Some(sender);
    // Leaked on purpose: the threads hold it for as long as the worker lives.
    let handout: &'static Handout = Box::leak(Box::new(Mutex::new(receiver)));
    let start = Object::new();
    Reflect::set(&start, &"module".into(), &wasm_bindgen::module())?;
    Reflect::set(&start, &"memory".into(), &wasm_bindgen::memory())?;
    Reflect::set(&start, &"script".into(), &module_script.into())?;
    Reflect::set(&start, &"handout".into(), &(handout as *const Handout as usize).into())?;
    Ok(start)
}

/// Makes the `threads` running pool threads rayon's global pool. Called once every thread runs
/// and has been told it may block: building waits until each has taken its rayon thread.
#[wasm_bindgen(js_name = buildThreadPool)]
pub fn build_thread_pool(threads: usize) -> Result<(), JsValue> {
    let sender = SENDER.lock().expect_throw("the pool's sender lock").take().ok_or_else(|| JsValue::from_str("threadPoolStart was not called"))?;
    ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        // The handout holds one builder per thread, so a send cannot block.
        .spawn_handler(move |thread| sender.send(thread).map_err(|e| std::io::Error::other(e.to_string())))
        .build_global()
        .map_err(|e| JsValue::from_str(&format!("the thread pool could not be built: {e}")))
}

/// Runs in a pool thread once its module runs: takes one rayon thread and runs it for good.
#[wasm_bindgen(js_name = runPoolThread)]
pub fn run_pool_thread(handout: usize) {
    // SAFETY: `handout` is the address of the leaked `Handout` above, in the memory this thread
    // shares with the worker that started it; it is never freed.
    let handout = unsafe { &*(handout as *const Handout) };
    let thread = handout.lock().expect_throw("the pool's handout lock").recv();
    thread.expect_throw("the pool was built without this thread").run();
}
