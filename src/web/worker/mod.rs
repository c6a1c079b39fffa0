//! The Web Worker that owns burn: it picks a backend, loads MNIST and (later) trains, answering
//! the page through gloo-worker's bridge.

mod download;
mod webgpu;

use crate::backend_choice;
use crate::data::{FILE_NAMES, Mnist};
use crate::protocol::{FromWorker, ToWorker};
use burn::prelude::Device;
use gloo_worker::{HandlerId, Worker, WorkerScope};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;

/// What the worker keeps between messages.
#[derive(Default)]
struct State {
    device: Option<Device>,
    data: Option<Rc<Mnist>>,
}

pub struct TrainingWorker {
    state: Rc<RefCell<State>>,
}

impl Worker for TrainingWorker {
    type Message = ();
    type Input = ToWorker;
    type Output = FromWorker;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        console_error_panic_hook::set_once();
        Self { state: Rc::default() }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: ToWorker, id: HandlerId) {
        let (scope, state) = (scope.clone(), self.state.clone());
        match msg {
            ToWorker::Start { data_url } => spawn_local(start(scope, id, state, data_url)),
        }
    }
}

/// Picks the backend, then loads the data; reports each step to the page.
async fn start(scope: WorkerScope<TrainingWorker>, id: HandlerId, state: Rc<RefCell<State>>, data_url: String) {
    let (probe, webgpu_device) = webgpu::probe().await;
    let report = backend_choice::choose(&probe, None);
    let device = match (report.kind, webgpu_device) {
        (crate::protocol::BackendKind::WebGpu, Some(device)) => device,
        _ => Device::flex(),
    };
    state.borrow_mut().device = Some(device);
    scope.respond(id, FromWorker::Backend(report));

    match load_mnist(&scope, id, &data_url).await {
        Ok(mnist) => {
            scope.respond(
                id,
                FromWorker::DataReady {
                    train_shape: mnist.train.images_shape(),
                    test_shape: mnist.test.images_shape(),
                },
            );
            state.borrow_mut().data = Some(Rc::new(mnist));
        }
        Err(message) => scope.respond(id, FromWorker::Error(message)),
    }
}

/// Fetches the four files (streaming progress to the page) and decodes them.
async fn load_mnist(scope: &WorkerScope<TrainingWorker>, id: HandlerId, data_url: &str) -> Result<Mnist, String> {
    let mut files = Vec::with_capacity(FILE_NAMES.len());
    for name in FILE_NAMES {
        let url = format!("{data_url}{name}");
        let bytes = download::fetch_bytes(&url, |loaded, total| {
            scope.respond(id, FromWorker::Download { file: name.to_string(), loaded, total });
        })
        .await
        .map_err(|e| format!("Could not download MNIST file {name} from {url}: {e}. Fix: run `cargo xtask run`, which puts the data in dist/data/, and reload"))?;
        files.push(bytes);
    }
    Mnist::from_bytes(&files[0], &files[1], &files[2], &files[3]).map_err(|e| e.to_string())
}
