//! Messages between the page and the training worker. Plain data, so both sides (and native
//! tests) share one definition; the worker owns every tensor, the page owns none.

use crate::data::{CLASSES, LabelledDigits};
use crate::inspect::{ActivationMaps, CellExplanation, CellRequest, ConfusionMatrix, KernelImages, Saliency};
use crate::model::ModelSpec;
use crate::training::{FineTuneEvent, FineTuneReport, FineTuneSettings, Hyperparameters, TrainingEvent};
use serde::{Deserialize, Serialize};

/// Which burn backend the worker computes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackendKind {
    /// burn-wgpu on the browser's WebGPU adapter.
    WebGpu,
    /// burn's pure-Rust CPU backend (`flex`), in the worker's thread.
    Cpu,
}

/// What the page asks of the worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ToWorker {
    /// Load the pre-trained model from `model_url`, pick a backend and load MNIST from
    /// `data_url` (a folder URL ending in `/`); both absolute. A panic in the worker is posted on
    /// the BroadcastChannel named `panic_channel`. A download that receives no bytes for
    /// `stall_seconds` is abandoned with a message. `webgpu_worker_missing`: the site has no
    /// worker that can train on WebGPU (the development server is still building it), so this
    /// one trains on the CPU even where a graphics card is found.
    Start { data_url: String, model_url: String, panic_channel: String, stall_seconds: u32, webgpu_worker_missing: bool },
    /// Load MNIST again after `FromWorker::DataFailed` (the learner pressed Retry).
    RetryData,
    /// The learner's backend override; `None` returns to the automatic choice.
    ChooseBackend(Option<BackendKind>),
    /// Train a new model from scratch.
    Train(TrainRequest),
    /// Stop training after the current batch.
    Stop,
    /// Class probabilities for one preprocessed drawing (784 values in 0..1, row-major).
    Predict { request: u64, pixels: Vec<f32> },
    /// Make the model in this `.convlab` weights file answer drawings, under `name` (a kept run's
    /// model or a file the learner loaded). A file that cannot be used is refused with
    /// `FromWorker::ModelRefused` and the model answering before goes on answering.
    UseModel {
        name: String,
        #[serde(with = "serde_bytes")]
        file: Vec<u8>,
    },
    /// Go on with a stopped run from its checkpoint; progress is reported as for `Train`.
    Resume {
        request: TrainRequest,
        #[serde(with = "serde_bytes")]
        checkpoint: Vec<u8>,
    },
    /// A second model (a `.convlab` file) that also answers every drawing, with
    /// `FromWorker::ComparedPrediction`; `file: None` ends the comparison.
    CompareWith {
        name: String,
        #[serde(default, with = "serde_bytes")]
        file: Option<Vec<u8>>,
    },
    /// A look inside the answering model (issue 12).
    Inspect(InspectRequest),
    /// The learner's kept digits (`pixels`: n × 784 values in 0..1, row-major, one image after
    /// another), each to be read by the model that answers drawings. Answered by
    /// `FromWorker::DigitsEvaluated` or `FromWorker::DigitsNotEvaluated` with the same `request`.
    EvaluateDigits { request: u64, pixels: Vec<f32> },
    /// Fine-tune the model that answers drawings on the learner's `digits` (issue 14). Progress
    /// comes as `FromWorker::FineTuning`; the request ends with exactly one of
    /// `FromWorker::FineTuned`, `FromWorker::FineTuneFailed`, or the event
    /// `FineTuneEvent::Stopped` after `ToWorker::Stop`. Missing settings take their defaults.
    FineTune {
        request: u64,
        digits: LabelledDigits,
        #[serde(default)]
        settings: FineTuneSettings,
    },
}

/// What the page asks to see inside the model that answers drawings. Each request is answered
/// by one `FromWorker::Inspect`: its result, or `InspectReply::Failed` with its number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum InspectRequest {
    /// The kernels of Conv2D layer `layer` (an index into the model's layers).
    Kernels { request: u64, layer: usize },
    /// The confusion matrix of the model on all 10 000 test images.
    Confusion { request: u64 },
    /// Test images `indices` with their labels and the probabilities given by the model of the
    /// latest confusion matrix (so a cell's images are judged by the model that counted them).
    TestImages { request: u64, indices: Vec<usize> },
    /// How one output value (`cell`) of the answering model comes about on the drawing
    /// `pixels` (784 values in 0..1, row-major): "convolution up close".
    Cell { request: u64, pixels: Vec<f32>, cell: CellRequest },
}

/// Which kind of inspect request a failure answers (request numbers are counted per kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InspectTopic {
    /// The feature maps and saliency of drawing `ToWorker::Predict` number `request`.
    Drawing,
    Kernels,
    Confusion,
    TestImages,
    Cell,
}

/// A model as the inside views name it: `id` changes whenever another model (or a newer copy
/// of the one in training) starts answering, so results of an older one can be told apart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelTag {
    pub id: u64,
    pub name: String,
}

/// One test image with the model's answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestImage {
    /// Its index in the test set.
    pub index: usize,
    pub label: u8,
    /// 28 × 28 grey levels, row-major, as in the data set.
    #[serde(with = "serde_bytes")]
    pub pixels: Vec<u8>,
    pub probabilities: [f32; CLASSES],
}

/// One MNIST training image as the file holds it, with its label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MnistSample {
    pub label: u8,
    /// 28 × 28 grey levels (0..255), row-major.
    #[serde(with = "serde_bytes")]
    pub pixels: Vec<u8>,
}

/// How many training images the page shows in its data section.
pub const MNIST_SAMPLES: usize = 20;

/// The worker's answers to the inside views.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum InspectReply {
    /// Another model answers now: its tag and its layers (the page names layers and asks for
    /// kernels by index). Sent with every `FromWorker::Answering`.
    Model { model: ModelTag, spec: ModelSpec },
    /// What drawing `request` does inside the model, sent right after its `Prediction` (the
    /// bars never wait for it), with the milliseconds it took in the worker.
    Drawing { request: u64, model: ModelTag, maps: ActivationMaps, saliency: Saliency, compute_ms: f64 },
    Kernels { request: u64, model: ModelTag, kernels: KernelImages },
    /// A confusion matrix over `images` test images; `request` is `None` for the one computed
    /// at the end of a run (beside the test result it also gives).
    Confusion { request: Option<u64>, model: ModelTag, matrix: ConfusionMatrix, loss: f32, accuracy: f32 },
    TestImages { request: u64, model: ModelTag, images: Vec<TestImage> },
    /// The arithmetic of the value `InspectRequest::Cell` number `request` asked about, with the
    /// milliseconds it took in the worker.
    Cell { request: u64, model: ModelTag, explanation: CellExplanation, compute_ms: f64 },
    /// Confusion matrix `request` has counted `done` of its `total` test images so far (sent
    /// after each part, so the page shows real progress rather than a promised duration).
    Counting { request: u64, done: usize, total: usize },
    /// Request `request` of kind `topic` got no answer; the text says why.
    Failed { topic: InspectTopic, request: u64, message: String },
}

/// A training run as the page asks for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainRequest {
    pub spec: ModelSpec,
    pub hyperparameters: Hyperparameters,
    /// Validate (and test) on the first `n` test images only, for quick runs; `None`: all 10 000.
    pub validation_subset: Option<usize>,
    /// A failure drill for the end-to-end tests (never set from a link: see `Drill`).
    #[serde(default)]
    pub drill: Option<Drill>,
    /// The learner's own digits, added to the training images ("include my digits").
    #[serde(default)]
    pub extra_digits: Option<LabelledDigits>,
}

impl TrainRequest {
    /// The request as it runs on `data`. On the light set the training and the validation
    /// images are at most what it holds, and said as numbers, so the run's record and result
    /// card say how many it used. Both sets begin with the same images, so a resumed run, or a
    /// shared one, trains on the same images on either.
    pub fn on_data(mut self, data: crate::data::DataChoice) -> Self {
        self.hyperparameters.train_subset = data.training_images(self.hyperparameters.train_subset);
        self.validation_subset = data.test_images(self.validation_subset);
        self
    }

    /// How many of the learner's digits the run trains on as well (0 without them).
    pub fn learner_digits(&self) -> usize {
        self.extra_digits.as_ref().map_or(0, LabelledDigits::len)
    }
}

/// Faults the end-to-end tests inject into a run, to exercise the page's recovery for real. The
/// page takes them only from a global that a test harness defines before the page loads
/// (`window.convlabDrills`), so a shared link cannot trigger them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Drill {
    /// The worker panics after this many batches.
    PanicAfter(usize),
    /// After this many batches the worker reserves memory until the allocator fails, so the
    /// wasm aborts as a real out-of-memory does.
    ExhaustMemoryAfter(usize),
    /// After this many batches one of the threaded worker's compute threads panics (on the
    /// single-threaded worker, the worker itself).
    PanicInComputeThreadAfter(usize),
}

/// Memory held by the worker, reported during training so growth would show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemoryReport {
    /// Training steps done when measured.
    pub steps: usize,
    /// Size of the worker's wasm linear memory (it never shrinks, so growth is visible).
    pub wasm_heap_bytes: u64,
    /// Live allocations on the burn device (GPU buffers on WebGPU), when the backend reports it.
    pub device_allocations: Option<u64>,
    /// Bytes the device's allocator has reserved, when reported.
    pub device_bytes_reserved: Option<u64>,
}

/// The first test image of the tutorial's 5 × 10 prediction grid, and how many it shows.
pub const GRID_FIRST: usize = 100;
pub const GRID_LEN: usize = 50;

/// One test image of the prediction grid, with its label and the model's answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridDigit {
    pub index: usize,
    pub label: u8,
    pub prediction: u8,
    /// 28 × 28 grey levels, row-major, as in the data set.
    pub pixels: Vec<u8>,
}

/// What the worker tells the page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker's code runs and has taken `ToWorker::Start` (a worker that never says this
    /// failed to load).
    Started,
    /// The backend in use and why it was chosen.
    Backend(BackendReport),
    /// Bytes received so far of one MNIST file (`total` from Content-Length, when known).
    Download { file: String, loaded: u64, total: Option<u64> },
    /// MNIST is decoded; shapes as the tutorial prints them, e.g. "(60000, 28, 28, 1)", and the
    /// first training images, for the page to show what the data is.
    DataReady { train_shape: String, test_shape: String, samples: Vec<MnistSample> },
    /// MNIST could not be loaded; the text names the file and the fix. `ToWorker::RetryData`
    /// tries again.
    DataFailed(String),
    /// Progress of the current training run.
    Training(TrainingEvent),
    /// The trained model on the test images, as the tutorial's `model.evaluate` prints it.
    TestResult { loss: f32, accuracy: f32, images: usize },
    /// The tutorial's visualisation: test images 100 to 149 with their predictions.
    PredictionGrid(Vec<GridDigit>),
    /// Stop reached the worker when the run had done `after_steps` steps; it ends after at most
    /// one more.
    Stopping { after_steps: usize },
    /// Which model now answers predictions (the pre-trained one, or the one being trained).
    Answering(String),
    /// The pre-trained model could not be loaded: drawings get answers once a run has a model.
    ModelUnavailable(String),
    /// The answer to `ToWorker::Predict`, with the milliseconds the model took to compute it
    /// (the forward pass and the read-back, without the trip between page and worker).
    Prediction { request: u64, probabilities: Vec<f32>, compute_ms: f64 },
    /// `ToWorker::Predict` number `request` got no answer (no model yet, or the model failed).
    PredictionFailed { request: u64, message: String },
    /// Memory held by the worker (every few hundred steps and at the end of a run).
    Memory(MemoryReport),
    /// A look inside the answering model (issue 12).
    Inspect(InspectReply),
    /// Training could not start or failed; the worker is ready for another run.
    TrainingFailed(String),
    /// The loss stopped being a finite number: the run ended there; the text says when and
    /// what to change. The worker is ready for another run.
    Diverged(String),
    /// The run's final model as a `.convlab` file (sent before `TestResult`), and for a stopped
    /// run its checkpoint, for the page to keep.
    Kept {
        #[serde(with = "serde_bytes")]
        model: Vec<u8>,
        #[serde(default, with = "serde_bytes")]
        checkpoint: Option<Vec<u8>>,
    },
    /// A model could not be kept, loaded or resumed; the text says why. Nothing else changed.
    ModelRefused(String),
    /// The comparison model's answer to `ToWorker::Predict` number `request`.
    ComparedPrediction { request: u64, name: String, probabilities: Vec<f32> },
    /// The answer to `ToWorker::EvaluateDigits` number `request`: for each digit, in order, the
    /// class the model `model` read and its probability for that class.
    DigitsEvaluated {
        request: u64,
        model: String,
        #[serde(with = "serde_bytes")]
        predictions: Vec<u8>,
        confidences: Vec<f32>,
    },
    /// `ToWorker::EvaluateDigits` number `request` got no answer; the text says why.
    DigitsNotEvaluated { request: u64, message: String },
    /// Progress of fine-tuning `request`: the measurement before, each step, or `Stopped`
    /// (which ends it: the model that answered before still answers).
    FineTuning { request: u64, event: FineTuneEvent },
    /// Fine-tuning `request` is done: its figures before and after. The fine-tuned model
    /// answers drawings from now on (announced just before with `Answering`).
    FineTuned { request: u64, report: FineTuneReport },
    /// Fine-tuning `request` could not start or failed; the text says why and what to do. The
    /// model that answered before still answers.
    FineTuneFailed { request: u64, message: String },
}

/// The outcome of the worker's WebGPU probe and backend choice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackendReport {
    pub kind: BackendKind,
    /// The WebGPU adapter's name when there is one (e.g. "google swiftshader").
    pub adapter: Option<String>,
    /// True when that adapter is a software emulation (SwiftShader, llvmpipe, fallback).
    pub software: bool,
    /// Whether burn's WebGPU runtime was initialised on the adapter (the override can use it).
    pub webgpu_ready: bool,
    /// How many threads the CPU backend computes with in this worker (1 but in the threaded one).
    pub cpu_threads: u32,
    /// One sentence with the machine's details, e.g. "WebGPU adapter: google swiftshader (software) —
    /// training on the CPU"; the page keeps it under "About this machine".
    pub summary: String,
    /// The same in the learner's words, for the page's flow, e.g. "Training on this computer's
    /// processor (no graphics card found)."
    #[serde(default)]
    pub plain: String,
}
