//! The burn network on the CPU backend: parameter counts, shapes, probabilities and gradients.

use burn::module::Module;
use burn::nn::loss::CrossEntropyLossConfig;
use burn::optim::{AdamConfig, GradientsParams};
use burn::prelude::*;
use burn::tensor::Distribution;
use burn::tensor::activation::relu;
use burn::tensor::module::{conv2d, max_pool2d};
use burn::tensor::ops::{ConvOptions, MaxPoolOptions};
use convlab::model::{Activation, LayerOutput, LayerSpec, ModelSpec, Network, Padding, Rate, SpecError};

fn device() -> Device {
    Device::flex()
}

/// A batch of random "images" in 0..1.
fn images(batch: usize, device: &Device) -> Tensor<4> {
    Tensor::random([batch, 1, 28, 28], Distribution::Uniform(0.0, 1.0), device)
}

/// `filters` kernels of 5 × 5, "same" then "valid".
fn kernel_5(filters: usize) -> ModelSpec {
    let conv = |padding| LayerSpec::Conv2D {
        filters,
        kernel_size: 5,
        activation: Activation::Relu,
        padding,
    };
    ModelSpec::new(vec![
        conv(Padding::Same),
        LayerSpec::MaxPooling2D { pool_size: 2 },
        conv(Padding::Valid),
        LayerSpec::Flatten,
        LayerSpec::Dense {
            units: 10,
            activation: Activation::Softmax,
        },
    ])
}

/// Exercises every activation, even kernels with "same" padding, odd pooling and double Flatten.
fn odd_one() -> ModelSpec {
    ModelSpec::new(vec![
        LayerSpec::Conv2D {
            filters: 4,
            kernel_size: 4,
            activation: Activation::Tanh,
            padding: Padding::Same,
        },
        LayerSpec::MaxPooling2D { pool_size: 3 },
        LayerSpec::Conv2D {
            filters: 6,
            kernel_size: 2,
            activation: Activation::Sigmoid,
            padding: Padding::Valid,
        },
        LayerSpec::Flatten,
        LayerSpec::Flatten,
        LayerSpec::Dense {
            units: 16,
            activation: Activation::Relu,
        },
        LayerSpec::Dense {
            units: 10,
            activation: Activation::Linear,
        },
    ])
}

#[test]
fn num_params_match_the_summary() {
    let device = device();
    for spec in [
        ModelSpec::tutorial(),
        ModelSpec::dense_baseline(),
        kernel_5(32),
        odd_one(),
        normalised(0.5),
    ] {
        let network = Network::new(&spec, &device).unwrap();
        assert_eq!(
            network.num_params(),
            spec.summary().unwrap().total_params,
            "{spec:?}"
        );
    }
    assert_eq!(
        Network::new(&ModelSpec::tutorial(), &device)
            .unwrap()
            .num_params(),
        34506
    );
}

#[test]
fn invalid_spec_is_an_error() {
    let spec = ModelSpec::new(vec![LayerSpec::Flatten]);
    let error = Network::new(&spec, &device()).unwrap_err();
    assert!(matches!(error, SpecError::LastNotDense { index: 0, .. }));
}

#[test]
fn forward_gives_ten_logits_per_image() {
    let device = device();
    for spec in [
        ModelSpec::tutorial(),
        ModelSpec::dense_baseline(),
        kernel_5(32),
        odd_one(),
    ] {
        let network = Network::new(&spec, &device).unwrap();
        assert_eq!(
            network.forward(images(4, &device)).dims(),
            [4, 10],
            "{spec:?}"
        );
    }
}

#[test]
fn probabilities_sum_to_one() {
    let device = device();
    let network = Network::new(&ModelSpec::tutorial(), &device).unwrap();
    let probabilities = network.probabilities(images(4, &device));
    assert_eq!(probabilities.dims(), [4, 10]);
    let values = probabilities
        .clone()
        .into_data()
        .try_to_vec::<f32>()
        .unwrap();
    assert!(values.iter().all(|p| (0.0..=1.0).contains(p)), "{values:?}");
    let sums = probabilities
        .sum_dim(1)
        .into_data()
        .try_to_vec::<f32>()
        .unwrap();
    for sum in sums {
        assert!((sum - 1.0).abs() < 1e-5, "row sums to {sum}");
    }
}

#[test]
fn biases_start_at_zero() {
    // Keras' defaults; a fresh tutorial network on all-zero images gives all-zero logits.
    let device = device();
    let network = Network::new(&ModelSpec::tutorial(), &device).unwrap();
    let logits = network.forward(Tensor::zeros([2, 1, 28, 28], &device));
    let values = logits.into_data().try_to_vec::<f32>().unwrap();
    assert!(values.iter().all(|v| *v == 0.0), "{values:?}");
}

#[test]
fn backward_on_autodiff_gives_gradients() {
    let device = device().autodiff();
    let network = Network::new(&ModelSpec::tutorial(), &device).unwrap();
    let targets = Tensor::<1, Int>::from_ints([3, 1, 4, 1], &device);
    let logits = network.forward(images(4, &device));
    let loss = CrossEntropyLossConfig::new()
        .init(&device)
        .forward(logits, targets);
    let grads = GradientsParams::from_grads(loss.backward(), &network);
    // Every weight and bias tensor: 3 convolutions and 1 dense layer, 2 each.
    assert_eq!(grads.len(), 8);

    // The inference copy has the same weights without autodiff.
    let valid = network.valid();
    let plain = images(2, &Device::flex());
    assert_eq!(valid.forward(plain).dims(), [2, 10]);
}

#[test]
fn adam_steps_reduce_the_loss() {
    // The training loop's pattern: autodiff device, backward, GradientsParams, optimiser step.
    let device = device().autodiff();
    let mut network = Network::new(&ModelSpec::tutorial(), &device).unwrap();
    let mut optim = AdamConfig::new().init();
    let loss_fn = CrossEntropyLossConfig::new().init(&device);
    let batch = images(8, &device);
    let targets = Tensor::<1, Int>::from_ints([0, 1, 2, 3, 4, 5, 6, 7], &device);
    let mut losses = Vec::new();
    for _ in 0..10 {
        let loss = loss_fn.forward(network.forward(batch.clone()), targets.clone());
        losses.push(loss.clone().into_scalar::<f32>());
        let grads = GradientsParams::from_grads(loss.backward(), &network);
        network = optim.step(1e-3, network, grads);
    }
    assert!(losses[9] < losses[0], "{losses:?}");
}

fn values(output: LayerOutput) -> Vec<f32> {
    let data = match output {
        LayerOutput::Image(x) => x.into_data(),
        LayerOutput::Flat(x) => x.into_data(),
    };
    data.iter::<f32>().collect()
}

/// The network's layers computed one by one with burn's plain tensor operations and the
/// network's own parameters: an independent reading of what each layer should output.
/// (ReLU only, odd kernels only: what the specs tested here use.)
fn layer_by_layer(network: &Network, spec: &ModelSpec, images: Tensor<4>) -> Vec<LayerOutput> {
    let last = spec.layers.len() - 1;
    let mut x = LayerOutput::Image(images);
    let mut outputs = Vec::new();
    for (index, layer) in spec.layers.iter().enumerate() {
        x = match (layer, x) {
            (
                &LayerSpec::Conv2D {
                    kernel_size,
                    activation,
                    padding,
                    ..
                },
                LayerOutput::Image(x),
            ) => {
                let (weight, bias) = network.conv_parameters(index).unwrap();
                let pad = if padding == Padding::Same {
                    kernel_size / 2
                } else {
                    0
                };
                let options = ConvOptions::new([1, 1], [pad, pad], [1, 1], 1);
                LayerOutput::Image(activate(
                    conv2d(x, weight, bias, options),
                    activation,
                    index == last,
                ))
            }
            (&LayerSpec::MaxPooling2D { pool_size }, LayerOutput::Image(x)) => {
                LayerOutput::Image(max_pool2d(x, MaxPoolOptions::new([pool_size, pool_size])))
            }
            (LayerSpec::Flatten, LayerOutput::Image(x)) => LayerOutput::Flat(x.flatten(1, 3)),
            (LayerSpec::Flatten, flat) => flat,
            (&LayerSpec::Dense { activation, .. }, LayerOutput::Flat(x)) => {
                let (weight, bias) = network.dense_parameters(index).unwrap();
                let y = x.matmul(weight) + bias.unwrap().unsqueeze::<2>();
                LayerOutput::Flat(activate(y, activation, index == last))
            }
            _ => unreachable!("a valid spec"),
        };
        outputs.push(x.clone());
    }
    outputs
}

/// The activations these specs use; the last layer's softmax is left out (logits).
fn activate<const D: usize>(x: Tensor<D>, activation: Activation, is_last: bool) -> Tensor<D> {
    match activation {
        Activation::Relu => relu(x),
        Activation::Softmax | Activation::Linear if is_last => x,
        other => panic!("not used here: {other}"),
    }
}

#[test]
fn activations_are_every_layers_output_and_end_in_the_logits() {
    let device = device();
    let images = images(3, &device);
    for spec in [
        ModelSpec::tutorial(),
        ModelSpec::dense_baseline(),
        kernel_5(64),
    ] {
        let network = Network::new(&spec, &device).unwrap();
        let (logits, outputs) = network.forward_with_activations(images.clone());
        let plain = network
            .forward(images.clone())
            .into_data()
            .iter::<f32>()
            .collect::<Vec<_>>();
        assert_eq!(
            logits.into_data().iter::<f32>().collect::<Vec<_>>(),
            plain,
            "{spec:?}"
        );
        assert_eq!(
            values(outputs.last().unwrap().clone()),
            plain,
            "the last output is the logits"
        );

        // Keras' channels-last shapes are burn's NCHW dims without the batch: (h, w, c) = [_, c, h, w].
        let shapes: Vec<_> = outputs.iter().map(LayerOutput::shape).collect();
        assert_eq!(shapes, spec.output_shapes().unwrap(), "{spec:?}");
        assert!(outputs.iter().all(|o| o.dims()[0] == 3));

        let reference = layer_by_layer(&network, &spec, images.clone());
        for (index, (output, expected)) in outputs.into_iter().zip(reference).enumerate() {
            let (output, expected) = (values(output), values(expected));
            assert_eq!(output.len(), expected.len(), "layer {index} of {spec:?}");
            let close = output
                .iter()
                .zip(&expected)
                .all(|(a, b)| (a - b).abs() <= 1e-4 + 1e-4 * b.abs());
            assert!(
                close,
                "layer {index} of {spec:?} differs from its layer-by-layer value"
            );
        }
    }
}

/// A convolution with 2 filters of 1 × 1 (so each channel is the image times a weight plus a
/// bias), BatchNormalization over its 2 channels, Dropout, and a Dense layer.
fn normalised(rate: f32) -> ModelSpec {
    ModelSpec::new(vec![
        LayerSpec::Conv2D { filters: 2, kernel_size: 1, activation: Activation::Linear, padding: Padding::Valid },
        LayerSpec::BatchNormalization,
        LayerSpec::Flatten,
        LayerSpec::Dropout { rate: Rate(rate) },
        LayerSpec::Dense { units: 10, activation: Activation::Linear },
    ])
}

fn floats<const D: usize>(x: Tensor<D>) -> Vec<f32> {
    x.into_data().iter::<f32>().collect()
}

/// Per channel of an NCHW batch: the mean and the biased variance (divided by the count).
fn channel_moments(values: &[f32], channels: usize) -> Vec<(f64, f64)> {
    let plane = 28 * 28;
    (0..channels)
        .map(|c| {
            let channel: Vec<f64> = values
                .chunks(plane)
                .enumerate()
                .filter(|(i, _)| i % channels == c)
                .flat_map(|(_, p)| p.iter().map(|&v| f64::from(v)))
                .collect();
            let mean = channel.iter().sum::<f64>() / channel.len() as f64;
            let variance = channel.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / channel.len() as f64;
            (mean, variance)
        })
        .collect()
}

/// (x − mean) / √(variance + 0.001) × γ + β, channel by channel.
fn normalise_by_hand(values: &[f32], moments: &[(f64, f64)], gamma: &[f32], beta: &[f32]) -> Vec<f64> {
    let plane = 28 * 28;
    values
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let c = (i / plane) % moments.len();
            let (mean, variance) = moments[c];
            (f64::from(x) - mean) / (variance + 1e-3).sqrt() * f64::from(gamma[c]) + f64::from(beta[c])
        })
        .collect()
}

fn assert_close(got: &[f32], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!((f64::from(g) - w).abs() <= 1e-4 * (1.0 + w.abs()), "{what}, value {i}: {g} against {w} by hand");
    }
}

/// A few Adam steps in training mode, moving statistics updated after each, so that γ, β and
/// the moving statistics are no longer their starting 1, 0, 0 and 1.
fn trained_a_little(spec: &ModelSpec, device: &Device) -> Network {
    let mut network = Network::new(spec, device).unwrap();
    let mut optim = AdamConfig::new().init();
    let loss_fn = CrossEntropyLossConfig::new().init(device);
    let targets = Tensor::<1, Int>::from_ints([0, 1, 2, 3, 4, 5, 6, 7], device);
    for _ in 0..5 {
        let (logits, statistics) = network.forward_training(images(8, device));
        let grads = GradientsParams::from_grads(loss_fn.forward(logits, targets.clone()).backward(), &network);
        network = optim.step(1e-2, network, grads).with_moving_statistics(statistics);
    }
    network
}

#[test]
fn batch_normalization_equals_a_hand_computation_in_training_and_when_predicting() {
    let device = device().autodiff();
    let network = trained_a_little(&normalised(0.0), &device);
    let [gamma, beta, moving_mean, moving_variance] = network.batch_norm_parameters(1).unwrap().map(floats);
    assert!(gamma.iter().any(|g| (g - 1.0).abs() > 1e-3) && beta.iter().any(|b| b.abs() > 1e-3), "γ {gamma:?}, β {beta:?} trained");
    let batch = images(6, &device);

    // Training: the batch's own mean and biased variance per channel, over batch × height × width.
    let (_, outputs, statistics) = network.forward_training_with_activations(batch.clone());
    assert!(!statistics.is_empty());
    let conv = values(outputs[0].clone());
    let moments = channel_moments(&conv, 2);
    assert_close(&values(outputs[1].clone()), &normalise_by_hand(&conv, &moments, &gamma, &beta), "training");

    // Predicting: the moving statistics instead, whatever the batch.
    let (_, outputs) = network.forward_with_activations(batch);
    let conv = values(outputs[0].clone());
    let moving: Vec<(f64, f64)> = moving_mean.iter().zip(&moving_variance).map(|(&m, &v)| (f64::from(m), f64::from(v))).collect();
    assert_close(&values(outputs[1].clone()), &normalise_by_hand(&conv, &moving, &gamma, &beta), "predicting");
}

#[test]
fn moving_statistics_move_with_keras_momentum() {
    let device = device().autodiff();
    let network = Network::new(&normalised(0.0), &device).unwrap();
    let [_, _, mean, variance] = network.batch_norm_parameters(1).unwrap().map(floats);
    assert_eq!((mean, variance), (vec![0.0; 2], vec![1.0; 2]), "Keras starts at mean 0, variance 1");

    let mut expected = vec![(0.0f64, 1.0f64); 2];
    let mut network = network;
    for step in 0..2 {
        let (_, outputs, statistics) = network.forward_training_with_activations(images(5, &device));
        let batch = channel_moments(&values(outputs[0].clone()), 2);
        network = network.with_moving_statistics(statistics);
        // moving = 0.99 × moving + 0.01 × batch statistic, the variance biased.
        for ((mean, variance), (batch_mean, batch_variance)) in expected.iter_mut().zip(&batch) {
            *mean = 0.99 * *mean + 0.01 * batch_mean;
            *variance = 0.99 * *variance + 0.01 * batch_variance;
        }
        let [_, _, mean, variance] = network.batch_norm_parameters(1).unwrap().map(floats);
        let (want_mean, want_variance): (Vec<f64>, Vec<f64>) = expected.iter().copied().unzip();
        assert_close(&mean, &want_mean, &format!("moving mean after step {}", step + 1));
        assert_close(&variance, &want_variance, &format!("moving variance after step {}", step + 1));
    }
}

#[test]
fn dropout_zeroes_about_its_rate_while_training_and_nothing_when_predicting() {
    let device = device().autodiff();
    for rate in [0.25f32, 0.5, 0.9] {
        let network = Network::new(&normalised(rate), &device).unwrap();
        // 64 images of 2 channels: 100 352 values, so the share dropped is within ±0.01 of the
        // rate with near certainty (its standard deviation is at most 0.0016).
        let batch = images(64, &device);
        let (_, outputs, _) = network.forward_training_with_activations(batch.clone());
        let (before, after) = (values(outputs[2].clone()), values(outputs[3].clone()));
        // A value that is zero before dropout (the normalised value can land exactly on the
        // batch mean, rarely) says nothing about dropping: count only the others.
        let live: Vec<(f32, f32)> = before.iter().copied().zip(after.iter().copied()).filter(|(x, _)| *x != 0.0).collect();
        assert!(live.len() > before.len() * 99 / 100, "almost no input is zero already");
        let dropped = live.iter().filter(|(_, y)| *y == 0.0).count() as f32 / live.len() as f32;
        assert!((dropped - rate).abs() < 0.01, "rate {rate}: {dropped} dropped");
        for &(x, y) in live.iter().filter(|(_, y)| *y != 0.0) {
            let scaled = x / (1.0 - rate);
            assert!((y - scaled).abs() <= 1e-5 * scaled.abs().max(1.0), "rate {rate}: {x} became {y}, not {scaled}");
        }

        let (_, outputs) = network.forward_with_activations(batch);
        assert_eq!(values(outputs[2].clone()), values(outputs[3].clone()), "rate {rate}: predicting drops nothing");
    }
}

#[test]
fn batch_normalization_and_dropout_change_only_in_training() {
    // Predicting twice gives the same logits; a training pass with dropout does not.
    let device = device().autodiff();
    let network = Network::new(&normalised(0.5), &device).unwrap();
    let batch = images(4, &device);
    let once = floats(network.forward(batch.clone()));
    assert_eq!(once, floats(network.forward(batch.clone())));
    assert_ne!(floats(network.forward_training(batch).0), once);
}
