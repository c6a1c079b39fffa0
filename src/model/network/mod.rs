//! The burn network built from a spec: a sequential list of layers computing logits.

use burn::module::{Initializer, Param, ParamId};
use burn::nn::PaddingConfig2d;
use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::pool::{MaxPool2d, MaxPool2dConfig};
use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;
use burn::tensor::activation::{relu, sigmoid, softmax, tanh};
use burn::tensor::DType;

mod regularisation;

pub use regularisation::{BATCH_NORM_EPSILON, BATCH_NORM_MOMENTUM, BatchNormBlock, BatchStatistics, DropoutBlock};
use regularisation::moved;
use super::error::SpecError;
use super::im2col::unfold_patches;
use super::max_pool_2x2::{max_pool_2x2, takes_fast_path};
use super::shape::Shape;
use super::spec::{Activation, LayerSpec, ModelSpec, Padding};

/// A convolution followed by its activation.
#[derive(Module, Debug)]
pub struct ConvBlock {
    conv: Conv2d,
    #[module(skip)]
    activation: Activation,
    /// `Some(padding)` when the padding is the same on all sides: on the CPU backend the
    /// convolution is then computed by [`unfolded_conv`].
    #[module(skip)]
    symmetric_padding: Option<usize>,
}

/// A fully connected layer followed by its activation.
#[derive(Module, Debug)]
pub struct DenseBlock {
    linear: Linear,
    #[module(skip)]
    activation: Activation,
}

/// Image `[batch, c, h, w]` → vector `[batch, c·h·w]`; a no-op on vectors.
#[derive(Module, Debug, Default)]
pub struct FlattenBlock;

/// One layer of the network. burn's derive takes enums whose variants hold one module each.
#[derive(Module, Debug)]
pub enum Layer {
    Conv(ConvBlock),
    Pool(MaxPool2d),
    Flatten(FlattenBlock),
    Dense(DenseBlock),
    Dropout(DropoutBlock),
    BatchNorm(BatchNormBlock),
}

/// Whether a forward pass is part of a gradient step or a prediction: Dropout drops inputs and
/// BatchNormalization uses the batch's own statistics only while training. Prediction,
/// evaluation, validation, the inside views and fine-tuning use [`Mode::Inference`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Training,
    Inference,
}

/// What one layer outputs, for a batch: images `[batch, channels, height, width]` (burn's NCHW;
/// the spec's [`Shape::Image`] is Keras' channels-last `(height, width, channels)`) until a
/// Flatten, vectors `[batch, n]` after it. The rank changes at Flatten, so it is decided at run
/// time.
#[derive(Clone, Debug)]
pub enum LayerOutput {
    Image(Tensor<4>),
    Flat(Tensor<2>),
}

impl LayerOutput {
    /// The tensor's dimensions, batch first.
    pub fn dims(&self) -> Vec<usize> {
        match self {
            LayerOutput::Image(x) => x.dims().to_vec(),
            LayerOutput::Flat(x) => x.dims().to_vec(),
        }
    }

    /// The output of one example in the spec's terms: NCHW `[_, c, h, w]` is `(h, w, c)`.
    pub fn shape(&self) -> Shape {
        match self.dims()[..] {
            [_, channels, height, width] => Shape::Image { height, width, channels },
            [_, n] => Shape::Flat(n),
            _ => unreachable!("images have rank 4, vectors rank 2"),
        }
    }
}

#[derive(Module, Debug)]
pub struct Network {
    layers: Vec<Layer>,
}

impl Network {
    /// Builds the network described by `spec` on `device` (errors: the spec cannot be built).
    ///
    /// Kernels start Glorot-uniform and biases at zero, as in Keras, so runs behave like the
    /// tutorial's.
    pub fn new(spec: &ModelSpec, device: &Device) -> Result<Self, SpecError> {
        let shapes = spec.output_shapes()?;
        let inputs = core::iter::once(Shape::INPUT).chain(shapes.iter().copied());
        let layers = spec
            .layers
            .iter()
            .zip(inputs)
            .map(|(layer, input)| build_layer(layer, input, device))
            .collect();
        Ok(Self { layers })
    }

    /// Images `[batch, 1, 28, 28]` scaled to 0..1 → logits `[batch, 10]`, predicting
    /// ([`Mode::Inference`]: no dropout, BatchNormalization with its moving statistics).
    ///
    /// A softmax on the last layer is left out: the loss takes logits (numerically stable), and
    /// [`Network::probabilities`] applies it.
    pub fn forward(&self, images: Tensor<4>) -> Tensor<2> {
        self.run(images, Mode::Inference, |_| ()).0
    }

    /// The forward pass of a gradient step ([`Mode::Training`]): Dropout drops inputs and
    /// BatchNormalization normalises with the batch's statistics, which come back too for
    /// [`Network::with_moving_statistics`].
    pub fn forward_training(&self, images: Tensor<4>) -> (Tensor<2>, BatchStatistics) {
        self.run(images, Mode::Training, |_| ())
    }

    /// Like [`Network::forward`], and every layer's output in order as well (convolutions after
    /// their activation, pooling, Flatten, Dense), the last being the logits. Both go through
    /// the same loop ([`Network::run`]), so they cannot disagree.
    pub fn forward_with_activations(&self, images: Tensor<4>) -> (Tensor<2>, Vec<LayerOutput>) {
        let mut outputs = Vec::with_capacity(self.layers.len());
        let (logits, _) = self.run(images, Mode::Inference, |output| outputs.push(output.clone()));
        (logits, outputs)
    }

    /// Like [`Network::forward_training`], and every layer's output as well: what Dropout and
    /// BatchNormalization do in a gradient step, for the tests that check it by hand.
    pub fn forward_training_with_activations(&self, images: Tensor<4>) -> (Tensor<2>, Vec<LayerOutput>, BatchStatistics) {
        let mut outputs = Vec::with_capacity(self.layers.len());
        let (logits, statistics) = self.run(images, Mode::Training, |output| outputs.push(output.clone()));
        (logits, outputs, statistics)
    }

    /// The layers in order, showing each output to `visit` (a clone of a tensor is a cheap
    /// handle, not a copy of its values).
    fn run(&self, images: Tensor<4>, mode: Mode, mut visit: impl FnMut(&LayerOutput)) -> (Tensor<2>, BatchStatistics) {
        let last = self.layers.len() - 1;
        let mut statistics = BatchStatistics::default();
        let mut x = LayerOutput::Image(images);
        for (index, layer) in self.layers.iter().enumerate() {
            let (output, seen) = layer.forward(x, index == last, mode);
            if let Some((mean, variance)) = seen {
                statistics.layers.push((index, mean, variance));
            }
            x = output;
            visit(&x);
        }
        match x {
            LayerOutput::Flat(logits) => (logits, statistics),
            LayerOutput::Image(_) => unreachable!("validated: the last layer is Dense"),
        }
    }

    /// Layer `index` alone on `x`, the output of the layer before it (or the images): what
    /// [`Network::forward`] does at that step, for timing one layer at a time (`layer-profile`).
    pub fn forward_layer(&self, index: usize, x: LayerOutput) -> LayerOutput {
        self.layers[index].forward(x, index + 1 == self.layers.len(), Mode::Inference).0
    }

    /// The network with each BatchNormalization layer's moving statistics moved towards what it
    /// saw in a training batch, as Keras does after each step:
    /// moving = 0.99 × moving + 0.01 × batch. The variance is the batch's biased one (divided by
    /// the count, not count − 1), as Keras 3 computes it (`ops.moments`); TF 2's fused kernel
    /// used the unbiased one, which differs by a factor m/(m − 1) ≈ 1.00004 for the m = 32 × 28 ×
    /// 28 values per channel of a batch of 32 images.
    pub fn with_moving_statistics(mut self, statistics: BatchStatistics) -> Self {
        for (index, mean, variance) in statistics.layers {
            if let Some(Layer::BatchNorm(block)) = self.layers.get_mut(index) {
                block.moving_mean = moved(&block.moving_mean, mean);
                block.moving_variance = moved(&block.moving_variance, variance);
            }
        }
        self
    }

    /// Whether a layer computes statistics across the images of a batch (BatchNormalization): a
    /// batch must then go through whole, not in shards.
    pub fn mixes_batch(&self) -> bool {
        self.layers.iter().any(|layer| matches!(layer, Layer::BatchNorm(_)))
    }

    /// How many layers the network has (as many as its spec).
    pub fn len(&self) -> usize {
        self.layers.len()
    }

    /// Whether the network has no layer (never, for a network built from a valid spec).
    pub fn is_empty(&self) -> bool {
        self.layers.is_empty()
    }

    /// Layer `index`'s kernels `[filters, in_channels, k, k]` and biases `[filters]` when it is
    /// a convolution.
    pub fn conv_parameters(&self, index: usize) -> Option<(Tensor<4>, Option<Tensor<1>>)> {
        match self.layers.get(index)? {
            Layer::Conv(block) => {
                let bias = block.conv.bias.as_ref().map(|b| b.val());
                Some((block.conv.weight.val(), bias))
            }
            _ => None,
        }
    }

    /// Layer `index`'s weights `[inputs, units]` and biases `[units]` when it is a Dense layer.
    pub fn dense_parameters(&self, index: usize) -> Option<(Tensor<2>, Option<Tensor<1>>)> {
        match self.layers.get(index)? {
            Layer::Dense(block) => {
                let bias = block.linear.bias.as_ref().map(|b| b.val());
                Some((block.linear.weight.val(), bias))
            }
            _ => None,
        }
    }

    /// Layer `index`'s γ, β, moving mean and moving variance (each `[channels]`) when it is a
    /// BatchNormalization layer.
    pub fn batch_norm_parameters(&self, index: usize) -> Option<[Tensor<1>; 4]> {
        match self.layers.get(index)? {
            Layer::BatchNorm(block) => Some([
                block.gamma.val(),
                block.beta.val(),
                block.moving_mean.val(),
                block.moving_variance.val(),
            ]),
            _ => None,
        }
    }

    /// Images → class probabilities `[batch, 10]` (each row sums to 1).
    pub fn probabilities(&self, images: Tensor<4>) -> Tensor<2> {
        softmax(self.forward(images), 1)
    }
}

fn build_layer(layer: &LayerSpec, input: Shape, device: &Device) -> Layer {
    match *layer {
        LayerSpec::Conv2D {
            filters,
            kernel_size,
            activation,
            padding,
        } => {
            let Shape::Image { channels, .. } = input else {
                unreachable!("validated: Conv2D reads an image")
            };
            let padding = match padding {
                Padding::Same => PaddingConfig2d::Same,
                Padding::Valid => PaddingConfig2d::Valid,
            };
            let symmetric_padding = match padding {
                PaddingConfig2d::Valid => Some(0),
                // burn pads an even kernel one pixel more at the bottom and right.
                PaddingConfig2d::Same if kernel_size % 2 == 1 => Some(kernel_size / 2),
                _ => None,
            };
            let mut conv = Conv2dConfig::new([channels, filters], [kernel_size, kernel_size])
                .with_padding(padding)
                .with_initializer(glorot_uniform())
                .init(device);
            conv.bias = Some(zero_bias(filters, device));
            Layer::Conv(ConvBlock { conv, activation, symmetric_padding })
        }
        LayerSpec::MaxPooling2D { pool_size } => {
            // Stride defaults to the pool size, padding to valid: Keras' MaxPooling2D.
            Layer::Pool(MaxPool2dConfig::new([pool_size, pool_size]).init())
        }
        LayerSpec::Flatten => Layer::Flatten(FlattenBlock),
        LayerSpec::Dense { units, activation } => {
            let mut linear = LinearConfig::new(input.num_elements(), units)
                .with_initializer(glorot_uniform())
                .init(device);
            linear.bias = Some(zero_bias(units, device));
            Layer::Dense(DenseBlock { linear, activation })
        }
        LayerSpec::Dropout { rate } => Layer::Dropout(DropoutBlock { rate: f64::from(rate.0) }),
        LayerSpec::BatchNormalization => {
            let (Shape::Image { channels, .. } | Shape::Flat(channels)) = input;
            // Keras starts with γ = 1, β = 0, moving mean 0 and moving variance 1.
            let statistic = |value: Tensor<1>| Param::initialized(ParamId::new(), value);
            Layer::BatchNorm(BatchNormBlock {
                gamma: Initializer::Ones.init([channels], device),
                beta: Initializer::Zeros.init([channels], device),
                moving_mean: statistic(Tensor::zeros([channels], device)),
                moving_variance: statistic(Tensor::ones([channels], device)),
            })
        }
    }
}

/// Keras' default kernel initialiser: U(-√(6/(fan_in+fan_out)), +√(6/(fan_in+fan_out))).
fn glorot_uniform() -> Initializer {
    Initializer::XavierUniform { gain: 1.0 }
}

/// Keras starts biases at zero (burn would draw them like the weights).
fn zero_bias(len: usize, device: &Device) -> Param<Tensor<1>> {
    Initializer::Zeros.init([len], device)
}

impl Layer {
    /// `is_last` drops a final softmax so the network returns logits. A BatchNormalization layer
    /// in [`Mode::Training`] also returns the batch's mean and variance.
    fn forward(&self, x: LayerOutput, is_last: bool, mode: Mode) -> (LayerOutput, Option<(Tensor<1>, Tensor<1>)>) {
        let output = match (self, x) {
            (Layer::Conv(block), LayerOutput::Image(x)) => {
                let y = match block.symmetric_padding {
                    Some(padding) if on_cpu_backend(&x) && unfolds(x.dims()[1]) => unfolded_conv(&block.conv, x, padding),
                    _ => block.conv.forward(x),
                };
                LayerOutput::Image(activate(y, block.activation, is_last))
            }
            (Layer::Pool(pool), LayerOutput::Image(x)) if takes_fast_path(pool, &x) => LayerOutput::Image(max_pool_2x2(x)),
            (Layer::Pool(pool), LayerOutput::Image(x)) => LayerOutput::Image(pool.forward(x)),
            (Layer::Flatten(_), LayerOutput::Image(x)) => LayerOutput::Flat(x.flatten(1, 3)),
            (Layer::Flatten(_), flat @ LayerOutput::Flat(_)) => flat,
            (Layer::Dense(block), LayerOutput::Flat(x)) => {
                LayerOutput::Flat(activate(block.linear.forward(x), block.activation, is_last))
            }
            (Layer::Dropout(block), LayerOutput::Image(x)) => LayerOutput::Image(block.forward(x, mode)),
            (Layer::Dropout(block), LayerOutput::Flat(x)) => LayerOutput::Flat(block.forward(x, mode)),
            (Layer::BatchNorm(block), LayerOutput::Image(x)) => {
                let (y, seen) = block.forward(x, mode);
                return (LayerOutput::Image(y), seen);
            }
            (Layer::BatchNorm(block), LayerOutput::Flat(x)) => {
                let (y, seen) = block.forward(x, mode);
                return (LayerOutput::Flat(y), seen);
            }
            _ => unreachable!("validated: every layer gets the rank it expects"),
        };
        (output, None)
    }
}

/// `conv.forward(images)` for a stride of 1 and `padding` on every side, computed as a matrix
/// product: the k × k patches around each output pixel are unfolded into columns
/// (`[batch, channels·k·k, pixels]`, [`unfold_patches`]) and multiplied by the kernels as one
/// `[filters, channels·k·k]` matrix; burn's autodiff differentiates the product.
///
/// Why: burn's CPU backend runs a one-input-channel convolution through a slow direct kernel
/// (the tutorial's first layer: 7.3 ms → 2.1 ms this way, forward and weight gradient, one
/// thread), and its convolution backward for 32 channels (the second layer) gains little from a
/// second thread, while the products here are large enough to share.
fn unfolded_conv(conv: &Conv2d, images: Tensor<4>, padding: usize) -> Tensor<4> {
    let [batch, channels, height, width] = images.dims();
    let [filters, _, k, _] = conv.weight.dims();
    let (out_height, out_width) = (height + 2 * padding + 1 - k, width + 2 * padding + 1 - k);
    let patches = unfold_patches(images, k, padding);
    let kernels = conv.weight.val().reshape([1, filters, channels * k * k]);
    let mut out: Tensor<3> = kernels.matmul(patches);
    if let Some(bias) = &conv.bias {
        out = out + bias.val().reshape([1, filters, 1]);
    }
    out.reshape([batch, filters, out_height, out_width])
}

/// Whether `x` is f32 on burn's CPU backend (with or without autodiff), where [`unfolded_conv`]
/// is faster; WebGPU keeps its own convolution kernel.
pub(crate) fn on_cpu_backend(x: &Tensor<4>) -> bool {
    x.device().without_autodiff() == Device::flex() && x.dtype() == DType::F32
}

/// Whether a convolution over `channels` input channels takes [`unfolded_conv`] on the CPU:
/// one channel always; several natively and on the threaded worker's pool, not in the browser's
/// single-threaded worker. Natively on one thread, paired runs at batch 32: unfolded 1 870–2 079
/// samples/s, burn's kernel 1 763–1 781. In the single-threaded worker two benchmark runs showed
/// no clear gain (unfolded 870 / 779 samples/s at batch 32 / 128, burn's 808 / 804 in the next
/// run; the machine varies by ±10 % between runs), so it keeps burn's kernel there, as before.
fn unfolds(channels: usize) -> bool {
    channels == 1 || cpu_threads() > 1 || !cfg!(target_arch = "wasm32")
}

/// How many threads burn's CPU backend computes with: rayon's, natively and in the browser's
/// threaded worker; one in the browser's other worker.
pub fn cpu_threads() -> usize {
    #[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
    return rayon::current_num_threads();
    #[cfg(all(target_arch = "wasm32", not(feature = "threads")))]
    return 1;
}

/// Applies `activation` over the channel (dim 1) axis where it matters (softmax).
fn activate<const D: usize>(x: Tensor<D>, activation: Activation, is_last: bool) -> Tensor<D> {
    match activation {
        Activation::Relu => relu(x),
        Activation::Sigmoid => sigmoid(x),
        Activation::Tanh => tanh(x),
        Activation::Linear => x,
        Activation::Softmax if is_last => x,
        Activation::Softmax => softmax(x, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use burn::tensor::{Distribution, Tolerance};

    /// The matrix-product path gives what burn's Conv2d gives, outputs and gradients (input,
    /// kernels, biases), for the channel counts, kernel sizes and paddings it is used with.
    #[test]
    fn unfolded_conv_matches_conv2d() {
        let device = Device::flex().autodiff();
        let plain = Tensor::<4>::zeros([1, 1, 2, 2], &Device::flex());
        assert!(on_cpu_backend(&plain), "plain flex takes this path");
        for (channels, kernel, padding, symmetric) in [
            (1, 3, PaddingConfig2d::Same, 1),
            (1, 5, PaddingConfig2d::Same, 2),
            (1, 1, PaddingConfig2d::Same, 0),
            (1, 3, PaddingConfig2d::Valid, 0),
            (1, 4, PaddingConfig2d::Valid, 0),
            (4, 3, PaddingConfig2d::Same, 1),
            (3, 5, PaddingConfig2d::Same, 2),
            (5, 2, PaddingConfig2d::Valid, 0),
        ] {
            let mut conv = Conv2dConfig::new([channels, 6], [kernel, kernel]).with_padding(padding).init(&device);
            conv.bias = Some(Initializer::Uniform { min: -1.0, max: 1.0 }.init([6], &device));
            let images = Tensor::<4>::random([3, channels, 11, 9], Distribution::Default, &device).require_grad();
            assert!(on_cpu_backend(&images), "flex with autodiff takes this path");
            let reference = conv.forward(images.clone());
            let fast = unfolded_conv(&conv, images.clone(), symmetric);
            assert_eq!(fast.dims(), reference.dims(), "kernel {kernel}");
            let close = |a: Tensor<4>, b: Tensor<4>| a.into_data().assert_approx_eq::<f32>(&b.into_data(), Tolerance::default());
            close(fast.clone(), reference.clone());

            // Gradients of a weighted sum, so every output position matters differently.
            let mix = Tensor::<4>::random(reference.dims(), Distribution::Default, &device);
            let grads_reference = (reference * mix.clone()).sum().backward();
            let grads_fast = (fast * mix).sum().backward();
            let weight_grad = |grads| conv.weight.grad(grads).expect("weight gradient");
            close(weight_grad(&grads_fast), weight_grad(&grads_reference));
            let input_grad = |grads| images.grad(grads).expect("input gradient");
            close(input_grad(&grads_fast), input_grad(&grads_reference));
            let bias = conv.bias.as_ref().expect("bias");
            bias.grad(&grads_fast)
                .expect("bias gradient")
                .into_data()
                .assert_approx_eq::<f32>(&bias.grad(&grads_reference).expect("bias gradient").into_data(), Tolerance::default());
        }
    }
}
