//! What a training run ([`Trainer`](super::Trainer)) and a fine-tuning
//! ([`FineTuner`](super::FineTuner)) both hold and do the same way: the network being trained on
//! the autodiff form of a device, Adam's state, the cross-entropy loss, one gradient step on a
//! batch, and the request to stop. Each adds its own loop around it: epochs and validation for
//! the one, measurements before and after a few steps for the other.

use burn::nn::loss::CrossEntropyLoss;
use burn::prelude::*;

use super::TrainingError;
use super::adam::AdamOptimizer;
use super::gradient_step::{StepFigures, gradient_step};
use crate::model::{Mode, Network};

pub(super) struct TrainingCore {
    /// The autodiff form of the device it runs on.
    device: Device,
    /// `None` only while the optimizer owns it, inside a step.
    model: Option<Network>,
    /// Adam's moments; a checkpoint saves and restores them.
    pub(super) optim: AdamOptimizer,
    loss_fn: CrossEntropyLoss,
    /// How Dropout and BatchNormalization behave in its steps.
    mode: Mode,
    stop_requested: bool,
}

impl TrainingCore {
    /// Training `model`, already on the autodiff `device`, with a fresh optimizer, its layers
    /// behaving as in `mode` during steps.
    pub(super) fn new(model: Network, device: &Device, mode: Mode) -> Self {
        Self {
            mode,
            optim: AdamOptimizer::default(),
            loss_fn: CrossEntropyLoss::new(None, device),
            model: Some(model),
            device: device.clone(),
            stop_requested: false,
        }
    }

    /// The autodiff device batches go to.
    pub(super) fn device(&self) -> &Device {
        &self.device
    }

    /// The device inference runs on (the plain form of the training device).
    pub(super) fn inference_device(&self) -> Device {
        self.device.clone().without_autodiff()
    }

    /// The current weights as an inference model (no autodiff).
    pub(super) fn model(&self) -> Network {
        self.model
            .as_ref()
            .expect("model is only taken within a step")
            .valid()
    }

    /// One gradient step on `images`/`labels`. The updated model is kept even when reading the
    /// step's figures fails, so there is still a model to show after an error; a loss that is
    /// not finite is the caller's to report.
    pub(super) async fn step(
        &mut self,
        learning_rate: f64,
        images: Tensor<4>,
        labels: Tensor<1, Int>,
    ) -> Result<StepFigures, TrainingError> {
        let model = self
            .model
            .take()
            .expect("model is only taken within a step");
        let (model, figures) = gradient_step(model, &mut self.optim, &self.loss_fn, learning_rate, images, labels, self.mode).await;
        self.model = Some(model);
        figures
    }

    /// Asks the run to stop at its next step.
    pub(super) fn request_stop(&mut self) {
        self.stop_requested = true;
    }

    pub(super) fn stop_requested(&self) -> bool {
        self.stop_requested
    }
}
