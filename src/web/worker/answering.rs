//! The model that answers the learner's drawings: the pre-trained default shipped with the app
//! until a run of the learner's own takes over (updated as it learns).

use super::clock::now_ms;
use super::download::fetch_uncached;
use super::fault_drills::{self, Failing};
use super::yield_now::yield_now;
use crate::data::PIXELS;
use crate::model::weights::Pretrained;
use crate::model::{ModelSpec, Network};
use crate::protocol::ModelTag;
use crate::training::predict;
use burn::prelude::Device;
use std::cell::Cell;

#[derive(Clone)]
pub struct AnsweringModel {
    pub network: Network,
    pub device: Device,
    /// The layers `network` was built from (the inside views name and read them).
    pub spec: ModelSpec,
    /// Shown on the page: which model answers, with a number of its own.
    pub tag: ModelTag,
}

thread_local! {
    /// The last model number given out: every model (and every newer copy of one in training)
    /// gets the next, so the page can tell results of different models apart.
    static LAST_ID: Cell<u64> = const { Cell::new(0) };
}

impl AnsweringModel {
    pub fn new(network: Network, device: Device, spec: ModelSpec, name: String) -> Self {
        let id = LAST_ID.with(|last| {
            last.set(last.get() + 1);
            last.get()
        });
        Self { network, device, spec, tag: ModelTag { id, name } }
    }

    /// The class probabilities of one 28 × 28 image, and how many milliseconds they took.
    pub async fn predict(&self, pixels: &[f32]) -> Result<(Vec<f32>, f64), String> {
        let started = now_ms();
        fault_drills::check(Failing::Prediction).map_err(|e| e.to_string())?;
        let mut probabilities = predict(&self.network, pixels, &self.device).await.map_err(|e| e.to_string())?;
        let probabilities = probabilities.pop().map(|p| p.to_vec()).ok_or("no prediction came back")?;
        Ok((probabilities, now_ms() - started))
    }
}

/// Digits read per forward pass when evaluating the learner's digits; the worker takes other
/// messages (drawings, Stop) between passes.
const EVALUATION_BATCH: usize = 250;

impl AnsweringModel {
    /// For each image of `pixels` (n × 784 values), the class this model reads and its
    /// probability.
    pub async fn classify_all(&self, pixels: &[f32]) -> Result<(Vec<u8>, Vec<f32>), String> {
        if pixels.is_empty() || !pixels.len().is_multiple_of(PIXELS) {
            return Err(format!("the digits arrived as {} values, not a multiple of {PIXELS}", pixels.len()));
        }
        let (mut classes, mut confidences) = (Vec::new(), Vec::new());
        for chunk in pixels.chunks(EVALUATION_BATCH * PIXELS) {
            for probabilities in predict(&self.network, chunk, &self.device).await.map_err(|e| e.to_string())? {
                let (class, confidence) = probabilities
                    .iter()
                    .enumerate()
                    .fold((0, f32::NEG_INFINITY), |best, (k, &p)| if p > best.1 { (k, p) } else { best });
                if !confidence.is_finite() {
                    return Err("the model's answer is not a number (NaN): its weights have overflowed".into());
                }
                classes.push(class as u8);
                confidences.push(confidence);
            }
            yield_now().await;
        }
        Ok((classes, confidences))
    }
}

/// Downloads and decodes the shipped weights, on the CPU: one drawing at a time is best served
/// there, whatever trains.
pub async fn load_pretrained(url: &str) -> Result<AnsweringModel, String> {
    let bytes = fetch_uncached(url)
        .await
        .map_err(|e| format!("Could not download the pre-trained model from {url}: {e}. Fix: rebuild with `cargo xtask run`"))?;
    let device = Device::flex();
    let (about, network) = Pretrained::decode(&bytes, &device)
        .map_err(|e| format!("The pre-trained model at {url} cannot be used: {e}. Fix: regenerate it (docs/model.md) and rebuild"))?;
    let accuracy = about.test_accuracy.map(|a| format!(", {:.2} % on the test set", a * 100.0)).unwrap_or_default();
    let name = format!("the pre-trained tutorial model ({}{accuracy})", training_words(&about.hyperparameters));
    Ok(AnsweringModel::new(network, device, about.spec, name))
}

/// A kept or loaded `.convlab` file as a model answering drawings (on the CPU), named `name`;
/// a file that cannot be used gives the learner's message.
pub fn from_file(file: &[u8], name: String) -> Result<AnsweringModel, String> {
    let device = Device::flex();
    let (about, network) = Pretrained::decode(file, &device).map_err(|e| {
        format!("This file cannot be used as a model: {e}. Nothing was changed; the model that answered before still answers.")
    })?;
    let accuracy = about.test_accuracy.map(|a| format!(", {:.2} % on the test set", a * 100.0)).unwrap_or_default();
    Ok(AnsweringModel::new(network, device, about.spec, format!("{name} ({}{accuracy})", training_words(&about.hyperparameters))))
}

/// "5 epochs" ("1 epoch"), or "5 epochs, augmented" for a model trained on distorted images.
fn training_words(hyper: &crate::training::Hyperparameters) -> String {
    let augmented = if hyper.augment { ", augmented" } else { "" };
    format!("{}{augmented}", crate::wording::count(hyper.epochs as usize, "epoch"))
}
