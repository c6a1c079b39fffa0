//! A Keras `model.summary()`: per layer its name, output shape and parameter count, with the
//! formula behind the count so the learner can check it by hand.

use core::fmt;

use serde::{Deserialize, Serialize};

use super::digit_groups::thousands;
use super::error::SpecError;
use super::param_formula::{ParamFormula, param_formula};
use super::shape::Shape;
use super::spec::{LayerKind, ModelSpec};

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
