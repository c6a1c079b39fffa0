//! A convolution's learned kernels as small images: the first layer's 32 3 × 3 kernels, or the
//! K × K × C_in kernel behind one feature map of a deeper layer.

use serde::{Deserialize, Serialize};

use super::Quantised;

/// The kernels of one Conv2D layer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KernelImages {
    /// The layer's index in the spec.
    pub layer: usize,
    /// Keras' automatic name, e.g. `conv2d_1`.
    pub name: String,
    /// K: each kernel is K × K per input channel.
    pub kernel_size: usize,
    /// C_in: the channels each kernel reads.
    pub in_channels: usize,
    /// One per filter, in the order of the layer's output channels (feature map `i` is made by
    /// filter `i`).
    pub filters: Vec<Kernel>,
}

/// One filter: C_in kernels of K × K, quantised together so its channels compare on one scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kernel {
    /// K·K·C_in weights, input channel after input channel, each K × K row-major (burn's
    /// `[filters, in_channels, k, k]` order): channel `c` is `levels[c·K·K .. (c+1)·K·K]`.
    pub weights: Quantised,
    pub bias: f32,
}

impl KernelImages {
    /// Filter `filter`'s K × K levels for input channel `channel`.
    pub fn kernel(&self, filter: usize, channel: usize) -> &[u8] {
        let size = self.kernel_size * self.kernel_size;
        &self.filters[filter].weights.levels[channel * size..(channel + 1) * size]
    }
}

#[cfg(feature = "compute")]
pub use compute::kernels;

#[cfg(feature = "compute")]
mod compute {
    use super::{Kernel, KernelImages, Quantised};
    use crate::model::{ModelSpec, Network};
    use crate::training::TrainingError;
    use burn::tensor::Transaction;

    /// The kernels of layer `layer` of `network` (built from `spec`), which must be a Conv2D.
    pub async fn kernels(
        network: &Network,
        spec: &ModelSpec,
        layer: usize,
    ) -> Result<KernelImages, TrainingError> {
        let summary = spec.summary()?;
        let (Some(line), Some((weights, bias))) =
            (summary.layers.get(layer), network.conv_parameters(layer))
        else {
            return Err(TrainingError::Input(format!(
                "layer {layer} is not a convolution"
            )));
        };
        let [filters, in_channels, kernel_size, _] = weights.dims();
        let mut reads = Transaction::default().register(weights);
        if let Some(bias) = bias {
            reads = reads.register(bias);
        }
        let data = reads.execute_async().await.map_err(TrainingError::device)?;
        let weights: Vec<f32> = data[0].iter::<f32>().collect();
        let biases: Vec<f32> = data
            .get(1)
            .map_or_else(|| vec![0.0; filters], |d| d.iter::<f32>().collect());
        let filters = weights
            .chunks(in_channels * kernel_size * kernel_size)
            .zip(biases)
            .map(|(weights, bias)| Kernel {
                weights: Quantised::new(weights),
                bias,
            })
            .collect();
        Ok(KernelImages {
            layer,
            name: line.name.clone(),
            kernel_size,
            in_channels,
            filters,
        })
    }
}
