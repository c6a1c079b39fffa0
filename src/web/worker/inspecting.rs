//! The inside views (issue 12), answered from the model that answers drawings: a drawing's
//! feature maps and saliency, a layer's kernels, the confusion matrix on the test set and the
//! test images of one of its cells, and how one output value of a layer is computed. Every
//! request gets its result or a failure with its number.

use super::State;
use super::answering::AnsweringModel;
use super::clock::now_ms;
use super::fault_drills::{self, Failing};
use super::yield_now::yield_now;
use crate::data::Split;
use crate::inspect::{self, ConfusionMatrix};
use crate::protocol::{InspectReply, InspectRequest, InspectTopic, TestImage};
use crate::training::{TrainingError, predict};
use std::cell::RefCell;
use std::rc::Rc;

/// Test images per part of an on-demand confusion matrix: between parts the worker takes its
/// other messages, so drawings are still answered while 10 000 images are counted.
const CONFUSION_PART: usize = 1_000;
/// The most test images one request may ask for (a cell lists at most 50).
const MAX_TEST_IMAGES: usize = 200;

/// What drawing `request` (784 pixels in 0..1) does inside `model`, or why it cannot be said.
pub async fn drawing(model: Option<&AnsweringModel>, request: u64, pixels: &[f32]) -> InspectReply {
    let Some(model) = model else { return failed(InspectTopic::Drawing, request, "No model can answer yet.") };
    let started = now_ms();
    let inside = async {
        fault_drills::check(Failing::FeatureMaps)?;
        let maps = inspect::activation_maps(&model.network, &model.spec, pixels, &model.device).await?;
        let saliency = inspect::saliency(&model.network, pixels, &model.device).await?;
        Ok::<_, TrainingError>((maps, saliency))
    };
    match inside.await {
        Ok((maps, saliency)) => {
            InspectReply::Drawing { request, model: model.tag.clone(), maps, saliency, compute_ms: now_ms() - started }
        }
        Err(e) => failed(InspectTopic::Drawing, request, &format!("The feature maps could not be computed: {e}")),
    }
}

/// Answers one request of the page's inside views; `progress` takes the replies sent before the
/// answer (how far a confusion matrix has counted).
pub async fn answer(request: InspectRequest, state: &Rc<RefCell<State>>, progress: &dyn Fn(InspectReply)) -> InspectReply {
    let (model, data, counted) = {
        let state = state.borrow();
        (state.answering.clone(), state.data.clone(), state.confusion_model.clone())
    };
    match request {
        InspectRequest::Kernels { request, layer } => {
            let Some(model) = model else { return failed(InspectTopic::Kernels, request, "No model can answer yet.") };
            let read = async {
                fault_drills::check(Failing::Kernels)?;
                inspect::kernels(&model.network, &model.spec, layer).await
            };
            match read.await {
                Ok(kernels) => InspectReply::Kernels { request, model: model.tag, kernels },
                Err(e) => failed(InspectTopic::Kernels, request, &format!("The kernels could not be read: {e}")),
            }
        }
        InspectRequest::Confusion { request } => {
            let topic = InspectTopic::Confusion;
            let Some(model) = model else { return failed(topic, request, "No model can answer yet.") };
            let Some(data) = data else { return failed(topic, request, "The test images are not loaded yet: wait for section 1.") };
            let counted = |done, total| progress(InspectReply::Counting { request, done, total });
            match confusion(&model, &data.test, &counted).await {
                Ok((matrix, loss)) => {
                    // The cells' images are judged by the model that counted them.
                    state.borrow_mut().confusion_model = Some(model.clone());
                    let accuracy = matrix.accuracy();
                    InspectReply::Confusion { request: Some(request), model: model.tag, matrix, loss, accuracy }
                }
                Err(e) => failed(topic, request, &format!("The test images could not be evaluated: {e}")),
            }
        }
        InspectRequest::TestImages { request, indices } => {
            let topic = InspectTopic::TestImages;
            let (Some(model), Some(data)) = (counted, data) else {
                return failed(topic, request, "No confusion matrix has been computed in this worker yet.");
            };
            match test_images(&model, &data.test, &indices).await {
                Ok(images) => InspectReply::TestImages { request, model: model.tag, images },
                Err(message) => failed(topic, request, &message),
            }
        }
        InspectRequest::Cell { request, pixels, cell } => {
            let topic = InspectTopic::Cell;
            let Some(model) = model else { return failed(topic, request, "No model can answer yet.") };
            let started = now_ms();
            match inspect::explain_cell(&model.network, &model.spec, &pixels, &cell, &model.device).await {
                Ok(explanation) => {
                    InspectReply::Cell { request, model: model.tag, explanation, compute_ms: now_ms() - started }
                }
                Err(e) => failed(topic, request, &format!("This value could not be worked out: {e}")),
            }
        }
    }
}

/// The confusion matrix of `model` on `test` and its mean loss, part after part, telling
/// `counted` (done, total) after each part.
async fn confusion(model: &AnsweringModel, test: &Split, counted: &dyn Fn(usize, usize)) -> Result<(ConfusionMatrix, f32), TrainingError> {
    let mut predictions = Vec::with_capacity(test.len());
    let mut loss_sum = 0.0_f64;
    for start in (0..test.len()).step_by(CONFUSION_PART) {
        fault_drills::check(Failing::Confusion)?;
        let part = test.slice(start..start + CONFUSION_PART);
        let result = inspect::evaluate_with_predictions(&model.network, &part, &model.device).await?;
        loss_sum += f64::from(result.evaluation.loss) * part.len() as f64;
        predictions.extend(result.confusion.predictions);
        counted(predictions.len(), test.len());
        yield_now().await;
    }
    let loss = (loss_sum / test.len().max(1) as f64) as f32;
    Ok((ConfusionMatrix::new(predictions), loss))
}

/// Test images `indices` with their labels and `model`'s probabilities.
async fn test_images(model: &AnsweringModel, test: &Split, indices: &[usize]) -> Result<Vec<TestImage>, String> {
    if indices.len() > MAX_TEST_IMAGES {
        return Err(format!("At most {MAX_TEST_IMAGES} test images at a time, not {}.", indices.len()));
    }
    if let Some(&index) = indices.iter().find(|&&i| i >= test.len()) {
        return Err(format!("There is no test image {index}: the test set has {} images.", test.len()));
    }
    if indices.is_empty() {
        return Ok(Vec::new());
    }
    let probabilities = predict(&model.network, &test.scaled_pixels(indices), &model.device)
        .await
        .map_err(|e| format!("The model could not answer: {e}"))?;
    Ok(indices
        .iter()
        .zip(probabilities)
        .map(|(&index, probabilities)| TestImage { index, label: test.label(index), pixels: test.image(index).to_vec(), probabilities })
        .collect())
}

fn failed(topic: InspectTopic, request: u64, message: &str) -> InspectReply {
    InspectReply::Failed { topic, request, message: message.to_string() }
}
