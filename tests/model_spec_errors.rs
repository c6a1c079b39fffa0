//! One test per kind of invalid spec: the error, the layer it names and its message.

mod common;

use common::specs::*;
use convlab::model::{Activation, LayerKind, LayerSpec, ModelSpec, Padding, SpecError};

#[test]
fn empty_spec() {
    let error = ModelSpec::new(vec![]).validate().unwrap_err();
    assert_eq!(error, SpecError::Empty);
    assert_eq!(error.layer_index(), None);
}

#[test]
fn zero_filters() {
    let error = error_of(
        vec![conv(0, 3, Padding::Same), LayerSpec::Flatten, output()],
        0,
        "Conv2D",
    );
    assert!(matches!(
        error,
        SpecError::ZeroSetting {
            setting: "filters",
            ..
        }
    ));
    assert!(
        error.to_string().contains("filters must be at least 1"),
        "{error}"
    );
}

#[test]
fn zero_kernel() {
    let error = error_of(
        vec![conv(8, 0, Padding::Same), LayerSpec::Flatten, output()],
        0,
        "Conv2D",
    );
    assert!(matches!(
        error,
        SpecError::ZeroSetting {
            setting: "kernel_size",
            ..
        }
    ));
}

#[test]
fn zero_pool() {
    let error = error_of(
        vec![pool(0), LayerSpec::Flatten, output()],
        0,
        "MaxPooling2D",
    );
    assert!(matches!(
        error,
        SpecError::ZeroSetting {
            setting: "pool_size",
            ..
        }
    ));
}

#[test]
fn zero_units() {
    let layers = vec![LayerSpec::Flatten, dense(0, Activation::Relu), output()];
    let error = error_of(layers, 1, "Dense");
    assert!(matches!(
        error,
        SpecError::ZeroSetting {
            setting: "units",
            ..
        }
    ));
}

#[test]
fn kernel_larger_than_input_with_valid_padding() {
    let layers = vec![
        pool(2),
        pool(2),
        conv(8, 9, Padding::Valid),
        LayerSpec::Flatten,
        output(),
    ];
    let error = error_of(layers, 2, "Conv2D");
    assert_eq!(
        error,
        SpecError::KernelTooLarge {
            index: 2,
            kind: LayerKind::Conv2D,
            kernel: 9,
            input: image(7, 7, 1)
        }
    );
    assert!(
        error
            .to_string()
            .contains("9×9 kernel is larger than its (7, 7, 1) input"),
        "{error}"
    );
}

#[test]
fn kernel_larger_than_input_is_fine_with_same_padding() {
    let layers = vec![
        pool(4),
        conv(8, 9, Padding::Same),
        LayerSpec::Flatten,
        output(),
    ];
    assert_eq!(
        ModelSpec::new(layers).output_shapes().unwrap()[1],
        image(7, 7, 8)
    );
}

#[test]
fn spatial_size_reaching_zero() {
    let layers = vec![
        pool(2),
        pool(2),
        pool(2),
        pool(2),
        pool(2),
        LayerSpec::Flatten,
        output(),
    ];
    let error = error_of(layers, 4, "MaxPooling2D");
    assert!(
        matches!(error, SpecError::SpatialSizeZero { pool: 2, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("0×0"), "{error}");
}

#[test]
fn dense_on_an_image() {
    let error = error_of(vec![conv(8, 3, Padding::Same), output()], 1, "Dense");
    assert!(matches!(error, SpecError::NotFlattened { .. }));
    assert!(error.to_string().contains("add a Flatten layer"), "{error}");
}

#[test]
fn conv_after_flatten() {
    let layers = vec![LayerSpec::Flatten, conv(8, 3, Padding::Same), output()];
    let error = error_of(layers, 1, "Conv2D");
    assert!(matches!(error, SpecError::ImageLayerAfterFlatten { .. }));
}

#[test]
fn pool_after_flatten() {
    let layers = vec![LayerSpec::Flatten, pool(2), output()];
    let error = error_of(layers, 1, "MaxPooling2D");
    assert!(matches!(error, SpecError::ImageLayerAfterFlatten { .. }));
}

#[test]
fn softmax_before_the_last_layer() {
    let layers = vec![LayerSpec::Flatten, dense(64, Activation::Softmax), output()];
    let error = error_of(layers, 1, "Dense");
    assert!(matches!(error, SpecError::SoftmaxNotLast { .. }));
    assert!(
        error
            .to_string()
            .contains("softmax is only allowed on the last layer"),
        "{error}"
    );
}

#[test]
fn softmax_on_a_convolution() {
    let layers = vec![
        LayerSpec::Conv2D {
            filters: 8,
            kernel_size: 3,
            activation: Activation::Softmax,
            padding: Padding::Same,
        },
        LayerSpec::Flatten,
        output(),
    ];
    let error = error_of(layers, 0, "Conv2D");
    assert!(matches!(error, SpecError::SoftmaxNotLast { .. }));
}

#[test]
fn last_layer_not_dense() {
    let error = error_of(
        vec![conv(8, 3, Padding::Same), LayerSpec::Flatten],
        1,
        "Flatten",
    );
    assert!(matches!(error, SpecError::LastNotDense { .. }));
    assert!(
        error.to_string().contains("must be Dense with 10 units"),
        "{error}"
    );
}

#[test]
fn last_layer_wrong_units() {
    let layers = vec![LayerSpec::Flatten, dense(12, Activation::Softmax)];
    let error = error_of(layers, 1, "Dense");
    assert_eq!(
        error,
        SpecError::WrongClassCount {
            index: 1,
            kind: LayerKind::Dense,
            units: 12
        }
    );
    assert!(
        error.to_string().contains("has 12 units, but it needs 10"),
        "{error}"
    );
}

#[test]
fn last_layer_squashing_activation() {
    let layers = vec![LayerSpec::Flatten, dense(10, Activation::Sigmoid)];
    let error = error_of(layers, 1, "Dense");
    assert!(matches!(
        error,
        SpecError::LastActivation {
            activation: Activation::Sigmoid,
            ..
        }
    ));
}

#[test]
fn dropout_or_batch_normalization_cannot_be_the_last_layer() {
    let after = |layer: LayerSpec| vec![LayerSpec::Flatten, dense(10, Activation::Relu), layer];
    let error = error_of(after(LayerSpec::Dropout { rate: convlab::model::Rate(0.5) }), 2, "Dropout");
    assert!(matches!(error, SpecError::LastNotDense { .. }), "{error:?}");
    let error = error_of(after(LayerSpec::BatchNormalization), 2, "BatchNormalization");
    assert!(matches!(error, SpecError::LastNotDense { .. }), "{error:?}");
}
