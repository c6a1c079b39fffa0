//! The burn network on the CPU backend: parameter counts, shapes, probabilities and gradients.

use burn::module::Module;
use burn::nn::loss::CrossEntropyLossConfig;
use burn::optim::{AdamConfig, GradientsParams};
use burn::prelude::*;
use burn::tensor::Distribution;
use burn::tensor::activation::relu;
use burn::tensor::module::{conv2d, max_pool2d};
use burn::tensor::ops::{ConvOptions, MaxPoolOptions};
use convlab::model::{Activation, LayerOutput, LayerSpec, ModelSpec, Network, Padding, SpecError};

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
