//! Evaluation (loss and accuracy on a split) and prediction (class probabilities), on the
//! inference model. All reads from the device are async, so this runs on WebGPU in a browser.

use std::ops::Range;

use burn::module::Module;
use burn::nn::loss::CrossEntropyLoss;
use burn::tensor::{Device, Int, Tensor, Transaction};
use serde::{Deserialize, Serialize};

use super::TrainingError;
use crate::data::{CLASSES, PIXELS, SIDE, Split};
use crate::model::Network;

/// Mean loss and accuracy over a split, as Keras' `model.evaluate` reports them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub loss: f32,
    pub accuracy: f32,
}

/// Evaluates `network` on all of `split`, `batch_size` images at a time. The network and the
/// batches are moved to the plain (non-autodiff) form of `device`: no graph is recorded.
pub async fn evaluate(
    network: &Network,
    split: &Split,
    batch_size: usize,
    device: &Device,
) -> Result<Evaluation, TrainingError> {
    if split.is_empty() || batch_size == 0 {
        return Err(TrainingError::Input(
            "nothing to evaluate: empty split or batch size 0".into(),
        ));
    }
    let device = device.clone().without_autodiff();
    let network = network.valid().to_device(&device);
    let totals = evaluate_range(&network, split, 0..split.len(), batch_size, &device).await?;
    Ok(totals.evaluation())
}

/// Sums of loss and correct predictions over some images.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Totals {
    pub loss_sum: f64,
    pub correct: u64,
    pub count: usize,
}

impl Totals {
    pub fn add(&mut self, other: Totals) {
        self.loss_sum += other.loss_sum;
        self.correct += other.correct;
        self.count += other.count;
    }

    pub fn evaluation(&self) -> Evaluation {
        let n = self.count.max(1) as f64;
        Evaluation {
            loss: (self.loss_sum / n) as f32,
            accuracy: (self.correct as f64 / n) as f32,
        }
    }
}

/// Evaluates an inference `network` (already on `device`) on the images `range` of `split`.
/// Sums stay on the device across batches and are read back once, at the end.
pub(crate) async fn evaluate_range(
    network: &Network,
    split: &Split,
    range: Range<usize>,
    batch_size: usize,
    device: &Device,
) -> Result<Totals, TrainingError> {
    let loss_fn = CrossEntropyLoss::new(None, device);
    let indices: Vec<usize> = range.collect();
    let mut loss_sum: Option<Tensor<1>> = None;
    let mut correct_sum: Option<Tensor<1, Int>> = None;
    for chunk in indices.chunks(batch_size) {
        let (images, labels) = split.batch(chunk, device);
        let logits = network.forward(images);
        let correct = correct_count(logits.clone(), labels.clone());
        // The loss is a batch mean; weight it so the total is a mean over images.
        let loss = loss_fn
            .forward(logits, labels)
            .mul_scalar(chunk.len() as f32);
        loss_sum = Some(loss_sum.map_or(loss.clone(), |s| s + loss));
        correct_sum = Some(correct_sum.map_or(correct.clone(), |s| s + correct));
    }
    let (Some(loss_sum), Some(correct_sum)) = (loss_sum, correct_sum) else {
        return Ok(Totals::default());
    };
    let data = Transaction::default()
        .register(loss_sum)
        .register(correct_sum)
        .execute_async()
        .await
        .map_err(TrainingError::device)?;
    Ok(Totals {
        loss_sum: read_f64(&data[0])?,
        correct: read_f64(&data[1])? as u64,
        count: indices.len(),
    })
}

/// How many rows of `logits` have their maximum at the label: a `[1]` int tensor.
pub(crate) fn correct_count(logits: Tensor<2>, labels: Tensor<1, Int>) -> Tensor<1, Int> {
    let predicted: Tensor<1, Int> = logits.argmax(1).squeeze_dim(1);
    predicted.equal(labels).int().sum()
}

/// The single value of a read-back tensor, whatever its dtype (f32/f16 floats, i32/i64 ints).
pub(crate) fn read_f64(data: &burn::tensor::TensorData) -> Result<f64, TrainingError> {
    data.iter::<f64>()
        .next()
        .ok_or_else(|| TrainingError::Device("empty read-back".into()))
}

/// Class probabilities for `images`: `n * 784` floats in 0..1, image after image, row-major.
pub async fn predict(
    network: &Network,
    images: &[f32],
    device: &Device,
) -> Result<Vec<[f32; CLASSES]>, TrainingError> {
    if images.is_empty() || !images.len().is_multiple_of(PIXELS) {
        return Err(TrainingError::Input(format!(
            "predict takes n x 784 pixels, got {} values",
            images.len()
        )));
    }
    let n = images.len() / PIXELS;
    let device = device.clone().without_autodiff();
    let network = network.valid().to_device(&device);
    let data = burn::tensor::TensorData::new(images.to_vec(), [n, 1, SIDE, SIDE]);
    let probabilities = network.probabilities(Tensor::from_data(data, &device));
    let data = probabilities
        .into_data_async()
        .await
        .map_err(TrainingError::device)?;
    let values: Vec<f32> = data.iter::<f32>().collect();
    Ok(values
        .chunks_exact(CLASSES)
        .map(|row| std::array::from_fn(|k| row[k]))
        .collect())
}
