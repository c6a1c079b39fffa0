//! What fine-tuning refuses, before it starts, with the learner's words; and what it allows (a
//! class with no digit). Tiny made-up data: no MNIST needed.

use std::sync::Arc;

use burn::tensor::Device;
use convlab::data::{DigitsError, LabelledDigits, Mnist, PIXELS, Split};
use convlab::model::{ModelSpec, Network};
use convlab::training::{FineTuneEvent, FineTuneSettings, FineTuner, TrainingError};
use futures::executor::block_on;

/// Ten blank MNIST images of each split, labelled 0 to 9.
fn tiny_mnist() -> Arc<Mnist> {
    let split = || Split::new(vec![0; 10 * PIXELS], (0..10).collect()).unwrap();
    Arc::new(Mnist {
        train: split(),
        test: split(),
    })
}

/// Digits labelled `labels`, each a faint uniform grey.
fn digits(labels: &[u8]) -> LabelledDigits {
    LabelledDigits {
        pixels: vec![0.25; labels.len() * PIXELS],
        labels: labels.to_vec(),
    }
}

fn start(digits: &LabelledDigits, settings: FineTuneSettings) -> Result<FineTuner, TrainingError> {
    let model = Network::new(&ModelSpec::tutorial(), &Device::flex()).unwrap();
    FineTuner::new(
        &model,
        digits,
        tiny_mnist(),
        settings,
        &Device::flex(),
        Box::new(|| 0.0),
    )
}

fn refusal(digits: &LabelledDigits, settings: FineTuneSettings) -> TrainingError {
    match start(digits, settings) {
        Ok(_) => panic!("fine-tuning started"),
        Err(e) => e,
    }
}

#[test]
fn fewer_than_ten_digits_are_refused() {
    let error = refusal(
        &digits(&[1, 1, 2, 2, 3, 3, 4, 4, 5]),
        FineTuneSettings::default(),
    );
    assert!(matches!(
        error,
        TrainingError::Digits(DigitsError::TooFew { have: 9, need: 10 })
    ));
    assert_eq!(
        error.to_string(),
        "at least 10 of your digits are needed and you have 9: draw 1 more"
    );
}

#[test]
fn one_digit_of_each_class_leaves_none_to_measure_on() {
    let labels: Vec<u8> = (0..10).collect();
    let error = refusal(&digits(&labels), FineTuneSettings::default());
    assert_eq!(
        error.to_string(),
        "none of your digits can be kept aside to measure the fine-tuning: draw at least two of \
         some digit (only one each of 0, 1, 2, 3, 4, 5, 6, 7, 8 and 9)"
    );
}

#[test]
fn malformed_digits_are_refused_with_what_is_wrong() {
    let labels = [3u8; 10];
    let mut short = digits(&labels);
    short.pixels.pop();
    assert_eq!(
        refusal(&short, FineTuneSettings::default()).to_string(),
        "the digits do not come as 784 values each: 7839 values for 10 labels"
    );
    let mut bad_label = digits(&labels);
    bad_label.labels[4] = 12;
    assert_eq!(
        refusal(&bad_label, FineTuneSettings::default()).to_string(),
        "digit 4 is labelled 12; labels are 0 to 9"
    );
    let mut bad_pixel = digits(&labels);
    bad_pixel.pixels[2 * PIXELS + 5] = f32::NAN;
    assert_eq!(
        refusal(&bad_pixel, FineTuneSettings::default()).to_string(),
        "digit 2 has a pixel value NaN outside 0 to 1"
    );
}

#[test]
fn settings_out_of_range_are_refused() {
    let settings = FineTuneSettings {
        steps: 0,
        ..Default::default()
    };
    let error = refusal(&digits(&[3; 10]), settings);
    assert!(
        matches!(error, TrainingError::Hyperparameters(_)),
        "{error}"
    );
}

#[test]
fn missing_classes_are_allowed_and_reported() {
    // Only 3s and 7s: the learner wants to teach those two.
    let labels = [3, 7, 3, 7, 3, 7, 3, 7, 3, 7];
    let settings = FineTuneSettings {
        steps: 2,
        batch_size: 4,
        ..Default::default()
    };
    let mut tuner = start(&digits(&labels), settings).unwrap();
    assert_eq!(tuner.held_out_split().held_out, vec![8, 9]);
    let report = loop {
        match block_on(tuner.step()).unwrap() {
            Some(FineTuneEvent::Finished(report)) => break report,
            Some(_) => {}
            None => panic!("no report"),
        }
    };
    assert_eq!(report.missing_classes, vec![0, 1, 2, 4, 5, 6, 8, 9]);
    assert_eq!(
        (
            report.train_digits,
            report.held_out_digits,
            report.mnist_test_images
        ),
        (8, 2, 10)
    );
}
