//! The fine-tuning loop, as a steppable state machine like the trainer: measure, take the
//! steps, measure again, one unit of work per [`FineTuner::step`], so a browser worker can
//! yield between them and stop on a message.

use std::sync::Arc;

use burn::module::Module;
use burn::tensor::Device;

use super::batch::Mixer;
use super::{
    FineTuneEvent, FineTuneFigures, FineTuneReport, FineTuneSettings, HeldOutSplit,
    MNIST_TEST_SET, Moment, check_digits,
};
use crate::data::{LabelledDigits, Mnist, Split};
use crate::model::{Mode, Network};
use crate::training::evaluate::{Totals, evaluate_range};
use crate::training::gradient_step::StepFigures;
use crate::training::trainer::{Clock, rate};
use crate::training::training_core::TrainingCore;
use crate::training::{BatchProgress, TrainingError, VALIDATION_BATCH};

enum Phase {
    Measure {
        moment: Moment,
        done: usize,
        held_out: Totals,
        mnist: Totals,
    },
    Steps,
    Done,
}

/// Fine-tunes a copy of a model on the learner's digits mixed with MNIST.
pub struct FineTuner {
    settings: FineTuneSettings,
    /// The model, its device, optimizer and loss, and the stop request.
    core: TrainingCore,
    mixer: Mixer,
    split: HeldOutSplit,
    held_out: Split,
    mnist_test: Split,
    data: Arc<Mnist>,
    missing_classes: Vec<u8>,
    before: Option<FineTuneFigures>,
    phase: Phase,
    steps: usize,
    running: Totals,
    clock: Clock,
    start_ms: f64,
}

impl FineTuner {
    /// Prepares fine-tuning a copy of `model` (which is left as it is) on `device`. Refuses
    /// malformed digits, fewer than [`super::MIN_DIGITS`], digits of which none can be held out (no
    /// class drawn twice), settings out of range, and empty MNIST splits. A class with no digit
    /// is allowed (the learner may want to teach only their 7s): the report lists it.
    pub fn new(
        model: &Network,
        digits: &LabelledDigits,
        data: Arc<Mnist>,
        settings: FineTuneSettings,
        device: &Device,
        clock: Clock,
    ) -> Result<Self, TrainingError> {
        settings
            .validate()
            .map_err(TrainingError::Hyperparameters)?;
        let all = digits.to_split()?;
        // The page's rule and button use the same check.
        let split = check_digits(all.labels(), settings.hold_out_every)?;
        if data.train.is_empty() || data.test.is_empty() {
            return Err(TrainingError::Input(
                "the MNIST training or test set is empty".into(),
            ));
        }
        let autodiff = device.clone().autodiff();
        // A copy on the plain device, then `train()` puts it on the autodiff one with its
        // parameters recording gradients again (`valid()` had switched that off).
        let model = model
            .valid()
            .to_device(&autodiff.clone().without_autodiff())
            .train();
        let clock_start = clock();
        Ok(Self {
            mixer: Mixer::new(all.pick(&split.train), &settings),
            held_out: all.pick(&split.held_out),
            mnist_test: spread(&data.test, settings.mnist_test_images),
            missing_classes: digits.missing_classes(),
            // Inference behaviour while fine-tuning, as Keras' guide to fine-tuning advises: a few
            // dozen digits in small batches would drag BatchNormalization's moving statistics away
            // from the 60 000 images they were averaged over; γ, β and the weights still learn.
            core: TrainingCore::new(model, &autodiff, Mode::Inference),
            split,
            data,
            settings,
            before: None,
            phase: measuring(Moment::Before),
            steps: 0,
            running: Totals::default(),
            clock,
            start_ms: clock_start,
        })
    }

    /// Does the next unit of work and reports it; `Ok(None)` once finished or stopped. After an
    /// error ([`TrainingError::Diverged`] when a step's loss is not finite) it is finished too.
    pub async fn step(&mut self) -> Result<Option<FineTuneEvent>, TrainingError> {
        if matches!(self.phase, Phase::Done) {
            return Ok(None);
        }
        if self.core.stop_requested() {
            self.phase = Phase::Done;
            return Ok(Some(FineTuneEvent::Stopped { steps: self.steps }));
        }
        let event = match self.phase {
            Phase::Steps => self.train_step().await,
            _ => self.measure_chunk().await,
        };
        if event.is_err() {
            self.phase = Phase::Done;
        }
        event.map(Some)
    }

    /// Asks fine-tuning to stop: the next [`FineTuner::step`] reports `Stopped`.
    pub fn stop(&mut self) {
        self.core.request_stop();
    }

    pub fn is_finished(&self) -> bool {
        matches!(self.phase, Phase::Done)
    }

    /// The current weights as an inference model (no autodiff).
    pub fn model(&self) -> Network {
        self.core.model()
    }

    /// The device inference runs on (the plain form of the fine-tuning device).
    pub fn inference_device(&self) -> Device {
        self.core.inference_device()
    }

    /// Which of the learner's digits train and which are held out to measure on.
    pub fn held_out_split(&self) -> &HeldOutSplit {
        &self.split
    }

    /// Gradient steps taken so far.
    pub fn steps(&self) -> usize {
        self.steps
    }

    async fn train_step(&mut self) -> Result<FineTuneEvent, TrainingError> {
        let (images, labels) = self.mixer.next_batch(&self.data.train, self.core.device());
        let n = labels.dims()[0];
        let StepFigures { loss: batch_loss, correct } =
            self.core.step(self.settings.learning_rate, images, labels).await?;
        if !batch_loss.is_finite() {
            return Err(TrainingError::Diverged {
                epoch: 1,
                batch: self.steps + 1,
                loss: batch_loss as f32,
                learning_rate: self.settings.learning_rate,
            });
        }
        self.running.add(Totals {
            loss_sum: batch_loss * n as f64,
            correct,
            count: n,
        });
        self.steps += 1;
        if self.steps == self.settings.steps {
            self.phase = measuring(Moment::After);
        }
        let so_far = self.running.evaluation();
        let seconds = ((self.clock)() - self.start_ms) / 1000.0;
        Ok(FineTuneEvent::Step(BatchProgress {
            epoch: 1,
            epochs: 1,
            batch: self.steps,
            batches: self.settings.steps,
            loss: so_far.loss,
            accuracy: so_far.accuracy,
            batch_loss: batch_loss as f32,
            samples: self.running.count,
            samples_per_sec: rate(self.running.count, seconds),
        }))
    }

    /// The held-out digits in one go (a few dozen), then MNIST's test images in chunks.
    async fn measure_chunk(&mut self) -> Result<FineTuneEvent, TrainingError> {
        let device = self.inference_device();
        let model = self.model();
        let total = self.held_out.len() + self.mnist_test.len();
        let Phase::Measure {
            moment,
            done,
            held_out,
            mnist,
        } = &mut self.phase
        else {
            unreachable!("measure_chunk runs in a measuring phase");
        };
        if *done == 0 {
            let all = 0..self.held_out.len();
            *held_out =
                evaluate_range(&model, &self.held_out, all, VALIDATION_BATCH, &device).await?;
            *done = self.held_out.len();
        } else {
            let start = *done - self.held_out.len();
            let end = (start + VALIDATION_BATCH).min(self.mnist_test.len());
            mnist.add(
                evaluate_range(
                    &model,
                    &self.mnist_test,
                    start..end,
                    VALIDATION_BATCH,
                    &device,
                )
                .await?,
            );
            *done = self.held_out.len() + end;
        }
        if *done < total {
            return Ok(FineTuneEvent::Measuring {
                moment: *moment,
                done: *done,
                total,
            });
        }
        let (h, m) = (held_out.evaluation(), mnist.evaluation());
        let figures = FineTuneFigures {
            held_out_accuracy: h.accuracy,
            held_out_loss: h.loss,
            mnist_accuracy: m.accuracy,
            mnist_loss: m.loss,
        };
        if *moment == Moment::Before {
            self.before = Some(figures);
            self.phase = Phase::Steps;
            self.start_ms = (self.clock)();
            return Ok(FineTuneEvent::Before(figures));
        }
        self.phase = Phase::Done;
        Ok(FineTuneEvent::Finished(FineTuneReport {
            before: self.before.expect("measured before the steps"),
            after: figures,
            steps: self.steps,
            train_digits: self.split.train.len(),
            held_out_digits: self.split.held_out.len(),
            held_out_labels: self.held_out.labels().to_vec(),
            mnist_test_images: self.mnist_test.len(),
            missing_classes: self.missing_classes.clone(),
        }))
    }
}

fn measuring(moment: Moment) -> Phase {
    Phase::Measure {
        moment,
        done: 0,
        held_out: Totals::default(),
        mnist: Totals::default(),
    }
}

/// `n` test images evenly spread over `test` (every 5th of 10 000 for 2 000).
fn spread(test: &Split, n: usize) -> Split {
    let n = n.clamp(1, test.len().min(MNIST_TEST_SET));
    let indices: Vec<usize> = (0..n).map(|i| i * test.len() / n).collect();
    test.pick(&indices)
}
