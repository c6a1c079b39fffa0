//! How a layer's parameter count comes about: the formula with its numbers, so the learner can
//! check the count by hand. The summary shows it; shape inference adds the counts up to check
//! the model's size.

use core::fmt;

use serde::{Deserialize, Serialize};

use super::shape::Shape;
use super::spec::LayerSpec;

/// How a layer's parameter count comes about, with the numbers filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ParamFormula {
    /// (K_w × K_l × C_in + 1) × C_out: one weight per kernel cell and input channel plus one
    /// bias, for every filter.
    Conv2D {
        kernel_width: usize,
        kernel_length: usize,
        channels_in: usize,
        filters: usize,
    },
    /// n_in × n_out + n_out: a weight per input–output pair plus a bias per unit.
    Dense { inputs: usize, units: usize },
    /// 4 × C: per channel (or unit) a scale γ and a shift β, which training learns, and a moving
    /// mean and variance, which it only averages (Keras counts them, as non-trainable).
    BatchNormalization { channels: usize },
}

impl ParamFormula {
    /// The parameter count in `u64`, saturating: exact for anything
    /// [`ModelSpec::validate`] accepts, and never an overflow for anything else.
    pub fn count_u64(&self) -> u64 {
        let n = |value: usize| value as u64;
        match *self {
            ParamFormula::Conv2D {
                kernel_width,
                kernel_length,
                channels_in,
                filters,
            } => n(kernel_width)
                .saturating_mul(n(kernel_length))
                .saturating_mul(n(channels_in))
                .saturating_add(1)
                .saturating_mul(n(filters)),
            ParamFormula::Dense { inputs, units } => n(inputs)
                .saturating_add(1)
                .saturating_mul(n(units)),
            ParamFormula::BatchNormalization { channels } => n(channels).saturating_mul(4),
        }
    }

    /// How many of [`ParamFormula::count_u64`] training does not change by gradient steps:
    /// BatchNormalization's moving mean and variance (2 × C); none for other layers.
    pub fn non_trainable_u64(&self) -> u64 {
        match *self {
            ParamFormula::BatchNormalization { channels } => (channels as u64).saturating_mul(2),
            ParamFormula::Conv2D { .. } | ParamFormula::Dense { .. } => 0,
        }
    }

    /// The parameter count as a `usize` (saturating). A validated layer has at most
    /// (28 × 28 × 1024 + 1) × 1024 ≈ 8.2 × 10⁸ parameters, which fits even wasm32's `usize`.
    pub fn count(&self) -> usize {
        usize::try_from(self.count_u64()).unwrap_or(usize::MAX)
    }

    /// Plain text, e.g. `(3 × 3 × 1 + 1) × 32 = 320` or `1568 × 10 + 10 = 15690`.
    pub fn text(&self) -> String {
        let count = self.count_u64();
        match *self {
            ParamFormula::Conv2D {
                kernel_width,
                kernel_length,
                channels_in,
                filters,
            } => {
                format!(
                    "({kernel_width} × {kernel_length} × {channels_in} + 1) × {filters} = {count}"
                )
            }
            ParamFormula::Dense { inputs, units } => {
                format!("{inputs} × {units} + {units} = {count}")
            }
            ParamFormula::BatchNormalization { channels } => format!(
                "4 × {channels} = {count} (γ and β trained; moving mean and variance not trained: {})",
                self.non_trainable_u64()
            ),
        }
    }

    /// The same formula as a MathML `<math>` element, for the page to render as real maths.
    pub fn mathml(&self) -> String {
        let n = |value: usize| format!("<mn>{value}</mn>");
        let o = |op: &str| format!("<mo>{op}</mo>");
        let body = match *self {
            ParamFormula::Conv2D {
                kernel_width,
                kernel_length,
                channels_in,
                filters,
            } => [
                o("("),
                n(kernel_width),
                o("×"),
                n(kernel_length),
                o("×"),
                n(channels_in),
                o("+"),
                n(1),
                o(")"),
                o("×"),
                n(filters),
            ]
            .concat(),
            ParamFormula::Dense { inputs, units } => {
                [n(inputs), o("×"), n(units), o("+"), n(units)].concat()
            }
            ParamFormula::BatchNormalization { channels } => [n(4), o("×"), n(channels)].concat(),
        };
        format!(
            "<math><mrow>{body}{}{}</mrow></math>",
            o("="),
            format!("<mn>{}</mn>", self.count_u64())
        )
    }
}

impl fmt::Display for ParamFormula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// The formula for `layer` reading `input`; `None` for layers without parameters (and for a
/// Conv2D on a flat input, which validation refuses).
pub(crate) fn param_formula(layer: &LayerSpec, input: Shape) -> Option<ParamFormula> {
    match (layer, input) {
        (
            &LayerSpec::Conv2D {
                filters,
                kernel_size,
                ..
            },
            Shape::Image { channels, .. },
        ) => Some(ParamFormula::Conv2D {
            kernel_width: kernel_size,
            kernel_length: kernel_size,
            channels_in: channels,
            filters,
        }),
        (&LayerSpec::Dense { units, .. }, input) => Some(ParamFormula::Dense {
            inputs: input.num_elements(),
            units,
        }),
        // One set of four per channel of an image, per value of a vector.
        (LayerSpec::BatchNormalization, Shape::Image { channels, .. } | Shape::Flat(channels)) => {
            Some(ParamFormula::BatchNormalization { channels })
        }
        _ => None,
    }
}
