//! The model that answers the learner's drawings: the pre-trained default shipped with the app
//! until a run of the learner's own takes over (updated as it learns).

use super::download::fetch_uncached;
use super::session::now_ms;
use crate::model::Network;
use crate::model::weights::Pretrained;
use crate::training::predict;
use burn::prelude::Device;

#[derive(Clone)]
pub struct AnsweringModel {
    pub network: Network,
    pub device: Device,
    /// Shown on the page: which model answers.
    pub name: String,
}

impl AnsweringModel {
    /// The class probabilities of one 28 × 28 image, and how many milliseconds they took.
    pub async fn predict(&self, pixels: &[f32]) -> Result<(Vec<f32>, f64), String> {
        let started = now_ms();
        let mut probabilities = predict(&self.network, pixels, &self.device).await.map_err(|e| e.to_string())?;
        let probabilities = probabilities.pop().map(|p| p.to_vec()).ok_or("no prediction came back")?;
        Ok((probabilities, now_ms() - started))
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
        .map_err(|e| format!("The pre-trained model at {url} cannot be used: {e}. Fix: regenerate it (see README) and rebuild"))?;
    let accuracy = about.test_accuracy.map(|a| format!(", {:.2} % on the test set", a * 100.0)).unwrap_or_default();
    Ok(AnsweringModel {
        network,
        device,
        name: format!("the pre-trained tutorial model ({} epochs{accuracy})", about.hyperparameters.epochs),
    })
}

/// A kept or loaded `.convlab` file as a model answering drawings (on the CPU), named `name`;
/// a file that cannot be used gives the learner's message.
pub fn from_file(file: &[u8], name: String) -> Result<AnsweringModel, String> {
    let device = Device::flex();
    let (about, network) = Pretrained::decode(file, &device).map_err(|e| {
        format!("This file cannot be used as a model: {e}. Nothing was changed; the model that answered before still answers.")
    })?;
    let accuracy = about.test_accuracy.map(|a| format!(", {:.2} % on the test set", a * 100.0)).unwrap_or_default();
    Ok(AnsweringModel { network, device, name: format!("{name} ({} epochs{accuracy})", about.hyperparameters.epochs) })
}
