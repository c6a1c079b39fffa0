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
    pub fn count(&self) -> usize {
        match *self {
            ParamFormula::Conv2D {
                kernel_width,
                kernel_length,
                channels_in,
                filters,
            } => (kernel_width * kernel_length * channels_in + 1) * filters,
            ParamFormula::Dense { inputs, units } => inputs * units + units,
        }
    }

    /// Plain text, e.g. `(3 × 3 × 1 + 1) × 32 = 320` or `1568 × 10 + 10 = 15690`.
    pub fn text(&self) -> String {
        let count = self.count();
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
            n(self.count())
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
        let total_params = layers.iter().map(|layer| layer.params).sum();
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

/// The formula for `layer` reading `input` (already validated).
fn param_formula(layer: &LayerSpec, input: Shape) -> Option<ParamFormula> {
    match *layer {
        LayerSpec::Conv2D {
            filters,
            kernel_size,
            ..
        } => {
            let channels_in = match input {
                Shape::Image { channels, .. } => channels,
                Shape::Flat(_) => unreachable!("validated: Conv2D reads an image"),
            };
            Some(ParamFormula::Conv2D {
                kernel_width: kernel_size,
                kernel_length: kernel_size,
                channels_in,
                filters,
            })
        }
        LayerSpec::Dense { units, .. } => Some(ParamFormula::Dense {
            inputs: input.num_elements(),
            units,
        }),
        LayerSpec::MaxPooling2D { .. } | LayerSpec::Flatten => None,
    }
}

/// Digits in groups of three, as Keras prints totals: `34,506`.
pub fn thousands(value: usize) -> String {
    let digits = value.to_string();
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
