//! The messages that check the learner's digits survive serialisation as they are.

use convlab::protocol::{FromWorker, ToWorker};

#[test]
fn evaluate_digits_round_trips() {
    let pixels: Vec<f32> = (0..2 * 784).map(|i| (i % 256) as f32 / 255.0).collect();
    let json = serde_json::to_string(&ToWorker::EvaluateDigits { request: 7, pixels: pixels.clone() }).unwrap();
    let ToWorker::EvaluateDigits { request, pixels: back } = serde_json::from_str(&json).unwrap() else {
        panic!("another message came back: {json}");
    };
    assert_eq!((request, back), (7, pixels));
}

#[test]
fn the_answer_and_its_failure_round_trip() {
    let message = FromWorker::DigitsEvaluated {
        request: 3,
        model: "the pre-trained tutorial model".into(),
        predictions: vec![1, 7, 9],
        confidences: vec![0.99, 0.5, 0.25],
    };
    let json = serde_json::to_string(&message).unwrap();
    let FromWorker::DigitsEvaluated { request, model, predictions, confidences } = serde_json::from_str(&json).unwrap() else {
        panic!("another message came back: {json}");
    };
    assert_eq!((request, model.as_str()), (3, "the pre-trained tutorial model"));
    assert_eq!((predictions, confidences), (vec![1, 7, 9], vec![0.99, 0.5, 0.25]));

    let json = serde_json::to_string(&FromWorker::DigitsNotEvaluated { request: 4, message: "no model".into() }).unwrap();
    assert!(matches!(serde_json::from_str(&json).unwrap(), FromWorker::DigitsNotEvaluated { request: 4, .. }));
}
