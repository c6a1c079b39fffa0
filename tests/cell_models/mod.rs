//! Models, images and helpers shared by the "Convolution up close" tests (cell arithmetic,
//! `explain_cell`, receptive fields).
// Each test binary includes this module and uses only part of it.
#![allow(dead_code)]

use burn::prelude::*;
use burn::tensor::Distribution;
use convlab::model::{Activation, LayerOutput, LayerSpec, ModelSpec, Network, Padding};

/// Agreement: |a − b| ≤ 1e-5 · max(1, |b|), absolute below 1 and relative above.
pub const TOLERANCE: f32 = 1e-5;

pub fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= TOLERANCE * b.abs().max(1.0)
}

pub fn values<const D: usize>(x: Tensor<D>) -> Vec<f32> {
    x.into_data().iter::<f32>().collect()
}

pub fn conv(
    filters: usize,
    kernel_size: usize,
    activation: Activation,
    padding: Padding,
) -> LayerSpec {
    LayerSpec::Conv2D {
        filters,
        kernel_size,
        activation,
        padding,
    }
}

fn pool(pool_size: usize) -> LayerSpec {
    LayerSpec::MaxPooling2D { pool_size }
}

fn dense(units: usize, activation: Activation) -> LayerSpec {
    LayerSpec::Dense { units, activation }
}

/// (a) 5 × 5 kernels, valid padding, a 3 × 3 pool.
pub fn kernel_5_valid() -> ModelSpec {
    ModelSpec::new(vec![
        conv(12, 5, Activation::Relu, Padding::Valid),
        pool(3),
        conv(10, 5, Activation::Linear, Padding::Valid),
        LayerSpec::Flatten,
        dense(10, Activation::Softmax),
    ])
}

/// (b) Three convolutions of 8, 16 and 24 channels; two have even kernels with same padding
/// (burn's extra pixel at the bottom/right), and the last pool drops an odd row and column.
pub fn three_convs() -> ModelSpec {
    ModelSpec::new(vec![
        conv(8, 3, Activation::Relu, Padding::Same),
        pool(2),
        conv(16, 4, Activation::Tanh, Padding::Same),
        pool(2),
        conv(24, 2, Activation::Sigmoid, Padding::Same),
        pool(2),
        LayerSpec::Flatten,
        dense(32, Activation::Relu),
        dense(10, Activation::Linear),
    ])
}

/// The spec with every activation linear (the last layer's too: logits either way).
pub fn all_linear(spec: &ModelSpec) -> ModelSpec {
    let layers = spec.layers.iter().map(|layer| match *layer {
        LayerSpec::Conv2D {
            filters,
            kernel_size,
            padding,
            ..
        } => conv(filters, kernel_size, Activation::Linear, padding),
        LayerSpec::Dense { units, .. } => dense(units, Activation::Linear),
        ref other => other.clone(),
    });
    ModelSpec::new(layers.collect())
}

/// A network for `spec` (which must be valid) with seeded random weights.
pub fn seeded(spec: &ModelSpec, seed: u64) -> Network {
    spec.validate().unwrap();
    Device::flex().seed(seed);
    Network::new(spec, &Device::flex()).unwrap()
}

/// 784 seeded random values in 0..1.
pub fn noise(seed: u64) -> Vec<f32> {
    Device::flex().seed(seed);
    values(Tensor::<1>::random(
        [784],
        Distribution::Uniform(0.0, 1.0),
        &Device::flex(),
    ))
}

/// Noise on a blank frame 6 pixels wide, like a digit's empty border.
pub fn framed(seed: u64) -> Vec<f32> {
    let inside = |i: usize| (6..22).contains(&(i / 28)) && (6..22).contains(&(i % 28));
    noise(seed)
        .into_iter()
        .enumerate()
        .map(|(i, v)| if inside(i) { v } else { 0.0 })
        .collect()
}

/// `images` (`n × 784` values) through `network`: each layer's output, read back once, as
/// `n` chunks of one image's values each (NCHW).
pub fn all_outputs(network: &Network, images: &[f32]) -> Vec<Vec<f32>> {
    let n = images.len() / 784;
    let images = Tensor::<4>::from_data(
        TensorData::new(images.to_vec(), [n, 1, 28, 28]),
        &Device::flex(),
    );
    let (_, outputs) = network.forward_with_activations(images);
    outputs
        .into_iter()
        .map(|output| match output {
            LayerOutput::Image(x) => values(x),
            LayerOutput::Flat(x) => values(x),
        })
        .collect()
}

/// Every `(channel, row, col)` of a `channels × height × width` output, in NCHW order.
pub fn cells_of(
    channels: usize,
    height: usize,
    width: usize,
) -> impl Iterator<Item = (usize, usize, usize)> {
    (0..channels)
        .flat_map(move |c| (0..height).flat_map(move |r| (0..width).map(move |x| (c, r, x))))
}
