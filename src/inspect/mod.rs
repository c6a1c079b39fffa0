//! "See inside the network" (issue 12): what each layer makes of a drawing, the first layer's
//! kernels, which pixels sway the answer (saliency), where the model errs on the test set
//! (confusion matrix), and the axes the page's charts are drawn on.
//!
//! The results are plain data (no burn types), so the page holds and draws them; computing
//! them needs the `compute` feature and happens in the worker, with async reads only.
//!
//! Shapes: the spec speaks Keras' channels-last `(height, width, channels)`; burn computes
//! `[batch, channels, height, width]` (NCHW), so one example's values come channel after
//! channel, each channel a row-major height × width map. Every map here keeps that order.

pub mod axis;
pub mod cell_arithmetic;
pub mod cell_batch_norm;
pub mod cell_dense;
pub mod cell_numbers;
mod cell_request;
mod confusion;
mod kernels;
pub mod kernel_playground;
mod maps;
mod most_active;
mod palette;
mod quantised;
mod saliency;

#[cfg(feature = "compute")]
mod activations;
#[cfg(feature = "compute")]
mod cell_reading;
#[cfg(feature = "compute")]
mod evaluation;

pub use cell_request::{CellArithmetic, CellExplanation, CellIndex, CellRequest};
pub use confusion::{ConfusionMatrix, ImagePrediction};
pub use kernels::{Kernel, KernelImages};
pub use maps::{ActivationMaps, Contributions, LayerMaps, LayerValues};
pub use most_active::{mean_activation, most_active_channels};
pub use palette::Palette;
pub use quantised::Quantised;
pub use saliency::Saliency;

#[cfg(feature = "compute")]
pub use activations::activation_maps;
#[cfg(feature = "compute")]
pub use cell_reading::explain_cell;
#[cfg(feature = "compute")]
pub use evaluation::{PredictedSplit, evaluate_with_predictions};
#[cfg(feature = "compute")]
pub use kernels::kernels;
#[cfg(feature = "compute")]
pub use saliency::saliency;

/// One image, 784 values in 0..1, as a `[1, 1, 28, 28]` tensor on `device`.
#[cfg(feature = "compute")]
fn image_tensor(
    pixels: &[f32],
    device: &burn::tensor::Device,
) -> Result<burn::tensor::Tensor<4>, crate::training::TrainingError> {
    use crate::data::{PIXELS, SIDE};
    if pixels.len() != PIXELS {
        return Err(crate::training::TrainingError::Input(format!(
            "one image is 784 pixels, got {} values",
            pixels.len()
        )));
    }
    let data = burn::tensor::TensorData::new(pixels.to_vec(), [1, 1, SIDE, SIDE]);
    Ok(burn::tensor::Tensor::from_data(data, device))
}
