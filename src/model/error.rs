//! Why a spec cannot be built. Each error names the offending layer (0-based `index` field,
//! 1-based "layer N" in the message, as the page numbers them) and says what to change.

use thiserror::Error;

use super::digit_groups::thousands_u64;
use super::limits::{MAX_DROPOUT_RATE, MAX_LAYERS, MAX_PARAMS};
use super::shape::Shape;
use super::spec::{Activation, LayerKind, NUM_CLASSES, Rate};

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SpecError {
    #[error(
        "the model has no layers; it needs at least a Flatten and a Dense layer with {NUM_CLASSES} units"
    )]
    Empty,

    #[error(
        "the model has {count} layers; ConvLab builds at most {MAX_LAYERS}",
    )]
    TooManyLayers { count: usize },

    /// `setting` is "filters", "units", "kernel_size" or "pool_size".
    #[error("layer {} ({kind}): {setting} must be at least 1", index + 1)]
    ZeroSetting {
        index: usize,
        kind: LayerKind,
        setting: &'static str,
    },

    /// A setting above its limit in [`super::limits`]; `setting` as in `ZeroSetting`.
    #[error(
        "layer {} ({kind}): {setting} must be between 1 and {max}, not {value}",
        index + 1
    )]
    SettingTooLarge {
        index: usize,
        kind: LayerKind,
        setting: &'static str,
        value: u64,
        max: usize,
    },

    /// A Dropout rate that is not a number from 0 to [`MAX_DROPOUT_RATE`].
    #[error(
        "layer {} ({kind}): the rate must be a number from 0 to {MAX_DROPOUT_RATE} (the share of inputs dropped while training), not {rate}",
        index + 1
    )]
    RateOutOfRange {
        index: usize,
        kind: LayerKind,
        rate: Rate,
    },

    /// With valid padding the kernel must fit inside the image.
    #[error(
        "layer {} ({kind}): the {kernel}×{kernel} kernel is larger than its {input} input with \"valid\" padding; use a smaller kernel or \"same\" padding",
        index + 1
    )]
    KernelTooLarge {
        index: usize,
        kind: LayerKind,
        kernel: usize,
        input: Shape,
    },

    /// The pooling window does not fit once, so the image would shrink to nothing.
    #[error(
        "layer {} ({kind}): pooling {pool}×{pool} over a {input} input leaves a 0×0 image; use a smaller pool size or remove the layer",
        index + 1
    )]
    SpatialSizeZero {
        index: usize,
        kind: LayerKind,
        pool: usize,
        input: Shape,
    },

    #[error(
        "layer {} ({kind}) needs a flat input but gets the image {input}; add a Flatten layer before it",
        index + 1
    )]
    NotFlattened {
        index: usize,
        kind: LayerKind,
        input: Shape,
    },

    #[error(
        "layer {} ({kind}) needs an image but gets the flat {input}; Conv2D and MaxPooling2D layers must come before Flatten",
        index + 1
    )]
    ImageLayerAfterFlatten {
        index: usize,
        kind: LayerKind,
        input: Shape,
    },

    #[error(
        "layer {} ({kind}): softmax is only allowed on the last layer, where it turns the outputs into probabilities",
        index + 1
    )]
    SoftmaxNotLast { index: usize, kind: LayerKind },

    #[error(
        "layer {} ({kind}) is the last layer, but the last layer must be Dense with {NUM_CLASSES} units (one per digit)",
        index + 1
    )]
    LastNotDense { index: usize, kind: LayerKind },

    #[error(
        "layer {} ({kind}) is the last layer and has {units} units, but it needs {NUM_CLASSES} (one per digit)",
        index + 1
    )]
    WrongClassCount {
        index: usize,
        kind: LayerKind,
        units: usize,
    },

    /// The last layer's outputs are read as logits (linear) or probabilities (softmax); any
    /// other squashing would distort the cross-entropy loss.
    #[error(
        "layer {} ({kind}) is the last layer, so its activation must be softmax (or linear), not {activation}",
        index + 1
    )]
    LastActivation {
        index: usize,
        kind: LayerKind,
        activation: Activation,
    },

    /// The whole model is too large (counted in u64, saturating: it never overflows).
    #[error(
        "the model has {} parameters; ConvLab trains at most {} in a browser",
        thousands_u64(*params),
        thousands_u64(MAX_PARAMS)
    )]
    TooManyParams { params: u64 },
}

impl SpecError {
    /// The 0-based index of the offending layer, so the page can highlight it.
    pub fn layer_index(&self) -> Option<usize> {
        match self {
            SpecError::Empty | SpecError::TooManyLayers { .. } | SpecError::TooManyParams { .. } => {
                None
            }
            SpecError::ZeroSetting { index, .. }
            | SpecError::SettingTooLarge { index, .. }
            | SpecError::RateOutOfRange { index, .. }
            | SpecError::KernelTooLarge { index, .. }
            | SpecError::SpatialSizeZero { index, .. }
            | SpecError::NotFlattened { index, .. }
            | SpecError::ImageLayerAfterFlatten { index, .. }
            | SpecError::SoftmaxNotLast { index, .. }
            | SpecError::LastNotDense { index, .. }
            | SpecError::WrongClassCount { index, .. }
            | SpecError::LastActivation { index, .. } => Some(*index),
        }
    }
}
