//! What the page shows of one drawing's trip through the network: every layer's output as small
//! images, the logits, and which parts of the last image layer pushed the top class. Plain data
//! (no burn types), so the page can hold it; the worker computes it ([`super::activation_maps`]).

use serde::{Deserialize, Serialize};

use super::Quantised;
use crate::model::{LayerKind, NUM_CLASSES, Shape};

/// Every layer's output for one image, and the answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivationMaps {
    /// One entry per layer, in the spec's order.
    pub layers: Vec<LayerMaps>,
    /// The last layer's outputs before its softmax.
    pub logits: [f32; NUM_CLASSES],
    pub probabilities: [f32; NUM_CLASSES],
    /// The class with the largest logit (the first of equals).
    pub top_class: u8,
    /// Why the top class won, pixel by pixel of the last image layer; `None` when the last
    /// Dense layer reads another Dense layer rather than a flattened image.
    pub contributions: Option<Contributions>,
}

/// One layer's output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerMaps {
    /// Keras' automatic name, as in the summary: `conv2d`, `max_pooling2d_1`, `dense`, …
    pub name: String,
    pub kind: LayerKind,
    /// The output shape, channels last as Keras prints it: `(14, 14, 32)`.
    pub shape: Shape,
    pub values: LayerValues,
}

/// A layer's output values, in the form the page draws them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LayerValues {
    /// Convolution (after its activation) and pooling: one height × width map per channel,
    /// row-major, each quantised on its own range.
    Channels(Vec<Quantised>),
    /// Flatten: the layer before it, laid out as one vector (channel after channel, burn's
    /// order); not sent again.
    Flattened,
    /// Dense: its outputs after the activation; for the last layer, the logits.
    Units(Vec<f32>),
}

/// The last Dense layer's logit for `class`, split over its flattened inputs: weight × input
/// for each, laid back onto the image they were flattened from. Positive values argue for the
/// class, negative ones against it; the logit is the sum of all of them plus `bias`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contributions {
    pub class: u8,
    /// The layer whose output was flattened (an index into [`ActivationMaps::layers`]), or
    /// `None` for the input image itself (a model that flattens the digit straight away).
    pub source: Option<usize>,
    /// That layer's output shape, channels last.
    pub shape: Shape,
    /// One height × width heat map per channel, each quantised on its own (signed) range:
    /// [`Quantised::zero_level`] is where the colour should turn.
    pub channels: Vec<Quantised>,
    /// Each channel's total contribution, so channels can be ranked or drawn on one scale.
    pub channel_sums: Vec<f32>,
    /// The Dense layer's bias for `class`.
    pub bias: f32,
}
