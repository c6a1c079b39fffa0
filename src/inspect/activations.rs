//! One drawing through the network, every layer's output read back in one transaction (async,
//! so it runs on WebGPU in a browser worker) and turned into [`ActivationMaps`].

use burn::module::Module;
use burn::tensor::{Device, Int, Tensor, Transaction};

use super::maps::{ActivationMaps, Contributions, LayerMaps, LayerValues};
use super::{Quantised, image_tensor};
use crate::data::CLASSES;
use crate::model::{LayerKind, LayerOutput, LayerSpec, ModelSpec, Network, Shape};
use crate::training::TrainingError;

/// Every layer's output for one image (`pixels`: 784 values in 0..1, row-major), with the
/// logits and the top class's contributions. `network` must be built from `spec`.
pub async fn activation_maps(
    network: &Network,
    spec: &ModelSpec,
    pixels: &[f32],
    device: &Device,
) -> Result<ActivationMaps, TrainingError> {
    let summary = spec.summary()?;
    if summary.layers.len() != network.len() {
        let (found, expected) = (network.len(), summary.layers.len());
        return Err(TrainingError::Input(format!(
            "the network has {found} layers, its spec {expected}"
        )));
    }
    let device = device.clone().without_autodiff();
    let network = network.valid().to_device(&device);
    let image = image_tensor(pixels, &device)?;
    let (logits, outputs) = network.forward_with_activations(image.clone());
    let top: Tensor<1, Int> = logits.clone().argmax(1).reshape([1]);
    let source = flattened_source(spec);
    let terms = source.map(|source| {
        let input = source.map_or(LayerOutput::Image(image), |i| outputs[i].clone());
        top_class_terms(&network, spec.layers.len() - 1, input, top.clone())
    });

    let mut reads = Transaction::default();
    for output in &outputs {
        reads = match output.clone() {
            LayerOutput::Image(x) => reads.register(x),
            LayerOutput::Flat(x) => reads.register(x),
        };
    }
    reads = reads.register(logits).register(top);
    if let Some((terms, bias)) = terms {
        reads = reads.register(terms).register(bias);
    }
    let data = reads.execute_async().await.map_err(TrainingError::device)?;
    let mut data = data
        .into_iter()
        .map(|d| d.iter::<f32>().collect::<Vec<f32>>());
    let mut next = move || data.next().unwrap_or_default();

    let layers = summary
        .layers
        .into_iter()
        .map(|layer| {
            let values = next();
            let values = match (layer.kind, layer.output_shape) {
                (_, shape @ Shape::Image { .. }) => {
                    LayerValues::Channels(channel_maps(&values, shape))
                }
                (LayerKind::Flatten, _) => LayerValues::Flattened,
                _ => LayerValues::Units(values),
            };
            LayerMaps {
                name: layer.name,
                kind: layer.kind,
                shape: layer.output_shape,
                values,
            }
        })
        .collect();
    let logits = to_classes(&next());
    let top_class = next().first().map_or(0, |&class| class as u8);
    let contributions = source.map(|source| {
        let shape = source.map_or(Shape::INPUT, |i| outputs[i].shape());
        let terms = next();
        let bias = next().first().copied().unwrap_or(0.0);
        let channel_sums = channels(&terms, shape).map(|c| c.iter().sum()).collect();
        let channels = channel_maps(&terms, shape);
        Contributions {
            class: top_class,
            source,
            shape,
            channels,
            channel_sums,
            bias,
        }
    });
    let probabilities = softmax(&logits);
    Ok(ActivationMaps {
        layers,
        logits,
        probabilities,
        top_class,
        contributions,
    })
}

/// Where the last Dense layer's inputs come from when they are a flattened image: `Some(Some(i))`
/// for layer `i`'s output, `Some(None)` for the input digit, `None` when it reads a Dense layer
/// (or anything else that was flat already). Dropout between them changes nothing when predicting.
fn flattened_source(spec: &ModelSpec) -> Option<Option<usize>> {
    let before_last = &spec.layers[..spec.layers.len().checked_sub(1)?];
    let passes = before_last
        .iter()
        .rev()
        .take_while(|l| matches!(l, LayerSpec::Flatten | LayerSpec::Dropout { .. }))
        .count();
    let from = before_last.len() - passes;
    if !before_last[from..].contains(&LayerSpec::Flatten) {
        return None;
    }
    match from {
        0 => Some(None),
        n => match spec.output_shapes().ok()?[n - 1] {
            Shape::Image { .. } => Some(Some(n - 1)),
            Shape::Flat(_) => None,
        },
    }
}

/// The last (Dense) layer's weight for class `top` times each of its inputs, `[inputs]`, and its
/// bias for that class, `[1]`: the terms whose sum is the logit.
fn top_class_terms(
    network: &Network,
    last: usize,
    input: LayerOutput,
    top: Tensor<1, Int>,
) -> (Tensor<1>, Tensor<1>) {
    let flat = match input {
        // burn flattens NCHW channel after channel: input c·h·w + y·w + x.
        LayerOutput::Image(x) => x.flatten::<2>(1, 3),
        LayerOutput::Flat(x) => x,
    };
    let (weights, bias) = network
        .dense_parameters(last)
        .expect("validated: the last layer is Dense");
    let inputs = weights.dims()[0];
    let terms = weights.select(1, top.clone()).reshape([inputs]) * flat.reshape([inputs]);
    let bias = match bias {
        Some(bias) => bias.select(0, top),
        None => Tensor::zeros([1], &terms.device()),
    };
    (terms, bias)
}

/// Values of one image in burn's order (channel after channel, each row-major) → the shape's
/// channels as slices.
fn channels(values: &[f32], shape: Shape) -> impl Iterator<Item = &[f32]> {
    let Shape::Image { height, width, .. } = shape else {
        unreachable!("only images have channels")
    };
    values.chunks(height * width)
}

/// One quantised map per channel.
fn channel_maps(values: &[f32], shape: Shape) -> Vec<Quantised> {
    channels(values, shape).map(Quantised::new).collect()
}

/// Softmax of ten logits, computed stably (shifted by the largest).
fn softmax(logits: &[f32; CLASSES]) -> [f32; CLASSES] {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exp = logits.map(|l| (l - max).exp());
    let sum: f32 = exp.iter().sum();
    exp.map(|e| e / sum)
}

/// The first ten values as an array (zeros where fewer).
fn to_classes(values: &[f32]) -> [f32; CLASSES] {
    std::array::from_fn(|k| values.get(k).copied().unwrap_or(0.0))
}
