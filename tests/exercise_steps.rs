//! The guided steps: every step's model is valid, and the answers the page checks against are
//! the ones worked out by hand from the formulas.

use convlab::exercise::answer::{Verdict, check, grouped, parse_count};
use convlab::exercise::progress::Progress;
use convlab::exercise::steps::{STEPS, Target};
use convlab::model::{LayerKind, ModelSpec};

fn step(id: &str) -> &'static convlab::exercise::steps::Step {
    STEPS.iter().find(|s| s.id == id).unwrap()
}

#[test]
fn there_are_at_least_six_steps_with_unique_ids_and_valid_models() {
    assert!(STEPS.len() >= 6);
    for (i, s) in STEPS.iter().enumerate() {
        assert!(s.spec().validate().is_ok(), "step {} ({}) has an invalid model", i + 1, s.id);
        assert!(STEPS[..i].iter().all(|other| other.id != s.id), "duplicate id {}", s.id);
        if let Target::LayerParams(index) = s.target {
            assert!(s.formula().is_some(), "step {} asks about a layer without parameters", s.id);
            assert_eq!(s.formula().unwrap().count(), s.expected());
            assert!(index < s.spec().layers.len());
        }
    }
}

#[test]
fn expected_answers_match_the_hand_worked_formulas() {
    assert_eq!(step("first-conv").expected(), (3 * 3 + 1) * 32);
    assert_eq!(step("first-conv").expected(), 320);
    assert_eq!(step("dense-head").expected(), 7 * 7 * 32 * 10 + 10);
    assert_eq!(step("kernel-5").expected(), 832);
    assert_eq!(step("kernel-5").formula().unwrap().text(), "(5 × 5 × 1 + 1) × 32 = 832");
    assert_eq!(step("double-filters").expected(), (3 * 3 * 64 + 1) * 32);
    assert_eq!(step("remove-conv").expected(), 14 * 14 * 32 * 10 + 10);
    assert_eq!(step("sigmoid").expected(), 34_506);
    assert_eq!(step("dense-baseline").expected(), 101_770);
    // Augmentation changes the data, not the model.
    assert_eq!(step("augment").expected(), 34_506);
}

#[test]
fn step_models_differ_from_the_tutorial_as_their_questions_say() {
    let tutorial = ModelSpec::tutorial();
    let removed = step("remove-conv").spec();
    assert_eq!(removed.layers.len(), tutorial.layers.len() - 2);
    let convs = removed.layers.iter().filter(|l| l.kind() == LayerKind::Conv2D).count();
    assert_eq!(convs, 2);
    assert_eq!(removed.layers[4].kind(), LayerKind::Dense);
    let sigmoid = step("sigmoid").spec();
    assert_eq!(sigmoid.layers.len(), tutorial.layers.len());
    assert_ne!(sigmoid, tutorial);
    // The dense baseline is about three times the CNN.
    let ratio = step("dense-baseline").expected() as f64 / step("sigmoid").expected() as f64;
    assert!((2.5..3.5).contains(&ratio), "{ratio}");
}

#[test]
fn predictions_are_read_leniently_and_judged() {
    assert_eq!(parse_count(" 34,506 "), Some(34_506));
    assert_eq!(parse_count("34 506"), Some(34_506));
    assert_eq!(parse_count("34\u{202f}506"), Some(34_506));
    assert_eq!(parse_count("34.506"), None);
    assert_eq!(parse_count(""), None);
    assert_eq!(parse_count("-3"), None);
    assert_eq!(check("832", 832), Verdict::Right);
    assert_eq!(check("800", 832), Verdict::TooLow);
    assert_eq!(check("900", 832), Verdict::TooHigh);
    assert_eq!(check("eight", 832), Verdict::NotANumber);
    assert_eq!(grouped(34_506), "34,506");
    assert_eq!(grouped(832), "832");
    assert_eq!(grouped(1_000_000), "1,000,000");
}

#[test]
fn progress_round_trips_and_survives_bad_saves() {
    let mut progress = Progress::default();
    progress.reveal("first-conv", true);
    progress.reveal("kernel-5", false);
    progress.open(2);
    let again = Progress::from_json(Some(&progress.to_json()));
    assert_eq!(again, progress);
    assert!(again.is_solved("kernel-5") && again.gave_up.contains("kernel-5"));
    assert_eq!(again.done(), 2);

    assert_eq!(Progress::from_json(None), Progress::default());
    assert_eq!(Progress::from_json(Some("not json")), Progress::default());
    let odd = Progress::from_json(Some(r#"{"solved":["gone","sigmoid"],"current":99}"#));
    assert_eq!(odd.solved.len(), 1);
    assert_eq!(odd.current, STEPS.len() - 1);
}
