//! A network's answers on the synthetic digits (needs burn: the `compute` feature).

use burn::tensor::Device;

use super::SyntheticDigit;
use crate::data::PIXELS;
use crate::model::Network;
use crate::training::{TrainingError, predict};

/// The network's top class for each digit of `set`, in order, predicted 250 at a time.
pub async fn answers(
    network: &Network,
    set: &[SyntheticDigit],
    device: &Device,
) -> Result<Vec<u8>, TrainingError> {
    let mut out = Vec::with_capacity(set.len());
    for chunk in set.chunks(250) {
        let mut pixels = Vec::with_capacity(chunk.len() * PIXELS);
        for digit in chunk {
            pixels.extend_from_slice(&digit.pixels);
        }
        for p in predict(network, &pixels, device).await? {
            let top = (0..p.len()).max_by(|&a, &b| p[a].total_cmp(&p[b]));
            out.push(top.expect("ten classes") as u8);
        }
    }
    Ok(out)
}
