//! The Web Worker's wasm entry point: registers the training worker with gloo-worker.

#[cfg(target_arch = "wasm32")]
fn main() {
    use convlab::web::{message_codec::MessageCodec, worker::TrainingWorker};
    use gloo_worker::Registrable;
    convlab::web::static_constructors::run_once();
    TrainingWorker::registrar().encoding::<MessageCodec>().register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("convlab-worker runs in the browser: use `cargo xtask run`.");
}
