//! "Convolution up close": which output value the learner asks about, and the answer, as plain
//! data the worker protocol can carry and the page can hold.

use serde::{Deserialize, Serialize};

use super::cell_arithmetic::{ConvCell, PoolCell};
use super::cell_batch_norm::BatchNormCell;
use super::cell_dense::DenseUnit;
use crate::model::receptive_field::InputRect;
use crate::model::{LayerSpec, ModelSpec, Shape};

/// One output value of one layer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellRequest {
    /// The layer's index in the spec.
    pub layer: usize,
    pub cell: CellIndex,
}

/// Where in the layer's output the value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CellIndex {
    /// A Conv2D, MaxPooling2D or BatchNormalization output on an image: channel (the filter,
    /// for a convolution), row, column.
    Image {
        channel: usize,
        row: usize,
        col: usize,
    },
    /// A Dense unit, with how many of its largest terms to list (or a BatchNormalization value
    /// on a vector, which has no terms).
    Unit { unit: usize, top: usize },
}

/// The arithmetic of the value, by the kind of layer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CellArithmetic {
    Conv(ConvCell),
    Pool(PoolCell),
    Dense(DenseUnit),
    BatchNorm(BatchNormCell),
}

impl CellArithmetic {
    /// The value the arithmetic arrives at (for the last layer, the logit).
    pub fn result(&self) -> f32 {
        match self {
            CellArithmetic::Conv(cell) => cell.result,
            CellArithmetic::Pool(cell) => cell.result,
            CellArithmetic::Dense(unit) => unit.result,
            CellArithmetic::BatchNorm(cell) => cell.result,
        }
    }
}

/// How one value of the learner's model on the learner's digit comes about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellExplanation {
    pub request: CellRequest,
    /// Keras' name of the layer, e.g. `conv2d_1`.
    pub name: String,
    pub arithmetic: CellArithmetic,
    /// What the network itself computed there, to show the arithmetic agrees.
    pub network_value: f32,
    /// The input pixels the value depends on (see [`crate::model::receptive_field`]).
    pub field: InputRect,
}

impl CellRequest {
    /// Checks the request against `spec`; returns the layer's input and output shapes.
    pub fn check(&self, spec: &ModelSpec) -> Result<(Shape, Shape), String> {
        let shapes = spec.output_shapes().map_err(|e| e.to_string())?;
        let Some(layer) = spec.layers.get(self.layer) else {
            return Err(format!(
                "the model has {} layers, not {}",
                spec.layers.len(),
                self.layer + 1
            ));
        };
        let input = self
            .layer
            .checked_sub(1)
            .map_or(Shape::INPUT, |i| shapes[i]);
        let output = shapes[self.layer];
        let fits = match (layer, output, self.cell) {
            (
                LayerSpec::Conv2D { .. } | LayerSpec::MaxPooling2D { .. } | LayerSpec::BatchNormalization,
                Shape::Image {
                    height,
                    width,
                    channels,
                },
                CellIndex::Image { channel, row, col },
            ) => channel < channels && row < height && col < width,
            (
                LayerSpec::Dense { .. } | LayerSpec::BatchNormalization,
                Shape::Flat(units),
                CellIndex::Unit { unit, .. },
            ) => unit < units,
            (LayerSpec::Flatten, ..) => {
                return Err("a Flatten layer computes nothing: it lines the values up".into());
            }
            (LayerSpec::Dropout { .. }, ..) => {
                return Err("a Dropout layer computes nothing when predicting: it passes its input on".into());
            }
            _ => false,
        };
        if fits {
            Ok((input, output))
        } else {
            Err(format!(
                "{:?} is not an output of layer {} ({}, output {output})",
                self.cell,
                self.layer + 1,
                layer.kind()
            ))
        }
    }
}
