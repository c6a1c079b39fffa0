//! The size limits (src/model/limits.rs): refused with their range, counted without overflow.

mod common;

use common::specs::*;
use convlab::model::limits::MAX_DROPOUT_RATE;
use convlab::model::{Activation, LayerKind, LayerSpec, ModelSpec, Padding, ParamFormula, Rate, SpecError};

#[test]
fn a_billion_filters_is_refused_not_wrapped() {
    let error = error_of(
        vec![conv(1_000_000_000, 3, Padding::Same), LayerSpec::Flatten, output()],
        0,
        "Conv2D",
    );
    assert_eq!(
        error.to_string(),
        "layer 1 (Conv2D): filters must be between 1 and 1024, not 1000000000"
    );
    assert!(ModelSpec::new(vec![conv(usize::MAX, 3, Padding::Same)])
        .summary()
        .is_err());
}

#[test]
fn every_setting_has_its_limit() {
    let cases = [
        (vec![conv(8, 29, Padding::Same), LayerSpec::Flatten, output()], 0, "Conv2D", "kernel_size must be between 1 and 28, not 29"),
        (vec![pool(29), LayerSpec::Flatten, output()], 0, "MaxPooling2D", "pool_size must be between 1 and 28, not 29"),
        (vec![LayerSpec::Flatten, dense(1025, Activation::Relu), output()], 1, "Dense", "units must be between 1 and 1024, not 1025"),
        (vec![LayerSpec::Flatten, dense(11, Activation::Relu), dense(usize::MAX, Activation::Softmax)], 2, "Dense", "units must be between 1 and 1024"),
    ];
    for (layers, index, kind, text) in cases {
        let error = error_of(layers, index, kind);
        assert!(matches!(error, SpecError::SettingTooLarge { .. }), "{error:?}");
        assert!(error.to_string().contains(text), "{error}");
    }
    // The limits themselves are allowed.
    let widest = ModelSpec::new(vec![
        conv(1024, 28, Padding::Valid),
        LayerSpec::Flatten,
        dense(1024, Activation::Relu),
        output(),
    ]);
    assert!(widest.validate().is_ok(), "{:?}", widest.validate());
}

#[test]
fn too_many_layers() {
    let mut layers = vec![LayerSpec::Flatten; 32];
    layers.push(output());
    let error = ModelSpec::new(layers).validate().unwrap_err();
    assert_eq!(error, SpecError::TooManyLayers { count: 33 });
    assert_eq!(error.layer_index(), None);
    assert_eq!(error.to_string(), "the model has 33 layers; ConvLab builds at most 32");
    let mut layers = vec![LayerSpec::Flatten; 31];
    layers.push(output());
    assert!(ModelSpec::new(layers).validate().is_ok());
}

#[test]
fn too_many_parameters() {
    // 28×28×1024 = 802 816 values into Dense(16): 12 845 072 parameters, then 170.
    let spec = ModelSpec::new(vec![
        conv(1024, 1, Padding::Same),
        LayerSpec::Flatten,
        dense(16, Activation::Relu),
        output(),
    ]);
    let error = spec.validate().unwrap_err();
    assert_eq!(error, SpecError::TooManyParams { params: 2048 + 12_845_072 + 170 });
    assert_eq!(error.layer_index(), None);
    assert_eq!(
        error.to_string(),
        "the model has 12,847,290 parameters; ConvLab trains at most 10,000,000 in a browser"
    );
    assert!(spec.summary().is_err());
}

#[test]
fn the_largest_layer_counts_the_same_in_u64_and_usize() {
    // (28 × 28 × 1024 + 1) × 1024 fits a 32-bit usize; the u64 count is the reference.
    let formula = ParamFormula::Conv2D {
        kernel_width: 28,
        kernel_length: 28,
        channels_in: 1024,
        filters: 1024,
    };
    assert_eq!(formula.count_u64(), 822_084_608);
    assert_eq!(formula.count() as u64, formula.count_u64());
    let huge = ParamFormula::Dense { inputs: usize::MAX, units: usize::MAX };
    assert_eq!(huge.count_u64(), u64::MAX);
    assert!(huge.text().ends_with(&u64::MAX.to_string()));
}

#[test]
fn a_value_beyond_a_32_bit_usize_is_reported_as_typed() {
    use convlab::model::validation::check_setting;
    let error = check_setting(6, LayerKind::Dense, "units", 5_000_000_000).unwrap_err();
    assert_eq!(error.to_string(), "layer 7 (Dense): units must be between 1 and 1024, not 5000000000");
    assert_eq!(error.layer_index(), Some(6));
    assert!(check_setting(0, LayerKind::Conv2D, "kernel_size", 28).is_ok());
    assert!(matches!(check_setting(0, LayerKind::Conv2D, "kernel_size", 0), Err(SpecError::ZeroSetting { .. })));
}

#[test]
fn a_dropout_rate_is_a_number_from_0_to_its_limit() {
    let with_rate = |rate: f32| vec![LayerSpec::Flatten, LayerSpec::Dropout { rate: Rate(rate) }, output()];
    for rate in [0.0, 0.25, 0.5, MAX_DROPOUT_RATE] {
        assert_eq!(ModelSpec::new(with_rate(rate)).validate(), Ok(()), "rate {rate}");
    }
    for (rate, shown) in [
        (1.0, "not 1"),
        (1.5, "not 1.5"),
        (0.95, "not 0.95"),
        (-0.1, "not -0.1"),
        (-0.0, "not -0"),
        (f32::NAN, "not NaN"),
        (f32::INFINITY, "not inf"),
    ] {
        let error = error_of(with_rate(rate), 1, "Dropout");
        assert!(matches!(error, SpecError::RateOutOfRange { .. }), "{error:?}");
        assert_eq!(
            error.to_string(),
            format!("layer 2 (Dropout): the rate must be a number from 0 to 0.9 (the share of inputs dropped while training), {shown}")
        );
    }
}
