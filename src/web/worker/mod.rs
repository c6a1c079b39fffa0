//! The Web Worker that owns burn: it picks a backend, loads MNIST and trains, answering the page
//! through gloo-worker's bridge. The page owns no tensors.

mod adapter;
mod answering;
mod clock;
mod download;
mod fault_drills;
mod fine_tuning;
mod inspecting;
mod panic_report;
mod session;
mod webgpu;
mod yield_now;

use crate::backend_choice::{self, WebGpuProbe};
use crate::data::{FILE_NAMES, Mnist};
use crate::protocol::{BackendKind, FromWorker, InspectReply, InspectTopic, MNIST_SAMPLES, MnistSample, ToWorker};
use burn::prelude::Device;
use gloo_worker::{HandlerId, Worker, WorkerScope};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen_futures::spawn_local;

/// What the worker keeps between messages.
#[derive(Default)]
struct State {
    probe: Option<WebGpuProbe>,
    webgpu: Option<Device>,
    /// The learner's override, kept so that it also applies when it arrives before the probe.
    force: Option<BackendKind>,
    device: Option<Device>,
    data: Option<Arc<Mnist>>,
    /// Set while a run is going; Stop flips it, the run checks it between batches.
    run: Option<Rc<session::RunControl>>,
    /// The model that answers predictions.
    answering: Option<answering::AnsweringModel>,
    /// The shipped model, kept to answer again when a run's model diverges.
    pretrained: Option<answering::AnsweringModel>,
    /// A second model that also answers each drawing, to compare.
    comparison: Option<answering::AnsweringModel>,
    /// The latest drawing asked about (its request number and pixels), so a newly chosen
    /// comparison answers it at once rather than at the next stroke.
    last_drawing: Option<(u64, Rc<Vec<f32>>)>,
    /// The model of the latest confusion matrix sent, which judges the images of its cells.
    confusion_model: Option<answering::AnsweringModel>,
    /// Where MNIST comes from, and how long a download may receive nothing (for Retry).
    data_source: Option<(String, u32)>,
    /// True while MNIST is being loaded, so Retry cannot start a second load.
    loading_data: bool,
}

pub struct TrainingWorker {
    state: Rc<RefCell<State>>,
}

impl Worker for TrainingWorker {
    type Message = ();
    type Input = ToWorker;
    type Output = FromWorker;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        panic_report::install();
        Self { state: Rc::default() }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: ToWorker, id: HandlerId) {
        let scope = scope.clone();
        match msg {
            ToWorker::Start { data_url, model_url, panic_channel, stall_seconds, webgpu_worker_missing } => {
                panic_report::set_channel(panic_channel);
                scope.respond(id, FromWorker::Started);
                self.state.borrow_mut().data_source = Some((data_url, stall_seconds));
                spawn_local(start(scope, id, self.state.clone(), model_url, webgpu_worker_missing));
            }
            ToWorker::RetryData => spawn_local(load_data(scope, id, self.state.clone())),
            ToWorker::ChooseBackend(force) => self.choose_backend(&scope, id, force),
            ToWorker::Train(request) => self.train(scope, id, request, None),
            ToWorker::Resume { request, checkpoint } => self.train(scope, id, request, Some(checkpoint)),
            ToWorker::UseModel { name, file } => match answering::from_file(&file, name) {
                Ok(model) => {
                    announce(&scope, id, &model);
                    self.state.borrow_mut().answering = Some(model);
                }
                Err(message) => scope.respond(id, FromWorker::ModelRefused(message)),
            },
            ToWorker::CompareWith { name, file } => {
                let loaded = file.map(|file| answering::from_file(&file, name)).transpose();
                match loaded {
                    Ok(model) => {
                        let last = self.state.borrow().last_drawing.clone();
                        self.state.borrow_mut().comparison = model.clone();
                        // The drawing on the canvas gets the new model's answer now; the page
                        // shows it beside the answer to that same request.
                        if let (Some(other), Some((request, pixels))) = (model, last) {
                            let scope = scope.clone();
                            spawn_local(async move {
                                if let Ok((probabilities, _)) = other.predict(&pixels).await {
                                    scope.respond(id, FromWorker::ComparedPrediction { request, name: other.tag.name.clone(), probabilities });
                                }
                            });
                        }
                    }
                    Err(message) => scope.respond(id, FromWorker::ModelRefused(message)),
                }
            }
            ToWorker::Stop => {
                if let Some(run) = &self.state.borrow().run {
                    run.stop.set(true);
                    // Says when Stop arrived, so "halts within one batch" can be checked.
                    scope.respond(id, FromWorker::Stopping { after_steps: run.steps.get() });
                }
            }
            ToWorker::Predict { request, pixels } => {
                let pixels = Rc::new(pixels);
                self.state.borrow_mut().last_drawing = Some((request, pixels.clone()));
                let model = self.state.borrow().answering.clone();
                let comparison = self.state.borrow().comparison.clone();
                spawn_local(async move {
                    // The comparison answers first, so the page has it when the main answer lands.
                    if let Some(other) = comparison
                        && let Ok((probabilities, _)) = other.predict(&pixels).await
                    {
                        scope.respond(id, FromWorker::ComparedPrediction { request, name: other.tag.name.clone(), probabilities });
                    }
                    // Every request gets an answer or a failure with its number, so the page
                    // never waits for one that will not come.
                    let message = match &model {
                        Some(model) => match model.predict(&pixels).await {
                            Ok((probabilities, compute_ms)) => FromWorker::Prediction { request, probabilities, compute_ms },
                            Err(e) => FromWorker::PredictionFailed { request, message: format!("The model could not answer: {e}") },
                        },
                        None => FromWorker::PredictionFailed { request, message: "No model can answer yet.".into() },
                    };
                    let failure = match &message {
                        FromWorker::PredictionFailed { message, .. } => Some(message.clone()),
                        _ => None,
                    };
                    // The bars go first; the feature maps and saliency follow.
                    scope.respond(id, message);
                    let inside = match failure {
                        Some(message) => InspectReply::Failed { topic: InspectTopic::Drawing, request, message },
                        None => inspecting::drawing(model.as_ref(), request, &pixels).await,
                    };
                    scope.respond(id, FromWorker::Inspect(inside));
                });
            }
            ToWorker::EvaluateDigits { request, pixels } => {
                let model = self.state.borrow().answering.clone();
                spawn_local(async move {
                    let outcome = match &model {
                        Some(model) => model.classify_all(&pixels).await.map(|answers| (model.tag.name.clone(), answers)),
                        None => Err("no model can answer yet".into()),
                    };
                    scope.respond(id, match outcome {
                        Ok((model, (predictions, confidences))) => FromWorker::DigitsEvaluated { request, model, predictions, confidences },
                        Err(e) => FromWorker::DigitsNotEvaluated { request, message: format!("Your digits could not be read: {e}.") },
                    });
                });
            }
            ToWorker::FineTune { request, digits, settings } => self.fine_tune(scope, id, request, digits, settings),
            ToWorker::Inspect(request) => {
                let state = self.state.clone();
                spawn_local(async move {
                    let progress = |reply| scope.respond(id, FromWorker::Inspect(reply));
                    let reply = inspecting::answer(request, &state, &progress).await;
                    scope.respond(id, FromWorker::Inspect(reply));
                });
            }
        }
    }
}

impl TrainingWorker {
    fn choose_backend(&self, scope: &WorkerScope<Self>, id: HandlerId, force: Option<BackendKind>) {
        let mut state = self.state.borrow_mut();
        state.force = force;
        if let Some(report) = state.apply_choice() {
            scope.respond(id, FromWorker::Backend(report));
        }
    }

    /// Trains `request` from scratch, or from `checkpoint` (a stopped run's) when given.
    fn train(&self, scope: WorkerScope<Self>, id: HandlerId, request: crate::protocol::TrainRequest, checkpoint: Option<Vec<u8>>) {
        let mut state = self.state.borrow_mut();
        let (Some(data), Some(device)) = (state.data.clone(), state.device.clone()) else {
            scope.respond(id, FromWorker::TrainingFailed("The data is not loaded yet.".into()));
            return;
        };
        if state.run.is_some() {
            scope.respond(id, FromWorker::TrainingFailed("A run is already going; stop it first.".into()));
            return;
        }
        let control = Rc::new(session::RunControl::default());
        state.run = Some(control.clone());
        let state = self.state.clone();
        // The model in training answers drawings as it learns; each copy replaces the last.
        let publish = publisher(&state, &scope, id);
        let counted = {
            let state = state.clone();
            move |model| state.borrow_mut().confusion_model = Some(model)
        };
        spawn_local(async move {
            let outcome = session::train(scope.clone(), id, request, checkpoint, data, device, control, publish, counted).await;
            let mut state = state.borrow_mut();
            state.run = None;
            // A diverged model answers with NaN: the shipped model takes over again.
            if outcome == session::Outcome::Diverged {
                state.answering = state.pretrained.clone();
                if let Some(model) = &state.answering {
                    announce(&scope, id, model);
                }
            }
        });
    }
}

impl TrainingWorker {
    /// Fine-tunes the model answering drawings on the learner's digits; it shares the run slot
    /// with training (one at a time, and Stop stops either).
    fn fine_tune(&self, scope: WorkerScope<Self>, id: HandlerId, request: u64, digits: crate::data::LabelledDigits, settings: crate::training::FineTuneSettings) {
        let mut state = self.state.borrow_mut();
        let refusal = match (&state.data, &state.answering, &state.run) {
            (None, _, _) => Some("The data is not loaded yet."),
            (_, None, _) => Some("No model answers drawings yet, so there is none to fine-tune: train one, or wait for the pre-trained model."),
            (_, _, Some(_)) => Some("A run is already going; stop it first."),
            _ => None,
        };
        if let Some(message) = refusal {
            scope.respond(id, FromWorker::FineTuneFailed { request, message: message.into() });
            return;
        }
        let (Some(data), Some(start)) = (state.data.clone(), state.answering.clone()) else { return };
        let control = Rc::new(session::RunControl::default());
        state.run = Some(control.clone());
        let state = self.state.clone();
        let publish = publisher(&state, &scope, id);
        let job = fine_tuning::FineTuneJob { request, digits, settings, start, data };
        spawn_local(async move {
            fine_tuning::fine_tune(scope, id, job, &control, publish).await;
            state.borrow_mut().run = None;
        });
    }
}

/// Makes a model answer drawings and tells the page which one does.
fn publisher(state: &Rc<RefCell<State>>, scope: &WorkerScope<TrainingWorker>, id: HandlerId) -> impl Fn(answering::AnsweringModel) + use<> {
    let (state, scope) = (state.clone(), scope.clone());
    move |model| {
        announce(&scope, id, &model);
        state.borrow_mut().answering = Some(model);
    }
}

impl State {
    /// Chooses the device from the probe and the override; `None` until the probe is done.
    fn apply_choice(&mut self) -> Option<crate::protocol::BackendReport> {
        let report = backend_choice::choose(self.probe.as_ref()?, self.force, crate::model::network::cpu_threads());
        self.device = Some(match (report.kind, &self.webgpu) {
            (BackendKind::WebGpu, Some(device)) => device.clone(),
            _ => Device::flex(),
        });
        Some(report)
    }
}

/// Loads the pre-trained model, picks the backend, then loads the data; reports each step to the
/// page.
async fn start(scope: WorkerScope<TrainingWorker>, id: HandlerId, state: Rc<RefCell<State>>, model_url: String, webgpu_worker_missing: bool) {
    // The pre-trained model waits for neither the WebGPU probe nor the data: it answers on the
    // CPU whatever trains, so drawing works as early as possible.
    spawn_local(load_answering_model(scope.clone(), id, state.clone(), model_url));
    let (mut probe, webgpu) = webgpu::probe().await;
    if webgpu_worker_missing {
        // A graphics card the page cannot hand over to a WebGPU worker yet: the CPU trains.
        if let WebGpuProbe::Adapter { burn_ready, .. } = &mut probe {
            *burn_ready = Err(backend_choice::WEBGPU_WORKER_NOT_BUILT.to_string());
        }
    }
    let report = {
        let mut state = state.borrow_mut();
        state.probe = Some(probe);
        state.webgpu = webgpu;
        state.apply_choice()
    };
    if let Some(report) = report {
        scope.respond(id, FromWorker::Backend(report));
    }
    load_data(scope, id, state).await;
}

/// Loads MNIST (at start, and again on Retry) and reports the outcome.
async fn load_data(scope: WorkerScope<TrainingWorker>, id: HandlerId, state: Rc<RefCell<State>>) {
    let source = {
        let mut state = state.borrow_mut();
        if state.loading_data || state.data.is_some() {
            return;
        }
        state.loading_data = true;
        state.data_source.clone()
    };
    let Some((data_url, stall_seconds)) = source else { return };
    let loaded = load_mnist(&scope, id, &data_url, stall_seconds).await;
    let mut state = state.borrow_mut();
    state.loading_data = false;
    match loaded {
        Ok(mnist) => {
            scope.respond(
                id,
                FromWorker::DataReady {
                    train_shape: mnist.train.images_shape(),
                    test_shape: mnist.test.images_shape(),
                    // The first training images, in the file's order, not a pick that flatters.
                    samples: (0..MNIST_SAMPLES.min(mnist.train.len()))
                        .map(|i| MnistSample { label: mnist.train.label(i), pixels: mnist.train.image(i).to_vec() })
                        .collect(),
                },
            );
            state.data = Some(Arc::new(mnist));
        }
        Err(message) => scope.respond(id, FromWorker::DataFailed(message)),
    }
}

/// Downloads the pre-trained model and makes it answer the drawings.
async fn load_answering_model(scope: WorkerScope<TrainingWorker>, id: HandlerId, state: Rc<RefCell<State>>, url: String) {
    match answering::load_pretrained(&url).await {
        Ok(model) => {
            let mut state = state.borrow_mut();
            state.pretrained = Some(model.clone());
            // A run started meanwhile has already published its own model: it keeps answering.
            if state.answering.is_none() {
                announce(&scope, id, &model);
                state.answering = Some(model);
            }
        }
        Err(message) => scope.respond(id, FromWorker::ModelUnavailable(message)),
    }
}

/// Tells the page which model answers drawings now: its name, and for the inside views its
/// number and layers.
fn announce(scope: &WorkerScope<TrainingWorker>, id: HandlerId, model: &answering::AnsweringModel) {
    scope.respond(id, FromWorker::Answering(model.tag.name.clone()));
    let reply = InspectReply::Model { model: model.tag.clone(), spec: model.spec.clone() };
    scope.respond(id, FromWorker::Inspect(reply));
}

/// Fetches the four files (from the browser's cache after the first visit, streaming progress to
/// the page) and decodes them. A file that does not decode is dropped from the cache.
async fn load_mnist(scope: &WorkerScope<TrainingWorker>, id: HandlerId, data_url: &str, stall_seconds: u32) -> Result<Mnist, String> {
    let mut files = Vec::with_capacity(FILE_NAMES.len());
    for name in FILE_NAMES {
        let url = format!("{data_url}{name}");
        let bytes = download::fetch_cached(&url, stall_seconds, |loaded, total| {
            scope.respond(id, FromWorker::Download { file: name.to_string(), loaded, total });
        })
        .await
        .map_err(|e| {
            format!("Could not download MNIST file {name} from {url}: {e}. Check the connection and press Retry; if the file is missing on the server, run `cargo xtask run`, which puts the data in dist/data/")
        })?;
        files.push(bytes);
    }
    let decoded = Mnist::from_bytes(&files[0], &files[1], &files[2], &files[3]);
    if decoded.is_err() {
        download::forget(data_url, &FILE_NAMES).await;
    }
    decoded.map_err(|e| e.to_string())
}
