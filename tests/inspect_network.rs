//! Inside the network (issue 12): feature maps, the last layer's contributions, kernels and
//! saliency, on random networks and on the shipped pre-trained model. The saliency of real
//! digits needs MNIST_DIR.

mod common;

use std::time::Instant;

use burn::prelude::*;
use burn::tensor::Distribution;
use convlab::inspect::{LayerValues, activation_maps, kernels, saliency};
use convlab::model::{Activation, LayerKind, LayerOutput, LayerSpec, ModelSpec, Network, Shape};
use convlab::training::predict;
use futures::executor::block_on;

fn device() -> Device {
    Device::flex()
}

/// The app's pre-trained tutorial model and its spec.
fn pretrained() -> (ModelSpec, Network) {
    let (header, network) = common::shipped_model();
    (header.spec, network)
}

/// A digit-like image: random values in 0..1.
fn noise(seed: u64) -> Vec<f32> {
    Device::flex().seed(seed);
    let image = Tensor::<1>::random([784], Distribution::Uniform(0.0, 1.0), &device());
    image.into_data().iter::<f32>().collect()
}

fn real_digit(index: usize) -> (Vec<f32>, u8) {
    let data = common::real_mnist(100);
    (data.test.scaled_pixels(&[index]), data.test.label(index))
}

fn flat_linear() -> ModelSpec {
    ModelSpec::new(vec![
        LayerSpec::Flatten,
        LayerSpec::Dense {
            units: 10,
            activation: Activation::Softmax,
        },
    ])
}

fn argmax(values: &[f32]) -> u8 {
    let best = values
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)));
    best.map_or(0, |(k, _)| k as u8)
}

fn close(a: f32, b: f32, tolerance: f32) -> bool {
    (a - b).abs() <= tolerance * (1.0 + b.abs())
}

#[test]
fn maps_name_shape_and_hold_every_layer_of_the_tutorial() {
    let (spec, network) = pretrained();
    let pixels = noise(1);
    let maps = block_on(activation_maps(&network, &spec, &pixels, &device())).unwrap();
    // Keras' names, as the summary prints them: conv2d, max_pooling2d, conv2d_1, …
    let names: Vec<&str> = maps.layers.iter().map(|l| l.name.as_str()).collect();
    let summary = spec.summary().unwrap();
    let keras: Vec<&str> = summary.layers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, keras);
    assert_eq!(names[3], "max_pooling2d_1");
    let shapes: Vec<Shape> = maps.layers.iter().map(|l| l.shape).collect();
    assert_eq!(shapes, spec.output_shapes().unwrap());

    for layer in &maps.layers {
        match (&layer.values, layer.shape) {
            (
                LayerValues::Channels(channels),
                Shape::Image {
                    height,
                    width,
                    channels: count,
                },
            ) => {
                assert_eq!(channels.len(), count, "{}", layer.name);
                assert!(
                    channels.iter().all(|c| c.levels.len() == height * width),
                    "{}",
                    layer.name
                );
                // ReLU outputs and their max-pooling are never negative.
                assert!(
                    channels.iter().all(|c| c.min >= 0.0 && c.max >= c.min),
                    "{}",
                    layer.name
                );
            }
            (LayerValues::Flattened, Shape::Flat(1568)) => {
                assert_eq!(layer.kind, LayerKind::Flatten)
            }
            (LayerValues::Units(units), Shape::Flat(10)) => assert_eq!(units[..], maps.logits[..]),
            other => panic!("unexpected {other:?} for {}", layer.name),
        }
    }

    // The maps hold the network's own values, channel by channel, row-major.
    let image = Tensor::from_data(TensorData::new(pixels.clone(), [1, 1, 28, 28]), &device());
    let (_, outputs) = network.forward_with_activations(image);
    let LayerOutput::Image(conv) = outputs[2].clone() else {
        panic!("conv2d_1 is an image")
    };
    let channel: Vec<f32> = conv
        .slice([0..1, 7..8, 0..14, 0..14])
        .into_data()
        .iter::<f32>()
        .collect();
    let LayerValues::Channels(maps_of_conv) = &maps.layers[2].values else {
        panic!()
    };
    let map = &maps_of_conv[7];
    let step = (map.max - map.min) / 255.0;
    for (back, exact) in map.values().iter().zip(&channel) {
        assert!(
            (back - exact).abs() <= step / 2.0 + 1e-6,
            "{back} vs {exact}"
        );
    }

    // The answer agrees with predict, and the contributions add up to the top logit.
    let probabilities = block_on(predict(&network, &pixels, &device())).unwrap()[0];
    assert_eq!(maps.top_class, argmax(&probabilities));
    assert!(
        maps.probabilities
            .iter()
            .zip(probabilities)
            .all(|(a, b)| close(*a, b, 1e-5))
    );
    let contributions = maps
        .contributions
        .as_ref()
        .expect("the tutorial flattens conv2d_2");
    assert_eq!(contributions.class, maps.top_class);
    assert_eq!(contributions.source, Some(4));
    assert_eq!(
        contributions.shape,
        Shape::Image {
            height: 7,
            width: 7,
            channels: 32
        }
    );
    assert_eq!(contributions.channels.len(), 32);
    assert!(contributions.channels.iter().all(|c| c.levels.len() == 49));
    let sum: f32 = contributions.channel_sums.iter().sum::<f32>() + contributions.bias;
    assert!(
        close(sum, maps.logits[usize::from(maps.top_class)], 1e-4),
        "{sum} vs {:?}",
        maps.logits
    );
}

#[test]
fn contributions_need_a_flattened_image_before_the_last_layer() {
    let device = device();
    let pixels = noise(2);
    let spec = ModelSpec::dense_baseline();
    let network = Network::new(&spec, &device).unwrap();
    let maps = block_on(activation_maps(&network, &spec, &pixels, &device)).unwrap();
    assert_eq!(
        maps.contributions, None,
        "the last Dense reads another Dense"
    );
    assert!(matches!(&maps.layers[1].values, LayerValues::Units(units) if units.len() == 128));

    // Flatten → Dense: the terms are weight × pixel, on the input digit's own shape.
    let spec = flat_linear();
    let network = Network::new(&spec, &device).unwrap();
    let maps = block_on(activation_maps(&network, &spec, &pixels, &device)).unwrap();
    let contributions = maps.contributions.expect("the digit itself is flattened");
    assert_eq!(
        (contributions.source, contributions.shape),
        (None, Shape::INPUT)
    );
    let (weights, _) = network.dense_parameters(1).unwrap();
    let column: Vec<f32> = weights
        .slice([
            0..784,
            contributions.class as usize..contributions.class as usize + 1,
        ])
        .into_data()
        .iter::<f32>()
        .collect();
    let terms: Vec<f32> = column.iter().zip(&pixels).map(|(w, p)| w * p).collect();
    let map = &contributions.channels[0];
    assert!((map.min - terms.iter().copied().fold(f32::INFINITY, f32::min)).abs() < 1e-6);
    assert!((map.max - terms.iter().copied().fold(f32::NEG_INFINITY, f32::max)).abs() < 1e-6);

    // One image of 784 values, and a spec that fits the network.
    assert!(block_on(activation_maps(&network, &spec, &pixels[..783], &device)).is_err());
    assert!(
        block_on(activation_maps(
            &network,
            &ModelSpec::tutorial(),
            &pixels,
            &device
        ))
        .is_err()
    );
}

#[test]
fn kernels_are_the_convolutions_weights() {
    let (spec, network) = pretrained();
    let first = block_on(kernels(&network, &spec, 0)).unwrap();
    assert_eq!(
        (first.name.as_str(), first.kernel_size, first.in_channels),
        ("conv2d", 3, 1)
    );
    assert_eq!(first.filters.len(), 32);
    let (weights, bias) = network.conv_parameters(0).unwrap();
    let weights: Vec<f32> = weights.into_data().iter::<f32>().collect();
    let bias: Vec<f32> = bias.unwrap().into_data().iter::<f32>().collect();
    for (f, filter) in first.filters.iter().enumerate() {
        assert_eq!(filter.bias, bias[f]);
        let step = (filter.weights.max - filter.weights.min) / 255.0;
        for (back, exact) in filter
            .weights
            .values()
            .iter()
            .zip(&weights[f * 9..(f + 1) * 9])
        {
            assert!((back - exact).abs() <= step / 2.0 + 1e-6);
        }
    }

    // A deeper layer: each filter reads 32 channels of 3 × 3.
    let third = block_on(kernels(&network, &spec, 4)).unwrap();
    assert_eq!(
        (third.name.as_str(), third.in_channels, third.filters.len()),
        ("conv2d_2", 32, 32)
    );
    assert!(third.filters.iter().all(|f| f.weights.levels.len() == 288));
    assert_eq!(
        third.kernel(5, 31),
        &third.filters[5].weights.levels[279..288]
    );

    assert!(
        block_on(kernels(&network, &spec, 1)).is_err(),
        "pooling has no kernels"
    );
    assert!(
        block_on(kernels(&network, &spec, 9)).is_err(),
        "no such layer"
    );
}

#[test]
fn saliency_of_a_real_digit_lies_on_its_ink() {
    let (_, network) = pretrained();
    for index in 0..5 {
        let (pixels, label) = real_digit(index);
        let map = block_on(saliency(&network, &pixels, &device())).unwrap();
        let probabilities = block_on(predict(&network, &pixels, &device())).unwrap()[0];
        assert_eq!(map.top_class, argmax(&probabilities), "image {index}");
        assert_eq!(
            map.top_class, label,
            "the model reads test image {index} right"
        );
        assert_eq!(map.gradient.len(), 784);
        assert!(map.gradient.iter().all(|g| g.is_finite()));
        let on_ink: Vec<f32> = (pixels.iter().zip(&map.gradient))
            .filter(|(p, _)| **p > 0.5)
            .map(|(_, g)| g.abs())
            .collect();
        let nonzero = on_ink.iter().filter(|g| **g > 0.0).count();
        assert!(
            nonzero * 2 > on_ink.len(),
            "image {index}: {nonzero} of {} ink pixels",
            on_ink.len()
        );
        // Ink matters more than the background (3–5 times on these digits).
        let mean = |ink: bool| {
            let picked: Vec<f32> = (pixels.iter().zip(&map.gradient))
                .filter(|(p, _)| (**p > 0.5) == ink)
                .map(|(_, g)| g.abs())
                .collect();
            picked.iter().sum::<f32>() / picked.len() as f32
        };
        assert!(
            mean(true) > 1.5 * mean(false),
            "image {index}: {} vs {}",
            mean(true),
            mean(false)
        );
        assert!(map.magnitude.max > 0.0 && map.magnitude.min >= 0.0);
    }

    // An empty canvas still gives finite numbers.
    let blank = block_on(saliency(&network, &[0.0; 784], &device())).unwrap();
    assert!(blank.gradient.iter().all(|g| g.is_finite()));
    assert!(block_on(saliency(&network, &[0.0; 10], &device())).is_err());
}

#[test]
fn saliency_of_a_linear_model_is_its_weights() {
    // logit_k = Σ w[p, k] · pixel_p + b_k, so ∂ logit_k / ∂ pixel_p = w[p, k] exactly.
    let device = device();
    let spec = flat_linear();
    let network = Network::new(&spec, &device).unwrap();
    let map = block_on(saliency(&network, &noise(3), &device)).unwrap();
    let (weights, _) = network.dense_parameters(1).unwrap();
    let class = usize::from(map.top_class);
    let column: Vec<f32> = weights
        .slice([0..784, class..class + 1])
        .into_data()
        .iter::<f32>()
        .collect();
    assert!(
        map.gradient
            .iter()
            .zip(&column)
            .all(|(g, w)| close(*g, *w, 1e-6))
    );
}

#[test]
fn results_survive_serialisation() {
    // The page gets them as messages; JSON stands in for serde-wasm-bindgen here.
    fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: &T) -> T {
        serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap()
    }
    let (spec, network) = pretrained();
    let pixels = noise(5);
    let maps = block_on(activation_maps(&network, &spec, &pixels, &device())).unwrap();
    assert_eq!(round_trip(&maps), maps);
    let kernels = block_on(kernels(&network, &spec, 0)).unwrap();
    assert_eq!(round_trip(&kernels), kernels);
    let saliency = block_on(saliency(&network, &pixels, &device())).unwrap();
    assert_eq!(round_trip(&saliency), saliency);
}

/// Prints (does not check) the time of one activation and one saliency pass of the tutorial.
#[test]
fn one_inspection_of_the_tutorial_takes() {
    let (spec, network) = pretrained();
    let pixels = noise(4);
    let _ = block_on(activation_maps(&network, &spec, &pixels, &device())).unwrap();
    let start = Instant::now();
    let maps = block_on(activation_maps(&network, &spec, &pixels, &device())).unwrap();
    let maps_ms = start.elapsed().as_secs_f64() * 1e3;
    let start = Instant::now();
    let _ = block_on(saliency(&network, &pixels, &device())).unwrap();
    let saliency_ms = start.elapsed().as_secs_f64() * 1e3;
    let bytes = serde_json::to_vec(&maps).unwrap().len();
    eprintln!(
        "tutorial: activation maps {maps_ms:.1} ms, saliency {saliency_ms:.1} ms, maps as JSON {bytes} bytes"
    );
}

#[test]
fn inside_views_take_dropout_and_batch_normalization() {
    // Every layer's maps, the contributions through Flatten and Dropout, saliency and the cell
    // views answer (or refuse in words) for a model with both, and never panic.
    let device = device();
    let pixels = noise(3);
    let spec = common::specs::tutorial_normalised();
    let network = Network::new(&spec, &device).unwrap();
    let maps = block_on(activation_maps(&network, &spec, &pixels, &device)).unwrap();
    assert_eq!(maps.layers.len(), spec.layers.len());
    assert_eq!(maps.layers[1].kind, LayerKind::BatchNormalization);
    assert!(matches!(&maps.layers[1].values, LayerValues::Channels(c) if c.len() == 32));
    assert!(matches!(&maps.layers[9].values, LayerValues::Units(u) if u.len() == 1568));
    // The last Dense reads Flatten (then Dropout, which passes values on when predicting) of
    // layer 7, BatchNormalization's 7 × 7 × 32 maps.
    let contributions = maps.contributions.expect("a flattened image feeds the last layer");
    assert_eq!((contributions.source, contributions.shape), (Some(7), Shape::Image { height: 7, width: 7, channels: 32 }));
    // Dropout on a vector before the last layer: no image to lay the terms on.
    let flat = ModelSpec::new(vec![
        LayerSpec::Flatten,
        LayerSpec::BatchNormalization,
        LayerSpec::Flatten,
        LayerSpec::Dense { units: 10, activation: Activation::Softmax },
    ]);
    let flat_network = Network::new(&flat, &device).unwrap();
    assert_eq!(block_on(activation_maps(&flat_network, &flat, &pixels, &device)).unwrap().contributions, None);

    let map = block_on(saliency(&network, &pixels, &device)).unwrap();
    assert!(map.gradient.iter().all(|g| g.is_finite()));

    // A Dropout value is refused in words: it only passes its input on when predicting.
    use convlab::inspect::{CellIndex, CellRequest};
    let request = CellRequest { layer: 9, cell: CellIndex::Unit { unit: 0, top: 3 } };
    let error = request.check(&spec).unwrap_err();
    assert!(error.contains("Dropout layer computes nothing when predicting"), "{error}");
    assert!(block_on(convlab::inspect::explain_cell(&network, &spec, &pixels, &request, &device)).is_err());
}

#[test]
fn a_batch_normalization_value_is_explained_with_the_moving_statistics() {
    use convlab::inspect::{CellArithmetic, CellIndex, CellRequest, explain_cell};
    let device = device();
    let pixels = noise(4);
    // A few training passes move the moving statistics off their starting 0 and 1 (γ and β stay
    // 1 and 0: no optimiser step).
    let spec = common::specs::tutorial_normalised();
    let mut network = Network::new(&spec, &device).unwrap();
    for seed in 0..3 {
        Device::flex().seed(seed);
        let images = Tensor::<4>::random([4, 1, 28, 28], Distribution::Uniform(0.0, 1.0), &device);
        let (_, statistics) = network.forward_training(images);
        network = network.with_moving_statistics(statistics);
    }
    let image = Tensor::<4>::from_data(TensorData::new(pixels.clone(), [1, 1, 28, 28]), &device);
    let (_, outputs) = network.forward_with_activations(image);
    let [gamma, beta, mean, variance] = network.batch_norm_parameters(4).unwrap().map(|t| t.into_data().iter::<f32>().collect::<Vec<f32>>());
    let conv: Vec<f32> = match outputs[3].clone() {
        LayerOutput::Image(x) => x.into_data().iter::<f32>().collect(),
        LayerOutput::Flat(_) => unreachable!("a convolution's output"),
    };
    // Layer 4 is the BatchNormalization after the second convolution (14 × 14 × 32).
    for (channel, row, col) in [(0, 0, 0), (5, 7, 3), (31, 13, 13)] {
        let request = CellRequest { layer: 4, cell: CellIndex::Image { channel, row, col } };
        let explanation = block_on(explain_cell(&network, &spec, &pixels, &request, &device)).unwrap();
        let CellArithmetic::BatchNorm(cell) = &explanation.arithmetic else { panic!("{:?}", explanation.arithmetic) };
        let x = conv[(channel * 14 + row) * 14 + col];
        assert_eq!((cell.channel, cell.input), (channel, x));
        assert_eq!((cell.gamma, cell.beta, cell.moving_mean, cell.moving_variance), (gamma[channel], beta[channel], mean[channel], variance[channel]));
        assert!(mean[channel] != 0.0 && variance[channel] != 1.0, "the moving statistics moved");
        let by_hand = (x - mean[channel]) / (variance[channel] + 0.001).sqrt() * gamma[channel] + beta[channel];
        assert!(close(cell.result, by_hand, 1e-5), "{} against {by_hand}", cell.result);
        assert!(close(cell.result, explanation.network_value, 1e-5), "{} against the network's {}", cell.result, explanation.network_value);
    }
    // On a vector, a unit is explained the same way.
    let flat = ModelSpec::new(vec![
        LayerSpec::Flatten,
        LayerSpec::BatchNormalization,
        LayerSpec::Dense { units: 10, activation: Activation::Softmax },
    ]);
    let flat_network = Network::new(&flat, &device).unwrap();
    let request = CellRequest { layer: 1, cell: CellIndex::Unit { unit: 300, top: 5 } };
    let explanation = block_on(explain_cell(&flat_network, &flat, &pixels, &request, &device)).unwrap();
    let CellArithmetic::BatchNorm(cell) = &explanation.arithmetic else { panic!("{:?}", explanation.arithmetic) };
    assert_eq!(cell.input, pixels[300]);
    assert!(close(cell.result, pixels[300] / 1.001f32.sqrt(), 1e-5) && close(cell.result, explanation.network_value, 1e-5));
}
