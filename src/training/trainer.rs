//! ConvLab's own training loop (burn-train's Learner does not run on wasm), as a steppable state
//! machine: each `step` does one batch (or one validation chunk) and reports it, so a browser
//! worker can drive it, yield to its event loop between steps, and stop on a message.

use std::sync::Arc;

use burn::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::early_stopping::Watch;
use super::evaluate::{Totals, evaluate_range};
use super::events::{
    BatchProgress, EarlyStop, EpochSummary, FinishedSummary, PartialEpoch, TrainingEvent, ValidationProgress,
};
use super::gradient_step::StepFigures;
use super::init::seeded_network;
use super::memory;
use super::training_core::TrainingCore;
use super::{Hyperparameters, TrainingError, VALIDATION_BATCH};
use crate::augment;
use crate::data::Mnist;
use crate::model::{Mode, ModelSpec, Network, weights};

/// Milliseconds from some fixed origin: `performance.now()` in a browser, an `Instant` natively
/// (`std::time::Instant` panics on wasm, so the trainer never reads time itself).
pub type Clock = Box<dyn Fn() -> f64>;

pub(super) enum Phase {
    Train,
    Validate {
        next: usize,
        totals: Totals,
        model: Network,
        train_seconds: f64,
    },
    Done,
}

/// Trains a [`Network`] on MNIST, one [`Trainer::step`] at a time.
pub struct Trainer {
    pub(super) spec: ModelSpec,
    pub(super) hyper: Hyperparameters,
    pub(super) data: Arc<Mnist>,
    pub(super) train_len: usize,
    /// The model, its device, optimizer and loss, and the stop request.
    pub(super) core: TrainingCore,
    pub(super) clock: Clock,
    pub(super) rng: ChaCha8Rng,
    /// The RNG's word position before this epoch's shuffle (kept by checkpoints).
    pub(super) epoch_word_pos: u128,
    order: Vec<usize>,
    /// 0-based epoch in progress and its next batch.
    pub(super) epoch: usize,
    pub(super) batch: usize,
    pub(super) running: Totals,
    pub(super) epoch_start_ms: f64,
    pub(super) steps: usize,
    pub(super) phase: Phase,
    /// Early stopping's watch over the validation loss, when the run asks for it. A resumed run
    /// starts a fresh one (its best weights are not in the checkpoint).
    watch: Option<Watch<Network>>,
    /// Set when the watch has said stop; the run then finishes.
    early_stop: Option<EarlyStop>,
    /// The best epoch's weights, taken back when early stopping ended the run.
    restored: Option<Network>,
}

impl Trainer {
    /// Builds the network from `spec` on the autodiff form of `device`, seeded from `hyper.seed`.
    /// Validation uses all of `data.test`; pass a smaller `Mnist` to validate on fewer images.
    /// Refuses settings outside their ranges and runs that would not fit in a browser tab's
    /// memory ([`super::memory::check`]), natively too, so both behave alike.
    pub fn new(
        spec: &ModelSpec,
        hyper: Hyperparameters,
        data: Arc<Mnist>,
        device: &Device,
        clock: Clock,
    ) -> Result<Self, TrainingError> {
        let autodiff = device.clone().autodiff();
        // Checked before the network is allocated; `with_model` checks again, cheaply.
        hyper.validate().map_err(TrainingError::Hyperparameters)?;
        memory::check(spec, &hyper)?;
        let model = seeded_network(spec, &autodiff, hyper.seed)?;
        Self::with_model(spec, hyper, data, &autodiff, clock, model)
    }

    /// A run that starts from trained weights (`model_file`: a weights file or bare burnpack for
    /// `spec`) instead of fresh ones, with a fresh optimizer: how the shipped model's last epochs
    /// are trained at a lower learning rate (`train-native --finish`).
    pub fn continuing(
        spec: &ModelSpec,
        hyper: Hyperparameters,
        data: Arc<Mnist>,
        device: &Device,
        clock: Clock,
        model_file: &[u8],
    ) -> Result<Self, TrainingError> {
        let autodiff = device.clone().autodiff();
        hyper.validate().map_err(TrainingError::Hyperparameters)?;
        memory::check(spec, &hyper)?;
        let model = weights::from_bytes(spec, model_file, &autodiff).map_err(|e| TrainingError::Input(e.to_string()))?;
        Self::with_model(spec, hyper, data, &autodiff, clock, model)
    }

    /// A trainer at the start of a run around `model`, already on the autodiff `device`.
    pub(super) fn with_model(
        spec: &ModelSpec,
        hyper: Hyperparameters,
        data: Arc<Mnist>,
        device: &Device,
        clock: Clock,
        model: Network,
    ) -> Result<Self, TrainingError> {
        hyper.validate().map_err(TrainingError::Hyperparameters)?;
        memory::check(spec, &hyper)?;
        let train_len = hyper
            .train_subset
            .map_or(data.train.len(), |n| n.min(data.train.len()));
        if train_len == 0 || data.test.is_empty() {
            return Err(TrainingError::Input(
                "the training or the test set is empty".into(),
            ));
        }
        let hyper_watch = hyper.early_stopping.map(Watch::new);
        Ok(Self {
            spec: spec.clone(),
            epoch_word_pos: 0,
            core: TrainingCore::new(model, device, Mode::Training),
            rng: ChaCha8Rng::seed_from_u64(hyper.seed),
            hyper,
            data,
            train_len,
            clock,
            order: Vec::new(),
            epoch: 0,
            batch: 0,
            running: Totals::default(),
            epoch_start_ms: 0.0,
            steps: 0,
            phase: Phase::Train,
            watch: hyper_watch,
            early_stop: None,
            restored: None,
        })
    }

    /// Does the next unit of work and reports it; `Ok(None)` once finished. After an error (such
    /// as [`TrainingError::Diverged`] when a batch's loss is not finite) the trainer is finished
    /// too, and its model is still available.
    pub async fn step(&mut self) -> Result<Option<TrainingEvent>, TrainingError> {
        if matches!(self.phase, Phase::Done) {
            return Ok(None);
        }
        if self.core.stop_requested()
            || self.early_stop.is_some()
            || (matches!(self.phase, Phase::Train) && self.epoch == self.hyper.epochs)
        {
            return Ok(Some(self.finish()));
        }
        let event = match self.phase {
            Phase::Train => self.train_batch().await,
            _ => self.validate_chunk().await,
        };
        if event.is_err() {
            self.phase = Phase::Done;
        }
        event.map(Some)
    }

    /// Asks training to stop: the next [`Trainer::step`] reports `Finished { stopped: true }`.
    pub fn stop(&mut self) {
        self.core.request_stop();
    }

    /// Whether training is over (finished, stopped or failed).
    pub fn is_finished(&self) -> bool {
        matches!(self.phase, Phase::Done)
    }

    /// The current weights as an inference model (no autodiff), for prediction at any time;
    /// once early stopping has ended the run, the best epoch's.
    pub fn model(&self) -> Network {
        self.restored.clone().unwrap_or_else(|| self.core.model())
    }

    /// The device inference runs on (the plain form of the training device).
    pub fn inference_device(&self) -> Device {
        self.core.inference_device()
    }

    /// The settings this run uses.
    pub fn hyperparameters(&self) -> &Hyperparameters {
        &self.hyper
    }

    /// Gradient steps per epoch (the last batch may be smaller, as in Keras).
    pub fn batches_per_epoch(&self) -> usize {
        self.train_len.div_ceil(self.hyper.batch_size)
    }

    /// Gradient steps taken since the run began (a resumed run counts its earlier steps).
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// The architecture being trained.
    pub fn spec(&self) -> &ModelSpec {
        &self.spec
    }

    /// Training images per epoch.
    pub fn train_len(&self) -> usize {
        self.train_len
    }

    async fn train_batch(&mut self) -> Result<TrainingEvent, TrainingError> {
        if self.batch == 0 {
            self.start_epoch();
        }
        let bs = self.hyper.batch_size;
        let start = self.batch * bs;
        let indices = &self.order[start..(start + bs).min(self.train_len)];
        let (images, labels) = if self.hyper.augment {
            let mut pixels = self.data.train.scaled_pixels(indices);
            let mut rng = augment::batch_rng(self.hyper.seed, self.epoch, self.batch);
            let labels: Vec<u8> = indices.iter().map(|&i| self.data.train.label(i)).collect();
            augment::augment_batch(&mut pixels, &labels, &mut rng);
            self.data.train.batch_of(pixels, indices, self.core.device())
        } else {
            self.data.train.batch(indices, self.core.device())
        };

        let StepFigures { loss: batch_loss, correct } =
            self.core.step(self.hyper.learning_rate, images, labels).await?;
        if !batch_loss.is_finite() {
            // The update above has made the weights useless; `step` ends the run.
            return Err(TrainingError::Diverged {
                epoch: self.epoch + 1,
                batch: self.batch + 1,
                loss: batch_loss as f32,
                learning_rate: self.hyper.learning_rate,
            });
        }
        let n = indices.len();
        self.running.add(Totals {
            loss_sum: batch_loss * n as f64,
            correct,
            count: n,
        });
        self.batch += 1;
        self.steps += 1;

        let now = (self.clock)();
        let elapsed_s = (now - self.epoch_start_ms) / 1000.0;
        if self.batch == self.batches_per_epoch() {
            self.phase = Phase::Validate {
                next: 0,
                totals: Totals::default(),
                model: self.model(),
                train_seconds: elapsed_s,
            };
        }
        let so_far = self.running.evaluation();
        Ok(TrainingEvent::Batch(BatchProgress {
            epoch: self.epoch + 1,
            epochs: self.hyper.epochs,
            batch: self.batch,
            batches: self.batches_per_epoch(),
            loss: so_far.loss,
            accuracy: so_far.accuracy,
            batch_loss: batch_loss as f32,
            samples: self.running.count,
            samples_per_sec: rate(self.running.count, elapsed_s),
        }))
    }

    async fn validate_chunk(&mut self) -> Result<TrainingEvent, TrainingError> {
        let device = self.inference_device();
        let Phase::Validate {
            next,
            totals,
            model,
            train_seconds,
        } = &mut self.phase
        else {
            unreachable!("validate_chunk runs in the validation phase");
        };
        let test = &self.data.test;
        let end = (*next + VALIDATION_BATCH).min(test.len());
        totals.add(evaluate_range(model, test, *next..end, VALIDATION_BATCH, &device).await?);
        *next = end;
        if end < test.len() {
            let total = test.len();
            return Ok(TrainingEvent::Validating(ValidationProgress {
                epoch: self.epoch + 1,
                done: end,
                total,
            }));
        }

        let (val, train_seconds) = (totals.evaluation(), *train_seconds);
        let train = self.running.evaluation();
        let summary = EpochSummary {
            epoch: self.epoch + 1,
            epochs: self.hyper.epochs,
            loss: train.loss,
            accuracy: train.accuracy,
            val_loss: val.loss,
            val_accuracy: val.accuracy,
            seconds: ((self.clock)() - self.epoch_start_ms) / 1000.0,
            train_seconds,
            samples_per_sec: rate(self.running.count, train_seconds),
        };
        if let Some(watch) = &mut self.watch {
            self.early_stop = watch.epoch_ended(summary.epoch, summary.val_loss, || model.clone());
        }
        self.epoch += 1;
        self.batch = 0;
        self.phase = Phase::Train;
        Ok(TrainingEvent::Epoch(summary))
    }

    /// Reshuffles the training images (Fisher–Yates on u32 draws, so wasm32 and 64-bit hosts
    /// shuffle alike) and resets the epoch's running figures.
    pub(super) fn start_epoch(&mut self) {
        self.epoch_word_pos = self.rng.get_word_pos();
        self.order = (0..self.train_len).collect();
        for i in (1..self.order.len()).rev() {
            let j = self.rng.random_range(0..=i as u32) as usize;
            self.order.swap(i, j);
        }
        self.running = Totals::default();
        self.epoch_start_ms = (self.clock)();
    }

    fn finish(&mut self) -> TrainingEvent {
        let partial_epoch = self.partial_epoch();
        self.phase = Phase::Done;
        // Only early stopping takes the best weights back (Keras keeps the last weights of a run
        // that ran all its epochs, or that was stopped by hand).
        if self.early_stop.is_some() {
            self.restored = self.watch.take().and_then(Watch::into_best_weights);
        }
        TrainingEvent::Finished(FinishedSummary {
            stopped: self.core.stop_requested(),
            epochs_completed: self.epoch,
            steps: self.steps,
            partial_epoch,
            early_stop: self.early_stop.clone(),
        })
    }

    /// The epoch in progress when some of its batches are done but its validation is not (a
    /// stop mid-epoch, or during the epoch's validation): so a stopped run keeps what it did.
    fn partial_epoch(&self) -> Option<PartialEpoch> {
        let train_seconds = match &self.phase {
            Phase::Train if self.batch > 0 => ((self.clock)() - self.epoch_start_ms) / 1000.0,
            Phase::Validate { train_seconds, .. } => *train_seconds,
            _ => return None,
        };
        let so_far = self.running.evaluation();
        Some(PartialEpoch {
            epoch: self.epoch + 1,
            epochs: self.hyper.epochs,
            batch: self.batch,
            batches: self.batches_per_epoch(),
            loss: so_far.loss,
            accuracy: so_far.accuracy,
            samples: self.running.count,
            train_seconds,
        })
    }
}

/// Samples a second (0 before any time has passed).
pub(super) fn rate(samples: usize, seconds: f64) -> f64 {
    if seconds > 0.0 {
        samples as f64 / seconds
    } else {
        0.0
    }
}
