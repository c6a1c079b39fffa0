//! The page's state. Only the worker's messages and the learner's actions change it.

use super::inside::InsideView;
use crate::protocol::{BackendReport, FromWorker, GridDigit, MemoryReport, TrainRequest};
use crate::training::{BatchProgress, EpochSummary, FineTuneEvent, FineTuneReport, FinishedSummary, TrainingEvent, ValidationProgress};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

/// Bytes received and expected, per MNIST file.
pub type Downloads = BTreeMap<String, (u64, Option<u64>)>;

/// Chart points are kept for about this many batches per epoch, whatever the batch count.
const POINTS_PER_EPOCH: usize = 100;

pub enum PageAction {
    Worker(FromWorker),
    /// Several of the worker's messages, in order, applied in one re-render (`progress_pacer`).
    Workers(Vec<FromWorker>),
    /// The learner pressed Train with these settings.
    TrainRequested(TrainRequest),
    /// The worker died or never started; `restarting` when a fresh one is on its way.
    WorkerCrashed { message: String, restarting: bool },
    /// A fresh worker starts: by the learner's hand, or the other build for another backend.
    WorkerStarting,
    /// The threaded worker's compute threads did not start: the one-core worker starts instead,
    /// and the page says so (these words) for as long as it runs.
    OneCoreFallback(String),
    /// The learner pressed Retry after the data failed.
    DataRetry,
    /// The learner resumed a stopped run; `epochs` are those it had completed.
    ResumeRequested { request: TrainRequest, epochs: Vec<EpochSummary> },
    /// The learner asked for fine-tuning number `request` (see `ToWorker::FineTune`).
    FineTuneRequested { request: u64 },
}

/// A run's final model file and, for a stopped run, its checkpoint (see `FromWorker::Kept`).
#[derive(Clone, Debug, PartialEq)]
pub struct KeptFiles {
    pub model: Vec<u8>,
    pub checkpoint: Option<Vec<u8>>,
}

/// The comparison model's answer to a drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparedAnswer {
    pub request: u64,
    pub name: String,
    pub probabilities: Rc<Vec<f32>>,
}

/// The worker's answer to `ToWorker::EvaluateDigits` (the learner's kept digits read by the
/// model that answers drawings), or why it could not read them.
#[derive(Clone, Debug, PartialEq)]
pub enum DigitsAnswer {
    Read { request: u64, model: String, predictions: Rc<Vec<u8>>, confidences: Rc<Vec<f32>> },
    Failed { request: u64, message: String },
}

impl DigitsAnswer {
    pub fn request(&self) -> u64 {
        match self {
            DigitsAnswer::Read { request, .. } | DigitsAnswer::Failed { request, .. } => *request,
        }
    }
}

/// Why the worker is not available, as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkerProblem {
    pub message: String,
    pub restarting: bool,
}

/// A drawing the model could not answer.
#[derive(Clone, Debug, PartialEq)]
pub struct PredictionFailure {
    pub request: u64,
    pub message: String,
}

/// The worker's answer to a drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub request: u64,
    pub probabilities: Rc<Vec<f32>>,
    /// How long the model took in the worker, in milliseconds.
    pub compute_ms: f64,
}

/// What the worker last said about a fine-tuning (see `ToWorker::FineTune`).
#[derive(Clone, Debug, PartialEq)]
pub enum FineTuneNews {
    Event(FineTuneEvent),
    Done(FineTuneReport),
    Failed(String),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageState {
    pub backend: Option<BackendReport>,
    pub downloads: Rc<Downloads>,
    /// Training and test image shapes once the data is decoded.
    pub shapes: Option<(String, String)>,
    /// The first training images, shown in the data section (kept while a new worker loads).
    pub data_samples: Rc<Vec<crate::protocol::MnistSample>>,
    /// Why MNIST could not be loaded (shown with Retry).
    pub data_error: Option<String>,
    pub worker_problem: Option<WorkerProblem>,
    /// Why training uses one core where the page could use them all (`PageAction::OneCoreFallback`).
    pub one_core_fallback: Option<String>,
    /// Counts fresh workers, so the drawing panel forgets requests the old one took with it.
    pub worker_generation: u32,
    /// Why the pre-trained model cannot answer.
    pub model_problem: Option<String>,
    pub prediction_failure: Option<PredictionFailure>,
    pub run: Rc<RunView>,
    /// Which model answers drawings, as the worker names it.
    pub answering: Option<String>,
    /// The latest answer to a drawing: request number and the ten probabilities.
    pub prediction: Option<Answer>,
    /// Why a model could not be kept, loaded or resumed (shown in the runs panel).
    pub model_refused: Option<String>,
    /// The comparison model's latest answer.
    pub compared: Option<ComparedAnswer>,
    /// What the inside views show (feature maps, kernels, confusion matrix).
    pub inside: Rc<InsideView>,
    /// The latest answer about the learner's kept digits.
    pub digits_answer: Option<DigitsAnswer>,
    /// The latest news of fine-tuning request number `.0`.
    pub fine_tuning: Option<(u64, Rc<FineTuneNews>)>,
}

/// Everything shown about the current (or last) training run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunView {
    pub request: Option<TrainRequest>,
    pub running: bool,
    pub last_batch: Option<BatchProgress>,
    pub validating: Option<ValidationProgress>,
    pub epochs: Vec<EpochSummary>,
    /// (epoch as a fraction, running loss, running accuracy), thinned for the charts.
    pub curve: Vec<(f64, f32, f32)>,
    pub finished: Option<FinishedSummary>,
    /// (loss, accuracy, number of test images).
    pub test: Option<(f32, f32, usize)>,
    pub grid: Option<Rc<Vec<GridDigit>>>,
    pub failure: Option<String>,
    /// True when the run ended because its loss stopped being a finite number.
    pub diverged: bool,
    /// Steps done when Stop reached the worker.
    pub stopping_at: Option<usize>,
    /// The first and the latest memory report of the run.
    pub memory: Option<(MemoryReport, MemoryReport)>,
    /// Counts the runs started on this page, so each finished run is recorded exactly once.
    pub serial: u32,
    /// The run's model file (and checkpoint when stopped), once the worker has sent them.
    pub kept: Option<Rc<KeptFiles>>,
}

impl PageState {
    pub fn data_ready(&self) -> bool {
        self.shapes.is_some()
    }

    /// Whether a fine-tuning is going (asked for, and neither finished, stopped nor failed).
    pub fn fine_tuning_running(&self) -> bool {
        matches!(&self.fine_tuning, Some((_, news)) if matches!(
            **news,
            FineTuneNews::Event(ref event) if !matches!(event, FineTuneEvent::Finished(_) | FineTuneEvent::Stopped { .. })
        ))
    }
}

impl Reducible for PageState {
    type Action = PageAction;

    fn reduce(self: Rc<Self>, action: PageAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            PageAction::Worker(message) => next.apply(message),
            PageAction::Workers(messages) => messages.into_iter().for_each(|message| next.apply(message)),
            PageAction::TrainRequested(request) => {
                next.run = Rc::new(RunView { request: Some(request), running: true, serial: next.run.serial + 1, ..RunView::default() });
            }
            PageAction::WorkerCrashed { message, restarting } => {
                let run = Rc::make_mut(&mut next.run);
                if run.running {
                    run.running = false;
                    let after = if restarting { " A fresh worker is starting: press Train again once the data is loaded." } else { "" };
                    run.failure = Some(format!("{message}{after}"));
                }
                if next.fine_tuning_running() {
                    let request = next.fine_tuning.as_ref().map_or(0, |(request, _)| *request);
                    let lost = "The worker stopped during fine-tuning; the model answering before is unchanged. Press Fine-tune again once the data is loaded.";
                    next.fine_tuning = Some((request, Rc::new(FineTuneNews::Failed(lost.into()))));
                }
                next.worker_problem = Some(WorkerProblem { message, restarting });
                // The model went with the worker: nothing answers until a fresh one says which
                // model it loaded (and that news, even of the same model, asks for the drawing again).
                next.answering = None;
                next.worker_generation += 1;
                next.shapes = None;
                next.downloads = Rc::default();
                next.data_error = None;
            }
            PageAction::FineTuneRequested { request } => {
                let starting = FineTuneEvent::Measuring { moment: crate::training::fine_tune::Moment::Before, done: 0, total: 0 };
                next.fine_tuning = Some((request, Rc::new(FineTuneNews::Event(starting))));
            }
            PageAction::OneCoreFallback(message) => {
                next.one_core_fallback = Some(message);
                next.worker_problem = None;
                next.worker_generation += 1;
                next.shapes = None;
                next.downloads = Rc::default();
            }
            PageAction::WorkerStarting => {
                next.worker_problem = None;
                next.worker_generation += 1;
                // The fresh worker loads the data again (from the cache): Train waits for it.
                next.shapes = None;
                next.downloads = Rc::default();
            }
            PageAction::ResumeRequested { request, epochs } => {
                next.model_refused = None;
                next.run = Rc::new(RunView { request: Some(request), running: true, epochs, serial: next.run.serial + 1, ..RunView::default() });
            }
            PageAction::DataRetry => {
                next.data_error = None;
                next.downloads = Rc::default();
            }
        }
        Rc::new(next)
    }
}

impl PageState {
    fn apply(&mut self, message: FromWorker) {
        match message {
            // Only the worker handle needs it (its start timeout); the page shows nothing new.
            FromWorker::Started => {}
            FromWorker::Backend(report) => self.backend = Some(report),
            FromWorker::Download { file, loaded, total } => {
                Rc::make_mut(&mut self.downloads).insert(file, (loaded, total));
            }
            FromWorker::DataReady { train_shape, test_shape, samples } => {
                self.shapes = Some((train_shape, test_shape));
                self.data_samples = Rc::new(samples);
                self.data_error = None;
                if self.worker_problem.as_ref().is_some_and(|p| p.restarting) {
                    self.worker_problem = None;
                }
            }
            FromWorker::DataFailed(message) => self.data_error = Some(message),
            FromWorker::ModelUnavailable(message) => self.model_problem = Some(message),
            FromWorker::PredictionFailed { request, message } => self.prediction_failure = Some(PredictionFailure { request, message }),
            FromWorker::Diverged(message) => {
                let run = Rc::make_mut(&mut self.run);
                run.failure = Some(message);
                run.diverged = true;
                run.running = false;
            }
            FromWorker::Training(event) => Rc::make_mut(&mut self.run).record(event),
            FromWorker::TestResult { loss, accuracy, images } => Rc::make_mut(&mut self.run).test = Some((loss, accuracy, images)),
            FromWorker::PredictionGrid(grid) => {
                let run = Rc::make_mut(&mut self.run);
                run.grid = Some(Rc::new(grid));
                run.running = false;
            }
            FromWorker::Stopping { after_steps } => Rc::make_mut(&mut self.run).stopping_at = Some(after_steps),
            FromWorker::Answering(name) => {
                self.answering = Some(name);
                self.model_refused = None;
            }
            FromWorker::Kept { model, checkpoint } => Rc::make_mut(&mut self.run).kept = Some(Rc::new(KeptFiles { model, checkpoint })),
            FromWorker::ModelRefused(message) => self.model_refused = Some(message),
            FromWorker::ComparedPrediction { request, name, probabilities } => {
                self.compared = Some(ComparedAnswer { request, name, probabilities: Rc::new(probabilities) });
            }
            FromWorker::Prediction { request, probabilities, compute_ms } => {
                self.prediction = Some(Answer { request, probabilities: Rc::new(probabilities), compute_ms });
                self.prediction_failure = None;
            }
            FromWorker::Memory(report) => {
                let run = Rc::make_mut(&mut self.run);
                let first = run.memory.take().map_or_else(|| report.clone(), |(first, _)| first);
                run.memory = Some((first, report));
            }
            FromWorker::TrainingFailed(message) => {
                let run = Rc::make_mut(&mut self.run);
                run.failure = Some(message);
                run.running = false;
            }
            FromWorker::Inspect(reply) => Rc::make_mut(&mut self.inside).apply(reply),
            FromWorker::DigitsEvaluated { request, model, predictions, confidences } => {
                self.digits_answer = Some(DigitsAnswer::Read {
                    request,
                    model,
                    predictions: Rc::new(predictions),
                    confidences: Rc::new(confidences),
                });
            }
            FromWorker::DigitsNotEvaluated { request, message } => self.digits_answer = Some(DigitsAnswer::Failed { request, message }),
            // Fine-tuning (issue 14) has no panel yet: the latest news is kept for it.
            FromWorker::FineTuning { request, event } => self.fine_tuning = Some((request, Rc::new(FineTuneNews::Event(event)))),
            FromWorker::FineTuned { request, report } => self.fine_tuning = Some((request, Rc::new(FineTuneNews::Done(report)))),
            FromWorker::FineTuneFailed { request, message } => self.fine_tuning = Some((request, Rc::new(FineTuneNews::Failed(message)))),
        }
    }
}

impl RunView {
    fn record(&mut self, event: TrainingEvent) {
        match event {
            TrainingEvent::Batch(batch) => {
                let stride = (batch.batches / POINTS_PER_EPOCH).max(1);
                if batch.batch % stride == 0 || batch.batch == batch.batches {
                    let x = (batch.epoch - 1) as f64 + batch.batch as f64 / batch.batches as f64;
                    self.curve.push((x, batch.loss, batch.accuracy));
                }
                self.validating = None;
                self.last_batch = Some(batch);
            }
            TrainingEvent::Validating(progress) => self.validating = Some(progress),
            TrainingEvent::Epoch(summary) => {
                self.validating = None;
                self.epochs.push(summary);
            }
            TrainingEvent::Finished(summary) => self.finished = Some(summary),
        }
    }
}
