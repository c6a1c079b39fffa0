//! Valid specs: shape inference, the Keras-style summary and its formulas, serde (no backend
//! needed). Invalid specs are in model_spec_errors.rs, the size limits in model_spec_limits.rs.

mod common;

use common::specs::*;
use convlab::model::{Activation, LayerSpec, ModelSpec, Padding, ParamFormula, Shape};

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
