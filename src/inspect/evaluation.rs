//! A test pass that keeps every image's answer, for the confusion matrix: the loss and accuracy
//! of [`crate::training::evaluate`] and, per image, the predicted class and its probability.

use burn::module::Module;
use burn::nn::loss::CrossEntropyLoss;
use burn::tensor::activation::softmax;
use burn::tensor::{Device, Int, Tensor, Transaction};

use super::{ConfusionMatrix, ImagePrediction};
use crate::data::Split;
use crate::training::{Evaluation, TrainingError, VALIDATION_BATCH};

/// The outcome of a pass over a split: the figures `model.evaluate` prints and the matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct PredictedSplit {
    pub evaluation: Evaluation,
    pub confusion: ConfusionMatrix,
}

/// Evaluates `network` on all of `split`, [`VALIDATION_BATCH`] images at a time, on the plain
/// form of `device`. Results stay on the device until one read at the end.
pub async fn evaluate_with_predictions(
    network: &crate::model::Network,
    split: &Split,
    device: &Device,
) -> Result<PredictedSplit, TrainingError> {
    if split.is_empty() {
        return Err(TrainingError::Input(
            "nothing to evaluate: empty split".into(),
        ));
    }
    let device = device.clone().without_autodiff();
    let network = network.valid().to_device(&device);
    let loss_fn = CrossEntropyLoss::new(None, &device);
    let indices: Vec<usize> = (0..split.len()).collect();
    let mut loss_sum = Tensor::<1>::zeros([1], &device);
    let (mut classes, mut confidences) = (Vec::new(), Vec::new());
    for chunk in indices.chunks(VALIDATION_BATCH) {
        let (images, labels) = split.batch(chunk, &device);
        let logits = network.forward(images);
        let top: Tensor<2> = softmax(logits.clone(), 1).max_dim(1);
        classes.push(logits.clone().argmax(1));
        confidences.push(top);
        // The loss is a batch mean; weighted, the total is a sum over images.
        loss_sum = loss_sum
            + loss_fn
                .forward(logits, labels)
                .mul_scalar(chunk.len() as f32);
    }
    let data = Transaction::default()
        .register(loss_sum)
        .register(Tensor::<2, Int>::cat(classes, 0))
        .register(Tensor::<2>::cat(confidences, 0))
        .execute_async()
        .await
        .map_err(TrainingError::device)?;
    let loss_sum = data[0].iter::<f64>().next().unwrap_or(f64::NAN);
    let predictions = (split
        .labels()
        .iter()
        .zip(data[1].iter::<i64>())
        .zip(data[2].iter::<f32>()))
    .map(|((&label, predicted), confidence)| ImagePrediction {
        label,
        predicted: predicted as u8,
        confidence,
    })
    .collect();
    let confusion = ConfusionMatrix::new(predictions);
    let count = split.len() as f64;
    let evaluation = Evaluation {
        loss: (loss_sum / count) as f32,
        accuracy: (f64::from(confusion.correct()) / count) as f32,
    };
    Ok(PredictedSplit {
        evaluation,
        confusion,
    })
}
