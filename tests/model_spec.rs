//! Spec, shape inference, validation errors and the Keras-style summary (no backend needed).

use convlab::model::{
    Activation, LayerKind, LayerSpec, ModelSpec, Padding, ParamFormula, Shape, SpecError,
};

fn conv(filters: usize, kernel_size: usize, padding: Padding) -> LayerSpec {
    LayerSpec::Conv2D {
        filters,
        kernel_size,
        activation: Activation::Relu,
        padding,
    }
}

fn pool(pool_size: usize) -> LayerSpec {
    LayerSpec::MaxPooling2D { pool_size }
}

fn dense(units: usize, activation: Activation) -> LayerSpec {
    LayerSpec::Dense { units, activation }
}

fn output() -> LayerSpec {
    dense(10, Activation::Softmax)
}

fn image(height: usize, width: usize, channels: usize) -> Shape {
    Shape::Image {
        height,
        width,
        channels,
    }
}

/// The error for `layers`, after checking its message names the layer the way the page does.
fn error_of(layers: Vec<LayerSpec>, index: usize, kind: &str) -> SpecError {
    let error = ModelSpec::new(layers)
        .validate()
        .expect_err("spec should be rejected");
    assert_eq!(error.layer_index(), Some(index), "{error}");
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("layer {} ({kind})", index + 1)),
        "{message}"
    );
    error
}

#[test]
fn tutorial_summary_matches_keras() {
    let summary = ModelSpec::tutorial().summary().unwrap();
    let names: Vec<&str> = summary.layers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "conv2d",
            "max_pooling2d",
            "conv2d_1",
            "max_pooling2d_1",
            "conv2d_2",
            "flatten",
            "dense"
        ]
    );
    let shapes: Vec<String> = summary
        .layers
        .iter()
        .map(|l| l.output_shape.to_string())
        .collect();
    assert_eq!(
        shapes,
        [
            "(28, 28, 32)",
            "(14, 14, 32)",
            "(14, 14, 32)",
            "(7, 7, 32)",
            "(7, 7, 32)",
            "(1568)",
            "(10)"
        ]
    );
    let params: Vec<usize> = summary.layers.iter().map(|l| l.params).collect();
    assert_eq!(params, [320, 0, 9248, 0, 9248, 0, 15690]);
    assert_eq!(summary.total_params, 34506);

    let texts: Vec<Option<String>> = summary
        .layers
        .iter()
        .map(|l| l.formula.map(|f| f.text()))
        .collect();
    assert_eq!(texts[0].as_deref(), Some("(3 × 3 × 1 + 1) × 32 = 320"));
    assert_eq!(texts[1], None);
    assert_eq!(texts[2].as_deref(), Some("(3 × 3 × 32 + 1) × 32 = 9248"));
    assert_eq!(texts[5], None);
    assert_eq!(texts[6].as_deref(), Some("1568 × 10 + 10 = 15690"));

    let table = summary.to_string();
    assert!(table.contains("conv2d_1 (Conv2D)"), "{table}");
    assert!(table.ends_with("Total params: 34,506"), "{table}");
}

#[test]
fn tutorial_output_shapes() {
    let shapes = ModelSpec::tutorial().output_shapes().unwrap();
    assert_eq!(shapes[0], image(28, 28, 32));
    assert_eq!(shapes[3], image(7, 7, 32));
    assert_eq!(shapes[5], Shape::Flat(1568));
    assert_eq!(shapes[6], Shape::Flat(10));
}

#[test]
fn dense_baseline_has_101770_params() {
    let summary = ModelSpec::dense_baseline().summary().unwrap();
    let names: Vec<&str> = summary.layers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["flatten", "dense", "dense_1"]);
    assert_eq!(summary.layers[0].output_shape, Shape::Flat(784));
    assert_eq!(
        summary.layers[1].formula.unwrap().text(),
        "784 × 128 + 128 = 100480"
    );
    assert_eq!(summary.total_params, 101770);
}

#[test]
fn kernel_5_formulas() {
    let spec = ModelSpec::new(vec![
        conv(32, 5, Padding::Same),
        conv(32, 5, Padding::Valid),
        LayerSpec::Flatten,
        output(),
    ]);
    let summary = spec.summary().unwrap();
    assert_eq!(summary.layers[0].params, 832);
    assert_eq!(
        summary.layers[0].formula.unwrap().text(),
        "(5 × 5 × 1 + 1) × 32 = 832"
    );
    assert_eq!(summary.layers[1].params, 25632);
    assert_eq!(
        summary.layers[1].formula.unwrap().text(),
        "(5 × 5 × 32 + 1) × 32 = 25632"
    );
    assert_eq!(summary.layers[1].output_shape, image(24, 24, 32));
    assert_eq!(summary.total_params, 832 + 25632 + 24 * 24 * 32 * 10 + 10);
}

#[test]
fn formula_as_mathml() {
    let conv = ParamFormula::Conv2D {
        kernel_width: 3,
        kernel_length: 3,
        channels_in: 1,
        filters: 32,
    };
    assert_eq!(
        conv.mathml(),
        "<math><mrow><mo>(</mo><mn>3</mn><mo>×</mo><mn>3</mn><mo>×</mo><mn>1</mn><mo>+</mo>\
         <mn>1</mn><mo>)</mo><mo>×</mo><mn>32</mn><mo>=</mo><mn>320</mn></mrow></math>"
    );
    let dense = ParamFormula::Dense {
        inputs: 1568,
        units: 10,
    };
    assert_eq!(
        dense.mathml(),
        "<math><mrow><mn>1568</mn><mo>×</mo><mn>10</mn><mo>+</mo><mn>10</mn><mo>=</mo>\
         <mn>15690</mn></mrow></math>"
    );
}

#[test]
fn even_kernel_with_same_padding_keeps_the_size() {
    let spec = ModelSpec::new(vec![
        conv(8, 4, Padding::Same),
        LayerSpec::Flatten,
        output(),
    ]);
    assert_eq!(spec.output_shapes().unwrap()[0], image(28, 28, 8));
}

#[test]
fn pooling_floors_odd_sizes() {
    let spec = ModelSpec::new(vec![pool(3), pool(2), LayerSpec::Flatten, output()]);
    let shapes = spec.output_shapes().unwrap();
    assert_eq!(shapes[0], image(9, 9, 1));
    assert_eq!(shapes[1], image(4, 4, 1));
}

#[test]
fn flatten_twice_is_a_no_op_like_keras() {
    let spec = ModelSpec::new(vec![LayerSpec::Flatten, LayerSpec::Flatten, output()]);
    assert_eq!(spec.output_shapes().unwrap()[1], Shape::Flat(784));
}

#[test]
fn linear_last_layer_is_allowed() {
    let spec = ModelSpec::new(vec![LayerSpec::Flatten, dense(10, Activation::Linear)]);
    assert!(spec.validate().is_ok());
}

#[test]
fn serde_json_round_trip() {
    let spec = ModelSpec::tutorial();
    let json = serde_json::to_string(&spec).unwrap();
    assert!(
        json.contains(
            r#"{"type":"Conv2D","filters":32,"kernel_size":3,"activation":"relu","padding":"same"}"#
        ),
        "{json}"
    );
    assert!(
        json.contains(r#"{"type":"MaxPooling2D","pool_size":2}"#),
        "{json}"
    );
    assert!(json.contains(r#"{"type":"Flatten"}"#), "{json}");
    assert_eq!(serde_json::from_str::<ModelSpec>(&json).unwrap(), spec);
}

#[test]
fn serde_defaults_follow_keras() {
    let json =
        r#"{"layers":[{"type":"Conv2D","filters":4,"kernel_size":3},{"type":"Dense","units":10}]}"#;
    let spec: ModelSpec = serde_json::from_str(json).unwrap();
    assert_eq!(
        spec.layers,
        [
            LayerSpec::Conv2D {
                filters: 4,
                kernel_size: 3,
                activation: Activation::Linear,
                padding: Padding::Valid
            },
            LayerSpec::Dense {
                units: 10,
                activation: Activation::Linear
            },
        ]
    );
}

// ---- one test per kind of invalid spec ----

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

// ---- the size limits (src/model/limits.rs) ----

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
