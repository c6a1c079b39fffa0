//! Fine-tuning's plain parts: which of the learner's digits are held out to measure on, and
//! the settings' ranges. No MNIST needed.

use convlab::training::FineTuneSettings;
use convlab::data::DigitsError;
use convlab::training::fine_tune::{HeldOutSplit, MIN_DIGITS, check_digits, digits_rule, hold_out};

#[test]
fn every_fifth_digit_of_each_class_is_held_out() {
    // Twelve 3s and six 7s, interleaved: the 5th and 10th 3 and the 5th 7 are held out.
    let labels: Vec<u8> = (0..18).map(|i| if i % 3 == 2 { 7 } else { 3 }).collect();
    let split = hold_out(&labels, 5);
    let threes: Vec<usize> = (0..18).filter(|i| labels[*i] == 3).collect();
    let sevens: Vec<usize> = (0..18).filter(|i| labels[*i] == 7).collect();
    let mut expected = vec![threes[4], threes[9], sevens[4]];
    expected.sort();
    assert_eq!(split.held_out, expected);
    assert_eq!(split.train.len() + split.held_out.len(), 18);
    assert!(split.train.iter().all(|i| !split.held_out.contains(i)));
}

#[test]
fn a_class_with_two_to_four_digits_holds_out_its_last_and_a_single_digit_trains() {
    // Two 0s, four 1s, one 2.
    let labels = [0, 1, 1, 0, 1, 2, 1];
    assert_eq!(
        hold_out(&labels, 5),
        HeldOutSplit {
            train: vec![0, 1, 2, 4, 5],
            held_out: vec![3, 6]
        }
    );
}

#[test]
fn nothing_is_held_out_when_each_class_has_one_digit() {
    let labels: Vec<u8> = (0..10).collect();
    let split = hold_out(&labels, 5);
    assert!(split.held_out.is_empty());
    assert_eq!(split.train, (0..10).collect::<Vec<_>>());
}

#[test]
fn the_default_settings_are_valid_and_each_range_is_checked() {
    let ok = FineTuneSettings::default();
    assert_eq!(ok.validate(), Ok(()));
    assert_eq!(
        (ok.steps, ok.batch_size, ok.learner_per_batch()),
        (300, 32, 16)
    );
    let refused = |settings: FineTuneSettings, words: &str| {
        let message = settings.validate().expect_err(words);
        assert!(
            message.contains(words),
            "{message:?} does not say {words:?}"
        );
    };
    refused(
        FineTuneSettings {
            steps: 0,
            ..ok.clone()
        },
        "steps must be between 1 and 5000, not 0",
    );
    refused(
        FineTuneSettings {
            batch_size: 0,
            ..ok.clone()
        },
        "batch size",
    );
    refused(
        FineTuneSettings {
            learning_rate: f64::NAN,
            ..ok.clone()
        },
        "learning rate",
    );
    refused(
        FineTuneSettings {
            learner_share: 0.0,
            ..ok.clone()
        },
        "share of your digits",
    );
    refused(
        FineTuneSettings {
            learner_share: 1.5,
            ..ok.clone()
        },
        "share of your digits",
    );
    refused(
        FineTuneSettings {
            hold_out_every: 1,
            ..ok.clone()
        },
        "kept aside",
    );
    refused(
        FineTuneSettings {
            mnist_test_images: 10_001,
            ..ok.clone()
        },
        "MNIST test images",
    );
}

#[test]
fn each_batch_has_at_least_one_of_the_learners_digits() {
    let settings = |batch_size, learner_share| FineTuneSettings {
        batch_size,
        learner_share,
        ..Default::default()
    };
    assert_eq!(settings(32, 0.01).learner_per_batch(), 1);
    assert_eq!(settings(32, 0.25).learner_per_batch(), 8);
    assert_eq!(settings(1, 0.5).learner_per_batch(), 1);
    assert_eq!(settings(10, 1.0).learner_per_batch(), 10);
}

#[test]
fn settings_from_json_take_defaults_for_missing_fields() {
    let settings: FineTuneSettings = serde_json::from_str(r#"{"steps": 100}"#).unwrap();
    assert_eq!(
        settings,
        FineTuneSettings {
            steps: 100,
            ..Default::default()
        }
    );
}

#[test]
fn the_stated_rule_is_the_rule_the_check_enforces() {
    let rule = digits_rule();
    assert!(rule.contains(&format!("at least {MIN_DIGITS} digits")), "{rule}");
    assert!(rule.contains("two or more of at least one kind"), "{rule}");
    let every = FineTuneSettings::default().hold_out_every;
    // One of each digit: ten digits, as the rule's first half asks, but nothing to hold out —
    // the page used to turn the button on here and the worker then refused.
    let one_each: Vec<u8> = (0..10).collect();
    assert_eq!(check_digits(&one_each, every), Err(DigitsError::NothingToHoldOut { present: one_each.clone() }));
    // Nine digits with pairs: too few.
    let nine: Vec<u8> = vec![1, 1, 2, 2, 3, 3, 4, 4, 5];
    assert_eq!(check_digits(&nine, every), Err(DigitsError::TooFew { have: 9, need: MIN_DIGITS }));
    // Ten digits, one kind twice: allowed, and that kind's last is held out.
    let mut with_pair = one_each.clone();
    with_pair.push(7);
    let split = check_digits(&with_pair, every).unwrap();
    assert_eq!(split.held_out, vec![10]);
    assert_eq!(split, hold_out(&with_pair, every));
}
