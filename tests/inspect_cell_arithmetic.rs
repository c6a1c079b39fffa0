//! "Convolution up close", the plain arithmetic: every Conv2D, MaxPooling2D and
//! BatchNormalization cell and every Dense unit, worked out from values read back once, equals
//! the network's own activation, on the tutorial (seeded and shipped weights) and three builder
//! models; max-pool winners are burn's.

mod cell_models;
mod common;

use burn::prelude::*;
use burn::tensor::Distribution;
use burn::tensor::module::max_pool2d_with_indices;
use burn::tensor::ops::MaxPoolOptions;
use cell_models::{
    all_outputs, cells_of, close, framed, kernel_5_valid, noise, seeded, three_convs, values,
};
use convlab::inspect::cell_arithmetic::{Planes, conv_cell, pool_cell};
use convlab::inspect::cell_batch_norm::batch_norm_cell;
use convlab::inspect::cell_dense::{DenseUnit, dense_column, dense_logits, dense_unit};
use convlab::model::{LayerSpec, ModelSpec, Network, Shape};

/// Records each comparison: the largest difference (relative above 1) and how many.
#[derive(Default)]
struct Agreement {
    worst: f32,
    cells: usize,
}

impl Agreement {
    fn check(&mut self, arithmetic: f32, network: f32, what: impl Fn() -> String) {
        assert!(
            close(arithmetic, network),
            "{}: arithmetic {arithmetic}, network {network}",
            what()
        );
        self.worst = self
            .worst
            .max((arithmetic - network).abs() / network.abs().max(1.0));
        self.cells += 1;
    }
}

/// Explains every cell of every layer of `network` on `pixels` with the plain functions, from
/// one read of all activations.
fn check_every_cell(spec: &ModelSpec, network: &Network, pixels: &[f32]) -> Agreement {
    let outputs = all_outputs(network, pixels);
    let shapes = spec.output_shapes().unwrap();
    let mut agreement = Agreement::default();
    for (index, layer) in spec.layers.iter().enumerate() {
        let (input, input_shape) = match index {
            0 => (pixels, Shape::INPUT),
            _ => (&outputs[index - 1][..], shapes[index - 1]),
        };
        let output = &outputs[index];
        let planes = || match input_shape {
            Shape::Image {
                height,
                width,
                channels,
            } => Planes::new(input, channels, height, width),
            Shape::Flat(_) => unreachable!("image layers read images"),
        };
        let at = |(c, r, x): (usize, usize, usize)| match shapes[index] {
            Shape::Image { height, width, .. } => output[(c * height + r) * width + x],
            Shape::Flat(_) => unreachable!("image layers give images"),
        };
        let grid = match shapes[index] {
            Shape::Image {
                height,
                width,
                channels,
            } => cells_of(channels, height, width).collect(),
            Shape::Flat(_) => vec![],
        };
        match *layer {
            LayerSpec::Conv2D {
                kernel_size,
                activation,
                padding,
                ..
            } => {
                let (weights, bias) = network.conv_parameters(index).unwrap();
                let (weights, bias) = (values(weights), values(bias.unwrap()));
                let per_filter = weights.len() / bias.len();
                for cell in grid {
                    let w = &weights[cell.0 * per_filter..(cell.0 + 1) * per_filter];
                    let conv = conv_cell(
                        planes(),
                        w,
                        bias[cell.0],
                        kernel_size,
                        padding,
                        activation,
                        cell,
                    );
                    let sums: f32 = conv.channels.iter().map(|t| t.sum).sum();
                    assert!(
                        close(sums, conv.total),
                        "the channels' sums add up to the total"
                    );
                    agreement.check(conv.result, at(cell), || {
                        format!("layer {index}, conv cell {cell:?}")
                    });
                }
            }
            LayerSpec::MaxPooling2D { pool_size } => {
                for cell in grid {
                    let pool = pool_cell(planes(), pool_size, cell);
                    agreement.check(pool.result, at(cell), || {
                        format!("layer {index}, pool cell {cell:?}")
                    });
                }
            }
            LayerSpec::Dense { units, activation } => {
                let (weights, biases) = network.dense_parameters(index).unwrap();
                let (weights, biases) = (values(weights), values(biases.unwrap()));
                let last = index + 1 == spec.layers.len();
                let logits = last.then(|| dense_logits(input, &weights, &biases));
                let mut probabilities = 0.0;
                // Five terms listed: the shipped model's units add up 1 568.
                for u in 0..units {
                    let column = dense_column(&weights, units, u);
                    let unit = dense_unit(
                        input,
                        &column,
                        biases[u],
                        activation,
                        u,
                        5,
                        logits.as_deref(),
                    );
                    check_terms(input, &column, &unit, output);
                    assert_eq!(unit.probability.is_some(), last);
                    probabilities += unit.probability.unwrap_or(0.0);
                    agreement.check(unit.result, output[u], || {
                        format!("layer {index}, unit {u}")
                    });
                }
                assert!(
                    !last || (probabilities - 1.0).abs() < 1e-5,
                    "probabilities sum to {probabilities}"
                );
            }
            LayerSpec::BatchNormalization => {
                let [gamma, beta, mean, variance] = network.batch_norm_parameters(index).unwrap().map(values);
                let parameters = |c: usize| [gamma[c], beta[c], mean[c], variance[c]];
                match input_shape {
                    Shape::Image { .. } => {
                        for cell in grid {
                            let (c, r, x) = cell;
                            let below = planes().at(c, r as isize, x as isize).unwrap();
                            let value = batch_norm_cell(below, parameters(c), 1e-3, c);
                            agreement.check(value.result, at(cell), || format!("layer {index}, batch norm cell {cell:?}"));
                        }
                    }
                    Shape::Flat(units) => {
                        for u in 0..units {
                            let value = batch_norm_cell(input[u], parameters(u), 1e-3, u);
                            agreement.check(value.result, output[u], || format!("layer {index}, batch norm unit {u}"));
                        }
                    }
                }
            }
            // No arithmetic: they pass their input on when predicting (the cell view says so).
            LayerSpec::Flatten | LayerSpec::Dropout { .. } => {}
        }
    }
    agreement
}

/// A Dense unit's listed terms are its inputs' products, the largest by |product| (largest
/// first); with the rest they make the sum; its probability is the softmax of the network's
/// own logits (`output`).
fn check_terms(input: &[f32], column: &[f32], unit: &DenseUnit, output: &[f32]) {
    assert_eq!(unit.top.len(), 5.min(input.len()));
    let product = |i: usize| input[i] * column[i];
    for t in &unit.top {
        assert_eq!(
            (t.value, t.weight, t.product),
            (input[t.input], column[t.input], product(t.input))
        );
    }
    assert!(
        unit.top
            .windows(2)
            .all(|t| t[0].product.abs() >= t[1].product.abs()),
        "largest first"
    );
    let smallest = unit.top.last().unwrap().product.abs();
    let mut unlisted = (0..input.len()).filter(|i| unit.top.iter().all(|t| t.input != *i));
    assert!(
        unlisted.all(|i| product(i).abs() <= smallest),
        "unit {}: a larger term is not listed",
        unit.unit
    );
    let listed: f32 = unit.top.iter().map(|t| t.product).sum();
    assert!(
        close(listed + unit.others_sum, unit.sum),
        "listed terms and the others"
    );
    if let Some(p) = unit.probability {
        let max = output.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let total: f32 = output.iter().map(|l| (l - max).exp()).sum();
        assert!(
            (p - (output[unit.unit] - max).exp() / total).abs() < 1e-6,
            "unit {}'s probability",
            unit.unit
        );
    }
}

/// The tutorial with BatchNormalization after each convolution, Dropout, and a hidden Dense
/// layer with BatchNormalization over its units.
fn normalised() -> ModelSpec {
    let mut layers = common::specs::tutorial_normalised().layers;
    let output = layers.pop().unwrap();
    layers.extend([
        LayerSpec::Dense { units: 16, activation: convlab::model::Activation::Relu },
        LayerSpec::BatchNormalization,
        output,
    ]);
    ModelSpec::new(layers)
}

/// `spec`'s seeded network with its moving statistics moved by two training passes, so the
/// arithmetic does not meet only means of 0 and variances of 1.
fn moved(spec: &ModelSpec) -> Network {
    let mut network = seeded(spec, 4);
    for seed in [5, 6] {
        Device::flex().seed(seed);
        let images = Tensor::<4>::random([4, 1, 28, 28], Distribution::Uniform(0.0, 1.0), &Device::flex());
        let (_, statistics) = network.forward_training(images);
        network = network.with_moving_statistics(statistics);
    }
    network
}

#[test]
fn every_cell_matches_the_network() {
    let (shipped, shipped_network) = common::shipped_model();
    let cases = [
        (
            ModelSpec::tutorial(),
            seeded(&ModelSpec::tutorial(), 1),
            "tutorial, seeded",
        ),
        (shipped.spec, shipped_network, "tutorial, shipped weights"),
        (
            kernel_5_valid(),
            seeded(&kernel_5_valid(), 2),
            "(a) 5×5 valid",
        ),
        (
            three_convs(),
            seeded(&three_convs(), 3),
            "(b) 8/16/24 channels",
        ),
        (normalised(), moved(&normalised()), "tutorial with BatchNormalization and Dropout"),
    ];
    for (spec, network, name) in &cases {
        // Noise everywhere, and on a blank frame (zeros: ties in the pools, padding next to 0).
        for (pixels, image) in [(noise(10), "noise"), (framed(11), "framed noise")] {
            let agreement = check_every_cell(spec, network, &pixels);
            eprintln!(
                "{name}, {image}: {} cells and units agree, largest difference {:.1e}",
                agreement.cells, agreement.worst
            );
        }
    }
}

/// Ties: the window's first largest value (row-major) wins, as in burn's max pool (any size)
/// and in the network's own 2 × 2 kernel.
#[test]
fn pool_winners_are_burns() {
    Device::flex().seed(7);
    let (channels, side) = (6, 12);
    // Values 0, 1 or 2: most windows hold ties.
    let x = Tensor::<4>::random(
        [1, channels, side, side],
        Distribution::Uniform(0.0, 3.0),
        &Device::flex(),
    )
    .floor();
    let input = values(x.clone());
    let planes = Planes::new(&input, channels, side, side);
    for size in [2, 3, 4] {
        let (_, indices) = max_pool2d_with_indices(x.clone(), MaxPoolOptions::new([size, size]));
        let indices: Vec<i64> = indices.into_data().iter::<i64>().collect();
        let out = side / size;
        for (i, cell) in cells_of(channels, out, out).enumerate() {
            let pool = pool_cell(planes, size, cell);
            let (y, x) = (
                pool.top + pool.winner / size,
                pool.left + pool.winner % size,
            );
            assert_eq!(
                (y * side + x) as i64,
                indices[i],
                "pool size {size}, cell {cell:?}"
            );
        }
    }
    // The network's 2 × 2 kernel shows its winners through its gradient: 1 there, 0 elsewhere.
    let device = Device::flex().autodiff();
    let x = Tensor::<4>::from_data(
        TensorData::new(input.clone(), [1, channels, side, side]),
        &device,
    )
    .require_grad();
    let grads = convlab::model::max_pool_2x2::max_pool_2x2(x.clone())
        .sum()
        .backward();
    let grad = values(x.grad(&grads).unwrap());
    for cell in cells_of(channels, side / 2, side / 2) {
        let pool = pool_cell(planes, 2, cell);
        let (y, x) = (pool.top + pool.winner / 2, pool.left + pool.winner % 2);
        assert_eq!(
            grad[(cell.0 * side + y) * side + x],
            1.0,
            "2 × 2 kernel, cell {cell:?}"
        );
    }
}
