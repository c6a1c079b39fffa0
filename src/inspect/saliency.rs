//! Saliency: how much each input pixel sways the top class, as the gradient of that class's
//! logit with respect to the 28 × 28 input (Simonyan et al., 2013), from one backward pass.

use serde::{Deserialize, Serialize};

use super::Quantised;

/// The top class of one image and how strongly each pixel affects it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saliency {
    /// The class with the largest logit, as [`crate::training::predict`] would answer.
    pub top_class: u8,
    /// ∂ logit(top_class) / ∂ pixel, 784 values, row-major: positive where more ink would raise
    /// the class's score.
    pub gradient: Vec<f32>,
    /// |gradient| quantised for drawing (`min` is the smallest magnitude, usually 0).
    pub magnitude: Quantised,
}

#[cfg(feature = "compute")]
pub use compute::saliency;

#[cfg(feature = "compute")]
mod compute {
    use burn::module::Module;
    use burn::tensor::{Device, Int, Tensor, Transaction};

    use super::{Quantised, Saliency};
    use crate::inspect::image_tensor;
    use crate::model::Network;
    use crate::training::TrainingError;

    /// The saliency of `pixels` (784 values in 0..1) for `network`, on the autodiff form of
    /// `device`. Only the input records gradients: the weights enter as constants.
    ///
    /// The score is the top class's logit, not its probability: the softmax saturates for a
    /// confident answer (p ≈ 1 has a gradient near 0) and its gradient mixes in every other
    /// class, while the logit's gradient says what in the image speaks for this class.
    pub async fn saliency(
        network: &Network,
        pixels: &[f32],
        device: &Device,
    ) -> Result<Saliency, TrainingError> {
        let plain = device.clone().without_autodiff();
        let network = network.valid().to_device(&plain);
        let image = image_tensor(pixels, &plain.autodiff())?.require_grad();
        let logits = network.forward(image.clone());
        let top: Tensor<1, Int> = logits.clone().argmax(1).reshape([1]);
        let score = logits.select(1, top.clone()).sum();
        let mut grads = score.backward();
        let gradient = image
            .grad_remove(&mut grads)
            .ok_or_else(|| TrainingError::Device("no gradient reached the input".into()))?;
        let data = Transaction::default()
            .register(gradient)
            .register(top)
            .execute_async()
            .await
            .map_err(TrainingError::device)?;
        let gradient: Vec<f32> = data[0].iter::<f32>().collect();
        let top_class = data[1].iter::<f32>().next().map_or(0, |class| class as u8);
        let magnitudes: Vec<f32> = gradient.iter().map(|g| g.abs()).collect();
        Ok(Saliency {
            top_class,
            gradient,
            magnitude: Quantised::new(&magnitudes),
        })
    }
}
