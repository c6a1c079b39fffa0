//! "Convolution up close": the arithmetic behind one output value (a Conv2D cell, a max-pool
//! cell or a Dense unit), worked out from plain `f32` values of one image, with no burn types.
//!
//! The values come in burn's NCHW order (see [`Planes`]); sums are accumulated in `f64`, so the
//! result differs from the network's own `f32` value only by the network's rounding.

use serde::{Deserialize, Serialize};

use crate::model::receptive_field::padding_before;
use crate::model::{Activation, Padding};

/// One image's values in burn's order: channel after channel, each a row-major
/// `height × width` plane (a batch of one, NCHW).
#[derive(Clone, Copy, Debug)]
pub struct Planes<'a> {
    pub values: &'a [f32],
    pub channels: usize,
    pub height: usize,
    pub width: usize,
}

impl<'a> Planes<'a> {
    /// Panics when `values` does not hold `channels · height · width` values.
    pub fn new(values: &'a [f32], channels: usize, height: usize, width: usize) -> Self {
        assert_eq!(
            values.len(),
            channels * height * width,
            "one value per channel, row and column"
        );
        Self {
            values,
            channels,
            height,
            width,
        }
    }

    /// The value at channel `c`, row `y`, column `x`, or `None` outside the plane (padding).
    pub fn at(&self, c: usize, y: isize, x: isize) -> Option<f32> {
        let inside =
            (0..self.height as isize).contains(&y) && (0..self.width as isize).contains(&x);
        inside.then(|| self.values[(c * self.height + y as usize) * self.width + x as usize])
    }
}

/// One input channel's share of a convolution cell. The K × K grids are row-major.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelTerms {
    pub channel: usize,
    /// The input values under the kernel; `None` where the kernel lies on padding (zero).
    pub patch: Vec<Option<f32>>,
    pub weights: Vec<f32>,
    /// `patch × weights`, element by element (0 on padding).
    pub products: Vec<f32>,
    /// The sum of `products`.
    pub sum: f32,
}

/// How a Conv2D layer computes output `(filter, row, col)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConvCell {
    pub filter: usize,
    pub row: usize,
    pub col: usize,
    pub kernel_size: usize,
    /// The input position under the kernel's top-left weight (negative on the padding).
    pub top: isize,
    pub left: isize,
    /// One entry per input channel, in order.
    pub channels: Vec<ChannelTerms>,
    /// The channels' sums added up.
    pub total: f32,
    pub bias: f32,
    /// `total + bias`.
    pub pre_activation: f32,
    pub activation: Activation,
    /// The activation of `pre_activation`: the value in the feature map.
    pub result: f32,
}

/// Output `(filter, row, col)` of a stride-1 convolution over `input`, given filter `filter`'s
/// weights (`input.channels · K · K`, channel after channel, each K × K row-major: burn's
/// `[filters, in_channels, k, k]` order) and its bias.
#[allow(clippy::too_many_arguments)] // each is one named number of the layer or the cell
pub fn conv_cell(
    input: Planes<'_>,
    weights: &[f32],
    bias: f32,
    kernel_size: usize,
    padding: Padding,
    activation: Activation,
    (filter, row, col): (usize, usize, usize),
) -> ConvCell {
    let k = kernel_size;
    assert_eq!(
        weights.len(),
        input.channels * k * k,
        "one K × K kernel per input channel"
    );
    let pad = padding_before(padding, k) as isize;
    let (top, left) = (row as isize - pad, col as isize - pad);
    let mut total = 0.0f64;
    let channels = weights
        .chunks(k * k)
        .enumerate()
        .map(|(channel, weights)| {
            let patch: Vec<Option<f32>> = (0..k * k)
                .map(|i| input.at(channel, top + (i / k) as isize, left + (i % k) as isize))
                .collect();
            let products: Vec<f32> = patch
                .iter()
                .zip(weights)
                .map(|(v, w)| v.map_or(0.0, |v| v * w))
                .collect();
            let sum = sum_f64(&products);
            total += sum;
            ChannelTerms {
                channel,
                patch,
                weights: weights.to_vec(),
                products,
                sum: sum as f32,
            }
        })
        .collect();
    let pre_activation = (total + f64::from(bias)) as f32;
    ConvCell {
        filter,
        row,
        col,
        kernel_size: k,
        top,
        left,
        channels,
        total: total as f32,
        bias,
        pre_activation,
        activation,
        result: activate(activation, pre_activation),
    }
}

/// How a MaxPooling2D layer computes output `(channel, row, col)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoolCell {
    pub channel: usize,
    pub row: usize,
    pub col: usize,
    pub pool_size: usize,
    /// The input position of the window's top-left value (`row · pool_size`, `col · pool_size`).
    pub top: usize,
    pub left: usize,
    /// The window's `pool_size²` values, row-major.
    pub window: Vec<f32>,
    /// Which of them is the maximum: the first of equal values in row-major order, as burn's
    /// CPU kernels pick it (a NaN wins over everything before it).
    pub winner: usize,
    pub result: f32,
}

/// Output `(channel, row, col)` of a max pool whose stride is its size (valid: the window lies
/// inside the input).
pub fn pool_cell(
    input: Planes<'_>,
    pool_size: usize,
    (channel, row, col): (usize, usize, usize),
) -> PoolCell {
    let (top, left) = (row * pool_size, col * pool_size);
    let window: Vec<f32> = (0..pool_size * pool_size)
        .map(|i| {
            let (y, x) = (top + i / pool_size, left + i % pool_size);
            input
                .at(channel, y as isize, x as isize)
                .expect("valid pooling: the window is inside")
        })
        .collect();
    let mut winner = 0;
    for (i, &v) in window.iter().enumerate().skip(1) {
        let best = window[winner];
        // Strictly greater keeps the first of equals.
        if v > best || (v.is_nan() && !best.is_nan()) {
            winner = i;
        }
    }
    PoolCell {
        channel,
        row,
        col,
        pool_size,
        top,
        left,
        result: window[winner],
        window,
        winner,
    }
}

/// The activation as the network applies it to one value. Softmax is never applied to one value:
/// it is allowed on the last layer only, whose softmax the network leaves out (it returns logits).
pub fn activate(activation: Activation, x: f32) -> f32 {
    match activation {
        // burn zeroes values ≤ 0 (a NaN stays NaN).
        Activation::Relu if x <= 0.0 => 0.0,
        Activation::Sigmoid => 1.0 / (1.0 + (-x).exp()),
        Activation::Tanh => x.tanh(),
        Activation::Relu | Activation::Linear | Activation::Softmax => x,
    }
}

/// Softmax of `logits`, computed stably (shifted by the largest).
pub fn softmax(logits: &[f32]) -> Vec<f32> {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exp: Vec<f64> = logits.iter().map(|&l| f64::from(l - max).exp()).collect();
    let sum: f64 = exp.iter().sum();
    exp.iter().map(|e| (e / sum) as f32).collect()
}

/// Adds `f32` terms in `f64`, so the sum shown is the exact sum of the terms shown.
pub(super) fn sum_f64(terms: &[f32]) -> f64 {
    terms.iter().map(|&t| f64::from(t)).sum()
}
