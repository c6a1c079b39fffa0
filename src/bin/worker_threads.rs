//! The threaded CPU worker's wasm entry point (feature `threads`). Nothing may use rayon before
//! its pool exists, so `www/worker-loader.js` starts the pool first (`startThreadPool`, in
//! web/thread_pool.rs) and only then registers the training worker (`startTrainingWorker`).

#[cfg(target_arch = "wasm32")]
mod entry {
    use convlab::web::{message_codec::MessageCodec, worker::TrainingWorker};
    use gloo_worker::Registrable;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(js_name = startTrainingWorker)]
    pub fn start_training_worker() {
        convlab::web::static_constructors::run_once();
        TrainingWorker::registrar().encoding::<MessageCodec>().register();
    }
}

// The pool's threads instantiate this module too; none of them, nor the worker, runs `main`'s
// work: the loader calls the exports above.
fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("convlab-worker-threads runs in the browser: use `cargo xtask run`.");
}
