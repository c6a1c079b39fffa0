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
    /// How many of `params` gradient steps do not change (BatchNormalization's moving mean and
    /// variance); Keras lists them as "Non-trainable params".
    #[serde(default)]
    pub non_trainable: usize,
    /// `None` for layers without parameters (pooling, flattening, dropout).
    pub formula: Option<ParamFormula>,
}

/// The whole table: one line per layer and the total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub layers: Vec<LayerSummary>,
    pub total_params: usize,
    /// Keras' "Trainable params": what gradient steps change.
    #[serde(default)]
    pub trainable_params: usize,
    /// Keras' "Non-trainable params": kept in the model, but only averaged while training.
    #[serde(default)]
    pub non_trainable_params: usize,
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
                    non_trainable: formula.map_or(0, |f| usize::try_from(f.non_trainable_u64()).unwrap_or(usize::MAX)),
                    formula,
                }
            })
            .collect();
        // At most MAX_PARAMS once validated, so the conversions cannot fail.
        let sum = |count: fn(&LayerSummary) -> usize| {
            let total = layers.iter().map(|layer| count(layer) as u64).fold(0, u64::saturating_add);
            usize::try_from(total).unwrap_or(usize::MAX)
        };
        let total_params = sum(|layer| layer.params);
        let non_trainable_params = sum(|layer| layer.non_trainable);
        Ok(Summary {
            layers,
            total_params,
            trainable_params: total_params - non_trainable_params,
            non_trainable_params,
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
            let formula = match (layer.formula, layer.kind.why_no_parameters()) {
                (Some(formula), _) => formula.text(),
                (None, Some(why)) => format!("none: {why}"),
                (None, None) => String::new(),
            };
            writeln!(
                f,
                "{name:<28}{:<18}{:>10}  {formula}",
                layer.output_shape.to_string(),
                thousands(layer.params)
            )?;
        }
        writeln!(f, "Total params: {}", thousands(self.total_params))?;
        writeln!(f, "Trainable params: {}", thousands(self.trainable_params))?;
        write!(f, "Non-trainable params: {}", thousands(self.non_trainable_params))
    }
}

impl LayerKind {
    /// Why a layer of this kind has no parameters, in a few plain words; `None` for the kinds
    /// that have some.
    pub fn why_no_parameters(self) -> Option<&'static str> {
        match self {
            LayerKind::MaxPooling2D => Some("it only keeps the largest value of each window"),
            LayerKind::Flatten => Some("it only lays the values out in one row"),
            LayerKind::Dropout => Some("it only zeroes inputs while training"),
            LayerKind::Conv2D | LayerKind::Dense | LayerKind::BatchNormalization => None,
        }
    }
}
