//! A Keras `model.summary()`: per layer its name, output shape and parameter count, with the
//! formula behind the count so the learner can check it by hand.

use core::fmt;

use serde::{Deserialize, Serialize};

use super::error::SpecError;
use super::shape::Shape;
use super::spec::{LayerKind, LayerSpec, ModelSpec};

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

/// One line of the summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerSummary {
    /// Keras' automatic name: `conv2d`, `conv2d_1`, `max_pooling2d`, …
    pub name: String,
    pub kind: LayerKind,
    pub output_shape: Shape,
    pub params: usize,
    /// `None` for layers without parameters (pooling, flattening).
    pub formula: Option<ParamFormula>,
}

/// The whole table: one line per layer and the total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub layers: Vec<LayerSummary>,
    pub total_params: usize,
}

impl ModelSpec {
    /// The Keras-style summary, or why the spec cannot be built.
    pub fn summary(&self) -> Result<Summary, SpecError> {
        let shapes = self.output_shapes()?;
        let mut seen = Vec::<LayerKind>::new();
        let mut input = Shape::INPUT;
        let layers: Vec<LayerSummary> = self
            .layers
            .iter()
            .zip(shapes)
            .map(|(layer, output_shape)| {
                let kind = layer.kind();
                let formula = param_formula(layer, input);
                input = output_shape;
                LayerSummary {
                    name: keras_name(kind, &mut seen),
                    kind,
                    output_shape,
                    params: formula.as_ref().map_or(0, ParamFormula::count),
                    formula,
                }
            })
            .collect();
        // At most MAX_PARAMS once validated, so the conversion cannot fail.
        let total: u64 = layers
            .iter()
            .map(|layer| layer.params as u64)
            .fold(0, u64::saturating_add);
        let total_params = usize::try_from(total).unwrap_or(usize::MAX);
        Ok(Summary {
            layers,
            total_params,
        })
    }
}

/// Keras numbers layers of a kind from the second one on: `dense`, `dense_1`, `dense_2`.
fn keras_name(kind: LayerKind, seen: &mut Vec<LayerKind>) -> String {
    let earlier = seen.iter().filter(|&&k| k == kind).count();
    seen.push(kind);
    match earlier {
        0 => kind.keras_prefix().to_owned(),
        n => format!("{}_{n}", kind.keras_prefix()),
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
        _ => None,
    }
}

/// Digits in groups of three, as Keras prints totals: `34,506`.
pub fn thousands(value: usize) -> String {
    group_digits(&value.to_string())
}

/// [`thousands`] for a `u64` (totals that may exceed a 32-bit `usize`).
pub fn thousands_u64(value: u64) -> String {
    group_digits(&value.to_string())
}

fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A text table like Keras prints, for the terminal.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<28}{:<18}{:>10}  Formula",
            "Layer (type)", "Output Shape", "Param #"
        )?;
        for layer in &self.layers {
            let name = format!("{} ({})", layer.name, layer.kind);
            let formula = layer
                .formula
                .map_or_else(String::new, |formula| formula.text());
            writeln!(
                f,
                "{name:<28}{:<18}{:>10}  {formula}",
                layer.output_shape.to_string(),
                thousands(layer.params)
            )?;
        }
        write!(f, "Total params: {}", thousands(self.total_params))
    }
}
