//! A run from scratch that includes the learner's digits: they follow MNIST's training images
//! (after the subset), the trainer goes through them every epoch, and requests and records from
//! before the option existed still read. Tiny made-up data: no MNIST needed.

use std::sync::Arc;

use burn::tensor::Device;
use convlab::data::{LabelledDigits, Mnist, PIXELS, Split};
use convlab::exercise::run_record::RunRecord;
use convlab::model::ModelSpec;
use convlab::protocol::TrainRequest;
use convlab::training::{Hyperparameters, Trainer, TrainingEvent, with_learner_digits};
use futures::executor::block_on;

/// 100 images of each split, image `i` all grey level `i`, labelled `i % 10`.
fn tiny_mnist() -> Mnist {
    let pixels = (0..100u8).flat_map(|i| [i; PIXELS]).collect();
    let split = Split::new(pixels, (0..100u8).map(|i| i % 10).collect()).unwrap();
    Mnist {
        train: split.clone(),
        test: split,
    }
}

/// `n` digits, digit `k` all grey `(k + 1) / 100` (so 3, 5, 8, … out of 255), labelled 7.
fn my_digits(n: usize) -> LabelledDigits {
    let pixels = (0..n)
        .flat_map(|k| vec![(k + 1) as f32 / 100.0; PIXELS])
        .collect();
    LabelledDigits {
        pixels,
        labels: vec![7; n],
    }
}

fn settings(train_subset: Option<usize>) -> Hyperparameters {
    Hyperparameters {
        epochs: 1,
        batch_size: 32,
        train_subset,
        ..Default::default()
    }
}

#[test]
fn the_digits_follow_the_subset_and_the_subset_is_then_applied() {
    let (data, hyper) =
        with_learner_digits(&tiny_mnist(), &settings(Some(64)), &my_digits(10)).unwrap();
    assert_eq!(data.train.len(), 74);
    assert_eq!(
        data.test,
        tiny_mnist().test,
        "the test images do not change"
    );
    assert_eq!(hyper, settings(None), "the subset is already in the data");
    assert_eq!(data.train.image(63)[0], 63, "the subset's last image");
    // The learner's digits, rounded to 256 grey levels: 0.01 × 255 = 2.55 → 3.
    assert_eq!((data.train.image(64)[0], data.train.label(64)), (3, 7));
    assert_eq!(data.train.image(73)[0], 26, "0.10 × 255 = 25.5 → 26");

    let (all, _) = with_learner_digits(&tiny_mnist(), &settings(None), &my_digits(10)).unwrap();
    assert_eq!(
        all.train.len(),
        110,
        "without a subset: all of MNIST, then the digits"
    );
}

#[test]
fn no_digits_change_nothing_and_malformed_ones_are_refused() {
    let (data, hyper) = with_learner_digits(
        &tiny_mnist(),
        &settings(Some(64)),
        &LabelledDigits::default(),
    )
    .unwrap();
    assert_eq!((data, hyper), (tiny_mnist(), settings(Some(64))));
    let mut bad = my_digits(3);
    bad.labels[1] = 10;
    let error = with_learner_digits(&tiny_mnist(), &settings(None), &bad).unwrap_err();
    assert_eq!(
        error.to_string(),
        "digit 1 is labelled 10; labels are 0 to 9"
    );
}

#[test]
fn the_trainer_goes_through_mnist_and_the_digits_every_epoch() {
    let (data, hyper) =
        with_learner_digits(&tiny_mnist(), &settings(Some(64)), &my_digits(10)).unwrap();
    let mut trainer = Trainer::new(
        &ModelSpec::tutorial(),
        hyper,
        Arc::new(data),
        &Device::flex(),
        Box::new(|| 0.0),
    )
    .unwrap();
    assert_eq!((trainer.train_len(), trainer.batches_per_epoch()), (74, 3));
    let mut samples = 0;
    while let Some(event) = block_on(trainer.step()).unwrap() {
        if let TrainingEvent::Batch(b) = event {
            samples = b.samples;
        }
    }
    assert_eq!(samples, 74);
}

#[test]
fn requests_and_records_from_before_the_option_still_read() {
    let request = TrainRequest {
        spec: ModelSpec::tutorial(),
        hyperparameters: settings(None),
        validation_subset: None,
        drill: None,
        extra_digits: None,
    };
    let mut json = serde_json::to_value(&request).unwrap();
    json.as_object_mut().unwrap().remove("extra_digits");
    let old: TrainRequest = serde_json::from_value(json).unwrap();
    assert_eq!((old.learner_digits(), old.extra_digits), (0, None));
    let with = TrainRequest {
        extra_digits: Some(my_digits(12)),
        ..request
    };
    assert_eq!(with.learner_digits(), 12);

    let record = RunRecord {
        id: None,
        finished_at: "2026-11-29T10:00:00.000Z".into(),
        spec: ModelSpec::tutorial(),
        hyperparameters: settings(Some(64)),
        validation_images: 100,
        params: 34_506,
        backend: "CPU".into(),
        learner_digits: 12,
        stopped: false,
        diverged: None,
        epochs: vec![],
        partial_epoch: None,
        early_stop: None,
        test_loss: Some(0.1),
        test_accuracy: Some(0.9),
    };
    let mut json = serde_json::to_value(&record).unwrap();
    assert_eq!(json["learner_digits"], 12);
    json.as_object_mut().unwrap().remove("learner_digits");
    let old: RunRecord = serde_json::from_value(json).unwrap();
    assert_eq!(
        old,
        RunRecord {
            learner_digits: 0,
            ..record
        }
    );
}
