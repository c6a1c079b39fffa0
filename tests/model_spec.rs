//! Valid specs: shape inference, the Keras-style summary and its formulas, serde (no backend
//! needed). Invalid specs are in model_spec_errors.rs, the size limits in model_spec_limits.rs.

mod common;

use common::specs::*;
use convlab::model::{Activation, LayerKind, LayerSpec, ModelSpec, Padding, ParamFormula, Rate, Shape};

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
    assert!(table.ends_with("Total params: 34,506\nTrainable params: 34,506\nNon-trainable params: 0"), "{table}");
    assert!(table.contains("max_pooling2d (MaxPooling2D)") && table.contains("none: it only keeps the largest value of each window"), "{table}");
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

/// Total, trainable and non-trainable parameters as Keras' `model.summary()` prints them for the
/// same model, worked out by Keras' rules: BatchNormalization has γ, β, moving mean and moving
/// variance per channel (4 × C, the last 2 × C non-trainable); Dropout has none.
fn keras_counts(spec: &ModelSpec) -> (usize, usize, usize) {
    let summary = spec.summary().unwrap();
    (summary.total_params, summary.trainable_params, summary.non_trainable_params)
}

#[test]
fn batch_normalization_and_dropout_counts_match_keras() {
    // The tutorial with BatchNormalization after each of its three 32-filter convolutions and
    // Dropout(0.25) before the output: 34 506 + 3 × (4 × 32) = 34 890, non-trainable 3 × 2 × 32
    // = 192, trainable 34 890 − 192 = 34 698.
    assert_eq!(keras_counts(&tutorial_normalised()), (34_890, 34_698, 192));

    // The dense baseline with BatchNormalization and Dropout(0.2) after its 128 hidden units:
    // 101 770 + 4 × 128 = 102 282, non-trainable 2 × 128 = 256, trainable 102 026.
    let baseline = ModelSpec::new(vec![
        LayerSpec::Flatten,
        dense(128, Activation::Relu),
        LayerSpec::BatchNormalization,
        LayerSpec::Dropout { rate: Rate(0.2) },
        output(),
    ]);
    assert_eq!(keras_counts(&baseline), (102_282, 102_026, 256));

    // BatchNormalization on the 28 × 28 × 1 input (4 × 1 = 4, 2 non-trainable), Conv2D(16, 3×3,
    // same) (3 × 3 × 1 + 1) × 16 = 160, Dropout(0.5), MaxPooling2D(2) to 14 × 14 × 16 = 3136,
    // Dense(10) 3136 × 10 + 10 = 31 370: total 31 534, trainable 31 532, non-trainable 2.
    let input_normalised = ModelSpec::new(vec![
        LayerSpec::BatchNormalization,
        LayerSpec::Conv2D { filters: 16, kernel_size: 3, activation: Activation::Relu, padding: Padding::Same },
        LayerSpec::Dropout { rate: Rate(0.5) },
        pool(2),
        LayerSpec::Flatten,
        output(),
    ]);
    assert_eq!(keras_counts(&input_normalised), (31_534, 31_532, 2));
}

#[test]
fn batch_normalization_and_dropout_lines_of_the_summary() {
    let summary = tutorial_normalised().summary().unwrap();
    let line = |i: usize| &summary.layers[i];
    assert_eq!((line(1).name.as_str(), line(1).kind), ("batch_normalization", LayerKind::BatchNormalization));
    assert_eq!(line(4).name, "batch_normalization_1");
    assert_eq!(line(9).name, "dropout");
    assert_eq!(line(1).output_shape, image(28, 28, 32), "the shape stays");
    assert_eq!(line(9).output_shape, Shape::Flat(1568));
    assert_eq!((line(1).params, line(1).non_trainable), (128, 64));
    assert_eq!((line(9).params, line(9).non_trainable, line(9).formula), (0, 0, None));
    let formula = line(1).formula.unwrap();
    assert_eq!(formula, ParamFormula::BatchNormalization { channels: 32 });
    assert_eq!(formula.text(), "4 × 32 = 128 (γ and β trained; moving mean and variance not trained: 64)");
    assert_eq!(formula.mathml(), "<math><mrow><mn>4</mn><mo>×</mo><mn>32</mn><mo>=</mo><mn>128</mn></mrow></math>");
    assert_eq!(LayerKind::Dropout.why_no_parameters(), Some("it only zeroes inputs while training"));
    let table = summary.to_string();
    assert!(table.contains("dropout (Dropout)") && table.contains("none: it only zeroes inputs while training"), "{table}");
    assert!(table.ends_with("Total params: 34,890\nTrainable params: 34,698\nNon-trainable params: 192"), "{table}");

    // After a Dense layer it normalises each unit: 4 per unit.
    let flat = ModelSpec::new(vec![LayerSpec::Flatten, dense(64, Activation::Relu), LayerSpec::BatchNormalization, output()]);
    assert_eq!(flat.summary().unwrap().layers[2].formula, Some(ParamFormula::BatchNormalization { channels: 64 }));
}

#[test]
fn new_layers_round_trip_through_json_with_keras_names() {
    let spec = tutorial_normalised();
    let json = serde_json::to_string(&spec).unwrap();
    assert!(json.contains(r#"{"type":"BatchNormalization"}"#) && json.contains(r#"{"type":"Dropout","rate":0.25}"#), "{json}");
    assert_eq!(serde_json::from_str::<ModelSpec>(&json).unwrap(), spec);
}
