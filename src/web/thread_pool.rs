//! The threaded worker's rayon pool (feature `threads`). Each pool thread is a Web Worker
//! started from `www/worker-thread.js`: it instantiates this same wasm module on the same shared
//! memory and runs one rayon thread. burn's CPU backend and ConvLab's kernels then share their
//! work among those threads as they do natively.
//!
//! The design is wasm-bindgen-rayon's (nothing of it is copied): every thread has reported that
//! its module runs *before* the pool is built, because Chromium may not start a Worker while its
//! parent is blocked (the training worker blocks on rayon's latches), and no thread blocks before
//! every thread runs (Firefox may not start a Worker while a sibling is blocked); the threads receive
//! their rayon `ThreadBuilder` over a channel in shared memory, not by `postMessage`. It is
//! ConvLab's own because its threads must report a trap on the page's crash channel (so the
//! page replaces the worker instead of waiting for a thread that is gone) and its script must
//! be a file of the site: the library's no-bundler mode starts threads from `blob:` URLs, which
//! the site's Content-Security-Policy refuses.

use js_sys::{Array, Object, Promise, Reflect};
use rayon::{ThreadBuilder, ThreadPoolBuilder};
use std::cell::RefCell;
use std::sync::{Mutex, mpsc};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// Where the pool threads take their rayon threads from, one each.
type Handout = Mutex<mpsc::Receiver<ThreadBuilder>>;

thread_local! {
    /// The pool's Workers, kept referenced: a Worker object that is collected may take its
    /// thread with it in some browsers.
    static WORKERS: RefCell<Vec<Worker>> = const { RefCell::new(Vec::new()) };
}

/// Starts `threads` pool threads running `thread_script` (www/worker-thread.js, with its crash
/// channel in the query), each importing `module_script` (this module's wasm-bindgen JS), waits
/// until every one runs, then makes them rayon's global pool.
#[wasm_bindgen(js_name = startThreadPool)]
pub async fn start_thread_pool(threads: usize, thread_script: String, module_script: String) -> Result<(), JsValue> {
    let threads = threads.max(1);
    let (sender, receiver) = mpsc::sync_channel::<ThreadBuilder>(threads);
    // Leaked on purpose: the threads hold it for as long as the worker lives.
    let handout: &'static Handout = Box::leak(Box::new(Mutex::new(receiver)));
    let start = Object::new();
    Reflect::set(&start, &"module".into(), &wasm_bindgen::module())?;
    Reflect::set(&start, &"memory".into(), &wasm_bindgen::memory())?;
    Reflect::set(&start, &"script".into(), &module_script.into())?;
    Reflect::set(&start, &"handout".into(), &(handout as *const Handout as usize).into())?;

    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let ready = Array::new();
    for _ in 0..threads {
        let worker = Worker::new_with_options(&thread_script, &options)?;
        ready.push(&running(&worker));
        worker.post_message(&start)?;
        WORKERS.with(|workers| workers.borrow_mut().push(worker));
    }
    JsFuture::from(Promise::all(&ready)).await?;
    // Only now may the threads block on the handout: Firefox sometimes never starts a Worker
    // while a sibling is already blocked in a wait (2 starts in 6 hung so, with 2 threads). They
    // must be told before the pool is built, which waits until every thread has taken its part.
    WORKERS.with(|workers| workers.borrow().iter().try_for_each(|worker| worker.post_message(&JsValue::from_str("go"))))?;

    ThreadPoolBuilder::new()
        .num_threads(threads)
        // The handout holds one builder per thread, so a send cannot block.
        .spawn_handler(move |thread| sender.send(thread).map_err(|e| std::io::Error::other(e.to_string())))
        .build_global()
        .map_err(|e| JsValue::from_str(&format!("the thread pool could not be built: {e}")))
}

/// Resolves when `worker` says its module runs; rejects when it fails to load.
fn running(worker: &Worker) -> Promise {
    let worker = worker.clone();
    Promise::new(&mut move |resolve, reject| {
        let on_message = Closure::once_into_js(move |_: MessageEvent| resolve.call0(&JsValue::NULL));
        let on_error = Closure::once_into_js(move |event: JsValue| reject.call1(&JsValue::NULL, &event));
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        worker.set_onerror(Some(on_error.unchecked_ref()));
    })
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
