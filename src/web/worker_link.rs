//! How the page names the training worker. gloo-worker types a bridge by the `Worker` it talks
//! to, but the page's wasm is built without burn, so it cannot contain the real worker
//! (`web::worker::TrainingWorker`, in the worker's wasm). This type carries only what a bridge
//! needs, the message types of `protocol`; its methods never run on the page.

use crate::protocol::{FromWorker, ToWorker};
use gloo_worker::{HandlerId, Worker, WorkerScope};

/// The training worker as seen from the page: `WorkerLink::spawner()` starts the real one.
pub struct WorkerLink;

const ONLY_IN_THE_WORKER: &str = "WorkerLink only types the page's bridge; the worker's own wasm runs TrainingWorker";

impl Worker for WorkerLink {
    type Message = ();
    type Input = ToWorker;
    type Output = FromWorker;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        unreachable!("{ONLY_IN_THE_WORKER}")
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {
        unreachable!("{ONLY_IN_THE_WORKER}")
    }

    fn received(&mut self, _scope: &WorkerScope<Self>, _msg: ToWorker, _id: HandlerId) {
        unreachable!("{ONLY_IN_THE_WORKER}")
    }
}
