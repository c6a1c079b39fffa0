//! Shape inference, which is also validation: what each layer outputs, and the first reason a
//! spec cannot be built (a setting out of its [limits](super::limits), a layer that does not
//! fit its input, a wrong last layer, too many parameters).
//!
//! The rules mirror what the burn network does, so a spec that passes here never panics there.

use super::error::SpecError;
use super::limits::{MAX_DROPOUT_RATE, MAX_LAYERS, MAX_PARAMS, setting_max};
use super::param_formula::param_formula;
use super::shape::Shape;
use super::spec::{Activation, LayerKind, LayerSpec, ModelSpec, NUM_CLASSES, Padding, Rate};

impl ModelSpec {
    /// Every layer's output shape, in order, or the first reason the spec cannot be built
    /// (including the size limits of [`super::limits`]).
    pub fn output_shapes(&self) -> Result<Vec<Shape>, SpecError> {
        let count = self.layers.len();
        if count > MAX_LAYERS {
            return Err(SpecError::TooManyLayers { count });
        }
        let last = count.checked_sub(1).ok_or(SpecError::Empty)?;
        let mut shapes = Vec::with_capacity(count);
        let mut input = Shape::INPUT;
        let mut params = 0u64;
        for (index, layer) in self.layers.iter().enumerate() {
            check_settings(index, layer)?;
            if index != last && layer.activation() == Some(Activation::Softmax) {
                return Err(SpecError::SoftmaxNotLast {
                    index,
                    kind: layer.kind(),
                });
            }
            let output = layer_output(index, layer, input)?;
            let layer_params = param_formula(layer, input).map_or(0, |f| f.count_u64());
            params = params.saturating_add(layer_params);
            input = output;
            shapes.push(output);
        }
        check_last(last, &self.layers[last])?;
        if params > MAX_PARAMS {
            return Err(SpecError::TooManyParams { params });
        }
        Ok(shapes)
    }

    /// Ok when the spec can be built into a network of a size ConvLab trains.
    pub fn validate(&self) -> Result<(), SpecError> {
        self.output_shapes().map(drop)
    }
}

/// Rejects sizes of zero, which no layer can be built with, and sizes above the limits.
fn check_settings(index: usize, layer: &LayerSpec) -> Result<(), SpecError> {
    let check = |setting, value: usize| check_setting(index, layer.kind(), setting, value as u64);
    match *layer {
        LayerSpec::Conv2D {
            filters,
            kernel_size,
            ..
        } => {
            check("filters", filters)?;
            check("kernel_size", kernel_size)
        }
        LayerSpec::MaxPooling2D { pool_size } => check("pool_size", pool_size),
        LayerSpec::Dense { units, .. } => check("units", units),
        LayerSpec::Dropout { rate } => check_rate(index, rate),
        LayerSpec::Flatten | LayerSpec::BatchNormalization => Ok(()),
    }
}

/// Refuses a Dropout rate that is not a number from 0 to [`MAX_DROPOUT_RATE`] (NaN included,
/// and −0, whose minus sign a share link could not carry).
pub fn check_rate(index: usize, rate: Rate) -> Result<(), SpecError> {
    if (0.0..=MAX_DROPOUT_RATE).contains(&rate.0) && rate.0.is_sign_positive() {
        Ok(())
    } else {
        Err(SpecError::RateOutOfRange { index, kind: LayerKind::Dropout, rate })
    }
}

/// The shape `layer` turns `input` into.
fn layer_output(index: usize, layer: &LayerSpec, input: Shape) -> Result<Shape, SpecError> {
    let kind = layer.kind();
    match (layer, input) {
        (
            &LayerSpec::Conv2D {
                filters,
                kernel_size,
                padding,
                ..
            },
            Shape::Image { height, width, .. },
        ) => {
            let (height, width) = match padding {
                // burn pads asymmetrically for even kernels (extra row/column at the bottom/right,
                // as TensorFlow does), so "same" always keeps the size.
                Padding::Same => (height, width),
                Padding::Valid if kernel_size > height || kernel_size > width => {
                    return Err(SpecError::KernelTooLarge {
                        index,
                        kind,
                        kernel: kernel_size,
                        input,
                    });
                }
                Padding::Valid => (height - kernel_size + 1, width - kernel_size + 1),
            };
            Ok(Shape::Image {
                height,
                width,
                channels: filters,
            })
        }
        (
            &LayerSpec::MaxPooling2D { pool_size },
            Shape::Image {
                height,
                width,
                channels,
            },
        ) => {
            // Stride = pool size, floor: a pool larger than the image leaves nothing.
            let (height, width) = (height / pool_size, width / pool_size);
            if height == 0 || width == 0 {
                return Err(SpecError::SpatialSizeZero {
                    index,
                    kind,
                    pool: pool_size,
                    input,
                });
            }
            Ok(Shape::Image {
                height,
                width,
                channels,
            })
        }
        (LayerSpec::Conv2D { .. } | LayerSpec::MaxPooling2D { .. }, Shape::Flat(_)) => {
            Err(SpecError::ImageLayerAfterFlatten { index, kind, input })
        }
        (LayerSpec::Flatten, input) => Ok(Shape::Flat(input.num_elements())),
        // Both work value by value (normalisation per channel or unit): the shape stays.
        (LayerSpec::Dropout { .. } | LayerSpec::BatchNormalization, input) => Ok(input),
        (&LayerSpec::Dense { units, .. }, Shape::Flat(_)) => Ok(Shape::Flat(units)),
        (LayerSpec::Dense { .. }, Shape::Image { .. }) => {
            Err(SpecError::NotFlattened { index, kind, input })
        }
    }
}

/// The last layer must give 10 logits (or their softmax).
fn check_last(index: usize, layer: &LayerSpec) -> Result<(), SpecError> {
    let kind = layer.kind();
    match *layer {
        LayerSpec::Dense { units, .. } if units != NUM_CLASSES => {
            Err(SpecError::WrongClassCount { index, kind, units })
        }
        LayerSpec::Dense {
            activation: Activation::Softmax | Activation::Linear,
            ..
        } => Ok(()),
        LayerSpec::Dense { activation, .. } => Err(SpecError::LastActivation {
            index,
            kind,
            activation,
        }),
        _ => Err(SpecError::LastNotDense { index, kind }),
    }
}

/// Checks one setting of layer `index`. The value is a `u64` so a number typed beyond a 32-bit
/// `usize` (the page's) is reported as typed, by the same message.
pub fn check_setting(index: usize, kind: LayerKind, setting: &'static str, value: u64) -> Result<(), SpecError> {
    let max = setting_max(setting);
    match value {
        0 => Err(SpecError::ZeroSetting { index, kind, setting }),
        value if value > max as u64 => Err(SpecError::SettingTooLarge { index, kind, setting, value, max }),
        _ => Ok(()),
    }
}
