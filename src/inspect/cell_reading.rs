//! "Convolution up close", worker side: the learner's digit through the learner's network up to
//! the layer asked about, and what the arithmetic needs (the layer's input, the filter's or
//! unit's parameters, the network's own value) read back in ONE async transaction, as a blocking
//! read would panic on WebGPU in a browser.

use burn::module::Module;
use burn::tensor::{Device, Tensor, Transaction};

use super::cell_arithmetic::{Planes, conv_cell, pool_cell};
use super::cell_batch_norm::batch_norm_cell;
use super::cell_dense::{dense_column, dense_logits, dense_unit};
use super::cell_request::{CellArithmetic, CellExplanation, CellIndex, CellRequest};
use super::image_tensor;
use crate::model::receptive_field::receptive_fields;
use crate::model::network::BATCH_NORM_EPSILON;
use crate::model::{LayerOutput, LayerSpec, ModelSpec, Network, Shape};
use crate::training::TrainingError;

/// Explains one output value of `network` (built from `spec`) on one image (`pixels`: 784
/// values in 0..1, row-major). Errors: the request does not fit the spec, the network is not
/// the spec's, or the device failed.
pub async fn explain_cell(
    network: &Network,
    spec: &ModelSpec,
    pixels: &[f32],
    request: &CellRequest,
    device: &Device,
) -> Result<CellExplanation, TrainingError> {
    let (input_shape, _) = request.check(spec).map_err(TrainingError::Input)?;
    if network.len() != spec.layers.len() {
        let (found, expected) = (network.len(), spec.layers.len());
        return Err(TrainingError::Input(format!(
            "the network has {found} layers, its spec {expected}"
        )));
    }
    let index = request.layer;
    let name = spec.summary()?.layers.swap_remove(index).name;
    let field = receptive_fields(spec)?[index];
    let device = device.clone().without_autodiff();
    let network = network.valid().to_device(&device);

    // Only the layers up to the one asked about run.
    let mut input = LayerOutput::Image(image_tensor(pixels, &device)?);
    for before in 0..index {
        input = network.forward_layer(before, input);
    }
    let output = network.forward_layer(index, input.clone());
    let last = index + 1 == spec.layers.len();

    // Reads, in this order: the layer's input, then per kind of layer what the arithmetic needs,
    // and last the network's own value(s).
    let mut reads = register(Transaction::default(), input);
    match (&spec.layers[index], request.cell, output) {
        (
            LayerSpec::Conv2D { .. },
            CellIndex::Image { channel, row, col },
            LayerOutput::Image(y),
        ) => {
            let (weights, bias) = network
                .conv_parameters(index)
                .expect("checked: a convolution");
            let [_, in_channels, k, _] = weights.dims();
            let filter = channel..channel + 1;
            reads = reads.register(weights.slice([filter.clone(), 0..in_channels, 0..k, 0..k]));
            reads = reads.register(bias_or_zero(bias, filter, &device));
            reads =
                reads.register(y.slice([0..1, channel..channel + 1, row..row + 1, col..col + 1]));
        }
        (
            LayerSpec::MaxPooling2D { .. },
            CellIndex::Image { channel, row, col },
            LayerOutput::Image(y),
        ) => {
            reads =
                reads.register(y.slice([0..1, channel..channel + 1, row..row + 1, col..col + 1]));
        }
        (LayerSpec::Dense { .. }, CellIndex::Unit { unit, .. }, LayerOutput::Flat(y)) => {
            let (weights, bias) = network
                .dense_parameters(index)
                .expect("checked: a Dense layer");
            let [inputs, units] = weights.dims();
            // The last layer's probability needs every unit's logit: read all its (10) units.
            let units = if last { 0..units } else { unit..unit + 1 };
            reads = reads.register(weights.slice([0..inputs, units.clone()]));
            reads = reads.register(bias_or_zero(bias, units.clone(), &device));
            reads = reads.register(y.slice([0..1, units]));
        }
        (LayerSpec::BatchNormalization, cell, output) => {
            // The channel's (or unit's) γ, β, moving mean and moving variance, then its value.
            let channel = match cell {
                CellIndex::Image { channel, .. } => channel,
                CellIndex::Unit { unit, .. } => unit,
            };
            let parameters = network.batch_norm_parameters(index).expect("checked: a BatchNormalization layer");
            for parameter in parameters {
                reads = reads.register(parameter.slice([channel..channel + 1]));
            }
            reads = match (output, cell) {
                (LayerOutput::Image(y), CellIndex::Image { channel, row, col }) => {
                    reads.register(y.slice([0..1, channel..channel + 1, row..row + 1, col..col + 1]))
                }
                (LayerOutput::Flat(y), CellIndex::Unit { unit, .. }) => reads.register(y.slice([0..1, unit..unit + 1])),
                _ => unreachable!("checked: the request fits the layer"),
            };
        }
        _ => unreachable!("checked: the request fits the layer"),
    }
    let data = reads.execute_async().await.map_err(TrainingError::device)?;
    let mut data = data
        .into_iter()
        .map(|d| d.iter::<f32>().collect::<Vec<f32>>());
    let mut next = move || data.next().expect("one read per registered tensor");
    let input = next();

    let (arithmetic, network_value) = match (&spec.layers[index], request.cell) {
        (
            &LayerSpec::Conv2D {
                kernel_size,
                activation,
                padding,
                ..
            },
            CellIndex::Image { channel, row, col },
        ) => {
            let (weights, bias) = (next(), next()[0]);
            let cell = conv_cell(
                planes(&input, input_shape),
                &weights,
                bias,
                kernel_size,
                padding,
                activation,
                (channel, row, col),
            );
            (CellArithmetic::Conv(cell), next()[0])
        }
        (&LayerSpec::MaxPooling2D { pool_size }, CellIndex::Image { channel, row, col }) => {
            let cell = pool_cell(planes(&input, input_shape), pool_size, (channel, row, col));
            (CellArithmetic::Pool(cell), next()[0])
        }
        (&LayerSpec::Dense { activation, .. }, CellIndex::Unit { unit, top }) => {
            let (weights, biases, values) = (next(), next(), next());
            let (unit_arithmetic, network_value) = if last {
                let logits = dense_logits(&input, &weights, &biases);
                let column = dense_column(&weights, biases.len(), unit);
                (
                    dense_unit(
                        &input,
                        &column,
                        biases[unit],
                        activation,
                        unit,
                        top,
                        Some(&logits),
                    ),
                    values[unit],
                )
            } else {
                (
                    dense_unit(&input, &weights, biases[0], activation, unit, top, None),
                    values[0],
                )
            };
            (CellArithmetic::Dense(unit_arithmetic), network_value)
        }
        (LayerSpec::BatchNormalization, cell) => {
            let (channel, at) = match (cell, input_shape) {
                (CellIndex::Image { channel, row, col }, Shape::Image { height, width, .. }) => {
                    (channel, (channel * height + row) * width + col)
                }
                (CellIndex::Unit { unit, .. }, _) => (unit, unit),
                _ => unreachable!("checked: the request fits the layer"),
            };
            let parameters = [next()[0], next()[0], next()[0], next()[0]];
            let cell = batch_norm_cell(input[at], parameters, BATCH_NORM_EPSILON as f32, channel);
            (CellArithmetic::BatchNorm(cell), next()[0])
        }
        _ => unreachable!("checked: the request fits the layer"),
    };
    let (row, col) = match request.cell {
        CellIndex::Image { row, col, .. } => (row, col),
        CellIndex::Unit { .. } => (0, 0),
    };
    Ok(CellExplanation {
        request: request.clone(),
        name,
        arithmetic,
        network_value,
        field: field.input_rect(row, col),
    })
}

fn register(reads: Transaction, x: LayerOutput) -> Transaction {
    match x {
        LayerOutput::Image(x) => reads.register(x),
        LayerOutput::Flat(x) => reads.register(x),
    }
}

/// The biases at `range`, or zeros for a layer without biases (weights loaded without them).
fn bias_or_zero(
    bias: Option<Tensor<1>>,
    range: core::ops::Range<usize>,
    device: &Device,
) -> Tensor<1> {
    match bias {
        Some(bias) => bias.slice([range]),
        None => Tensor::zeros([range.len()], device),
    }
}

/// A layer input read back, as NCHW planes of the spec's (channels-last) image shape.
fn planes(values: &[f32], shape: Shape) -> Planes<'_> {
    let Shape::Image {
        height,
        width,
        channels,
    } = shape
    else {
        unreachable!("checked: an image layer reads an image")
    };
    Planes::new(values, channels, height, width)
}
