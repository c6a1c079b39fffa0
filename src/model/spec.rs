//! What the learner describes: an ordered list of Keras-style layers on a 28×28×1 image.
//!
//! Pure data (no burn types), so the page can edit, serialise and check it without a backend.

use core::fmt;

use serde::{Deserialize, Serialize};

/// The function applied to a layer's output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    Relu,
    Sigmoid,
    Tanh,
    /// No activation; Keras' default when none is given.
    #[default]
    Linear,
    /// Turns the last layer's outputs into probabilities (allowed on the last layer only).
    Softmax,
}

impl Activation {
    /// Every activation, in the order a picker shows them.
    pub const ALL: [Activation; 5] = [
        Activation::Relu,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Linear,
        Activation::Softmax,
    ];

    /// The Keras spelling, e.g. `"relu"`.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Linear => "linear",
            Activation::Softmax => "softmax",
        }
    }
}

impl fmt::Display for Activation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a convolution treats the image border.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Padding {
    /// Zero-pad so the output keeps the input's height and width.
    Same,
    /// No padding: the output shrinks by `kernel_size - 1`. Keras' default.
    #[default]
    Valid,
}

impl Padding {
    /// The Keras spelling, e.g. `"same"`.
    pub fn name(self) -> &'static str {
        match self {
            Padding::Same => "same",
            Padding::Valid => "valid",
        }
    }
}

impl fmt::Display for Padding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A dropout rate: the fraction of a layer's inputs zeroed at each training step. Compared and
/// hashed bit for bit, so a spec stays usable as a key; validation refuses NaN and anything
/// outside `0 ≤ rate ≤` [`MAX_DROPOUT_RATE`](super::limits::MAX_DROPOUT_RATE).
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Rate(pub f32);

impl PartialEq for Rate {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Eq for Rate {}

impl core::hash::Hash for Rate {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

/// Rust's shortest form that reads back the same (`0.25`), never with an exponent.
impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One layer, with Keras' parameter names. Serialised as `{"type": "Conv2D", ...}`; omitted
/// `activation`/`padding` take Keras' defaults (linear, valid).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum LayerSpec {
    /// Square `kernel_size × kernel_size` convolution with stride 1 and a bias per filter.
    Conv2D {
        filters: usize,
        kernel_size: usize,
        #[serde(default)]
        activation: Activation,
        #[serde(default)]
        padding: Padding,
    },
    /// Square max pooling; the stride equals the pool size and leftovers are dropped (valid).
    MaxPooling2D { pool_size: usize },
    /// Image → vector (a no-op on an already flat input, as in Keras).
    Flatten,
    /// Fully connected layer with a bias per unit.
    Dense {
        units: usize,
        #[serde(default)]
        activation: Activation,
    },
    /// While training, zeroes each input with probability `rate` and scales the others by
    /// 1/(1 − rate); when predicting it passes its input through unchanged.
    Dropout { rate: Rate },
    /// Normalises each channel (after a convolution) or unit (after Dense): while training with
    /// the batch's mean and variance, when predicting with the moving averages kept from training;
    /// then scales by γ and shifts by β. Keras' defaults: momentum 0.99, epsilon 0.001.
    BatchNormalization,
}

/// The kind of a layer without its settings: for names, messages and pickers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LayerKind {
    Conv2D,
    MaxPooling2D,
    Flatten,
    Dense,
    Dropout,
    BatchNormalization,
}

impl LayerKind {
    /// The Keras class name, e.g. `"MaxPooling2D"`.
    pub fn name(self) -> &'static str {
        match self {
            LayerKind::Conv2D => "Conv2D",
            LayerKind::MaxPooling2D => "MaxPooling2D",
            LayerKind::Flatten => "Flatten",
            LayerKind::Dense => "Dense",
            LayerKind::Dropout => "Dropout",
            LayerKind::BatchNormalization => "BatchNormalization",
        }
    }

    /// The prefix Keras uses for automatic layer names, e.g. `"max_pooling2d"`.
    pub fn keras_prefix(self) -> &'static str {
        match self {
            LayerKind::Conv2D => "conv2d",
            LayerKind::MaxPooling2D => "max_pooling2d",
            LayerKind::Flatten => "flatten",
            LayerKind::Dense => "dense",
            LayerKind::Dropout => "dropout",
            LayerKind::BatchNormalization => "batch_normalization",
        }
    }
}

impl fmt::Display for LayerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl LayerSpec {
    pub fn kind(&self) -> LayerKind {
        match self {
            LayerSpec::Conv2D { .. } => LayerKind::Conv2D,
            LayerSpec::MaxPooling2D { .. } => LayerKind::MaxPooling2D,
            LayerSpec::Flatten => LayerKind::Flatten,
            LayerSpec::Dense { .. } => LayerKind::Dense,
            LayerSpec::Dropout { .. } => LayerKind::Dropout,
            LayerSpec::BatchNormalization => LayerKind::BatchNormalization,
        }
    }

    /// The layer's activation; pooling, flattening, dropout and normalisation have none.
    pub fn activation(&self) -> Option<Activation> {
        match self {
            LayerSpec::Conv2D { activation, .. } | LayerSpec::Dense { activation, .. } => {
                Some(*activation)
            }
            LayerSpec::MaxPooling2D { .. }
            | LayerSpec::Flatten
            | LayerSpec::Dropout { .. }
            | LayerSpec::BatchNormalization => None,
        }
    }
}

/// A sequential model on 28×28×1 MNIST images whose last layer gives the 10 digit classes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ModelSpec {
    pub layers: Vec<LayerSpec>,
}

/// Height, width and channels of the input images.
pub const INPUT_HEIGHT: usize = 28;
pub const INPUT_WIDTH: usize = 28;
pub const INPUT_CHANNELS: usize = 1;
/// One output per digit.
pub const NUM_CLASSES: usize = 10;

impl ModelSpec {
    pub fn new(layers: Vec<LayerSpec>) -> Self {
        Self { layers }
    }

    /// The CNN of the Keras "Advanced MNIST" tutorial (34 506 parameters).
    pub fn tutorial() -> Self {
        let conv = || LayerSpec::Conv2D {
            filters: 32,
            kernel_size: 3,
            activation: Activation::Relu,
            padding: Padding::Same,
        };
        let pool = || LayerSpec::MaxPooling2D { pool_size: 2 };
        Self::new(vec![
            conv(),
            pool(),
            conv(),
            pool(),
            conv(),
            LayerSpec::Flatten,
            LayerSpec::Dense {
                units: NUM_CLASSES,
                activation: Activation::Softmax,
            },
        ])
    }

    /// The tutorial with `Dropout(0.25)` after each MaxPooling2D, as Keras' MNIST examples
    /// regularise it: the same 34 506 parameters (dropout learns none), for the guided lesson
    /// on overfitting.
    pub fn tutorial_with_dropout() -> Self {
        let mut layers = Self::tutorial().layers;
        let pools: Vec<usize> = layers.iter().enumerate().filter(|(_, l)| matches!(l, LayerSpec::MaxPooling2D { .. })).map(|(i, _)| i).collect();
        // From the last, so the earlier indices stay where they were.
        for &i in pools.iter().rev() {
            layers.insert(i + 1, LayerSpec::Dropout { rate: Rate(0.25) });
        }
        Self::new(layers)
    }

    /// The tutorial's fully connected baseline, for comparison (101 770 parameters).
    pub fn dense_baseline() -> Self {
        Self::new(vec![
            LayerSpec::Flatten,
            LayerSpec::Dense {
                units: 128,
                activation: Activation::Relu,
            },
            LayerSpec::Dense {
                units: NUM_CLASSES,
                activation: Activation::Softmax,
            },
        ])
    }
}
