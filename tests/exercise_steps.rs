//! The course: every step's model is valid, the counts and shapes the page checks against are
//! the ones worked out by hand, choices and run-dependent answers are judged as the page says,
//! the summary hides what the open step asks, and saved progress survives versions.

use convlab::exercise::answer::{Verdict, check, check_side, check_signed, grouped, parse_count, parse_shape};
use convlab::exercise::hidden::{hidden_cells, hidden_views};
use convlab::inspect::kernel_playground::{Preset, PresetMatch};
use convlab::exercise::progress::Progress;
use convlab::exercise::steps::{
    ACCURACY_RANGES, Ask, PAIRS, RunEvidence, STEPS, Target, TryIt, accuracy_range, most_confused, pair_choice_is_right, quick_run,
};
use convlab::model::ModelSpec;
use convlab::training::Hyperparameters;

fn step(id: &str) -> &'static convlab::exercise::steps::Step {
    STEPS.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no step {id}"))
}

fn index_of(id: &str) -> usize {
    STEPS.iter().position(|s| s.id == id).unwrap()
}

#[test]
fn a_short_course_of_unique_valid_steps_not_all_arithmetic() {
    assert!((8..=17).contains(&STEPS.len()), "{} steps", STEPS.len());
    for (i, s) in STEPS.iter().enumerate() {
        assert!(s.spec().validate().is_ok(), "step {} ({}) has an invalid model", i + 1, s.id);
        assert!(STEPS[..i].iter().all(|other| other.id != s.id), "duplicate id {}", s.id);
        if let Ask::Count(Target::LayerParams(index)) = s.ask {
            assert_eq!(s.formula().expect("a layer with parameters").count(), s.expected_count().unwrap());
            assert!(index < s.spec().layers.len());
        }
        if let Ask::Choice { options, right } = s.ask {
            assert!(right < options.len() && options.len() >= 3, "step {}", s.id);
        }
        // Written for the page: no pointers to documents the learner never sees.
        for text in [s.question, s.hint, s.explanation, s.suggestion] {
            assert!(!text.contains("README"), "step {} mentions the README", s.id);
        }
    }
    let counts = STEPS.iter().filter(|s| matches!(s.ask, Ask::Count(_))).count();
    assert!(counts * 2 <= STEPS.len(), "{counts} of {} steps are parameter counts", STEPS.len());
    assert!(STEPS.iter().any(|s| matches!(s.ask, Ask::Shape(_))));
    assert!(STEPS.iter().any(|s| s.ask == Ask::RunAccuracy));
    assert!(STEPS.iter().any(|s| s.ask == Ask::ConfusedPair));
}

#[test]
fn counts_and_shapes_match_the_hand_worked_answers() {
    assert_eq!(step("first-conv").expected_count(), Some((3 * 3 + 1) * 32));
    assert_eq!(step("first-conv").formula().unwrap().text(), "(3 × 3 × 1 + 1) × 32 = 320");
    assert_eq!(step("dense-head").expected_count(), Some(7 * 7 * 32 * 10 + 10));
    assert_eq!(step("dense-baseline").expected_count(), Some(784 * 128 + 128 + 128 * 10 + 10));
    assert_eq!(step("pool-shape").answer_text(), "(7, 7, 32)");
    assert_eq!(step("dense-head").answer_text(), "15,690");
    assert_eq!(step("augment").spec(), ModelSpec::tutorial(), "augmentation changes the data, not the model");
}

#[test]
fn typed_answers_are_read_leniently_and_judged() {
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
    assert_eq!(grouped(1_000_000), "1,000,000");

    assert_eq!(parse_shape("(7, 7, 32)"), Some(vec![7, 7, 32]));
    assert_eq!(parse_shape("7x7x32"), Some(vec![7, 7, 32]));
    assert_eq!(parse_shape("7.5 × 7"), None);
    assert_eq!(parse_shape("seven"), None);
    let shape = step("pool-shape");
    for right in ["7 × 7 × 32", "(7, 7, 32)", " 7x7x32 ", "7 7 32"] {
        assert_eq!(shape.check_typed(right), Verdict::Right, "{right}");
    }
    assert_eq!(shape.check_typed("14 × 14 × 32"), Verdict::Wrong);
    assert_eq!(shape.check_typed("7 × 7"), Verdict::Wrong, "the channels count too");
    assert_eq!(shape.check_typed("small"), Verdict::NotAShape);
    assert_eq!(step("dense-head").check_typed("15 690"), Verdict::Right);
    assert_eq!(step("dense-head").check_typed("1568"), Verdict::TooLow);
}

#[test]
fn choices_are_judged_and_run_steps_wait_for_the_run() {
    let none = RunEvidence::default();
    let val = step("val-beats-train");
    let Ask::Choice { right, .. } = val.ask else { panic!("a choice") };
    assert_eq!(val.check_choice(right, &none), Some(Verdict::Right));
    assert_eq!(val.check_choice((right + 1) % 4, &none), Some(Verdict::Wrong));

    let epoch = step("one-epoch");
    assert_eq!(epoch.options().len(), ACCURACY_RANGES.len());
    assert_eq!(epoch.check_choice(2, &none), None, "no run yet: nothing to judge against");
    let run = RunEvidence { quick_run_accuracy: Some(0.9319), ..RunEvidence::default() };
    assert_eq!(epoch.check_choice(2, &run), Some(Verdict::Right));
    assert_eq!(epoch.check_choice(3, &run), Some(Verdict::Wrong));
    assert_eq!(accuracy_range(0.0), 0);
    assert_eq!(accuracy_range(0.80), 1);
    assert_eq!(accuracy_range(0.9799), 3);
    assert_eq!(accuracy_range(1.0), 4);

    let pair = step("confused-pair");
    assert_eq!(pair.check_choice(0, &none), None);
    let mut counts = [[0u32; 10]; 10];
    for k in 0..10 {
        counts[k][k] = 100;
    }
    assert!(most_confused(&counts).is_empty());
    counts[9][4] = 3;
    counts[4][9] = 2; // 4 and 9: 5 mistakes both ways
    counts[5][3] = 4; // 3 and 5: 4
    assert_eq!(most_confused(&counts), vec![(4, 9)]);
    let matrix = RunEvidence { confusion: Some(&counts), ..RunEvidence::default() };
    assert_eq!(pair.check_choice(0, &matrix), Some(Verdict::Right));
    assert_eq!(pair.check_choice(1, &matrix), Some(Verdict::Wrong));
    assert_eq!(pair.check_choice(PAIRS.len(), &matrix), Some(Verdict::Wrong));
    counts[5][3] = 5; // a tie: either pair is right
    assert!(pair_choice_is_right(0, &counts) && pair_choice_is_right(1, &counts));
    counts[0][8] = 9; // 0 and 8 is not offered: "another pair" is right
    assert!(pair_choice_is_right(PAIRS.len(), &counts));
    assert!(!pair_choice_is_right(0, &counts));
}

#[test]
fn the_quick_run_is_one_epoch_of_6400_images_keeping_the_rest() {
    let mine = Hyperparameters { seed: 7, batch_size: 64, ..Hyperparameters::default() };
    let quick = quick_run(&mine);
    assert_eq!((quick.epochs, quick.train_subset), (1, Some(6_400)));
    assert_eq!((quick.seed, quick.batch_size, quick.augment), (7, 64, false));
    assert!(quick.validate().is_ok());
    // A run step sets up the run it is judged against: the quick run, or the lesson's on few images.
    assert!(STEPS.iter().filter(|s| s.needs_run()).all(|s| matches!(s.try_it, TryIt::QuickRun | TryIt::Lesson)));
    assert_eq!(step("augment").try_it, TryIt::QuickRunAugmented);
}

#[test]
fn the_summary_hides_what_the_open_step_asks_until_it_is_answered() {
    let tutorial = ModelSpec::tutorial().summary().unwrap();
    let mut progress = Progress::default();
    let hidden = hidden_cells(&progress, &tutorial).expect("step 1 asks for a count");
    assert_eq!((hidden.params.clone(), hidden.total), (vec![0], false));
    assert_eq!(hidden.label(), "hidden until you answer step 1");

    progress.open(index_of("pool-shape"));
    let hidden = hidden_cells(&progress, &tutorial).unwrap();
    assert_eq!(hidden.shapes, vec![3, 4], "the second pooling's (7, 7, 32), and the convolution's after it");
    assert!(hidden.params.is_empty());

    progress.open(index_of("dense-head"));
    assert_eq!(hidden_cells(&progress, &tutorial).unwrap().params, vec![6]);
    progress.reveal("dense-head", false);
    assert_eq!(hidden_cells(&progress, &tutorial), None, "given up: the answer is shown");

    // The dense baseline's total is hidden whichever way its model reached the builder.
    progress.open(index_of("dense-baseline"));
    let dense = ModelSpec::dense_baseline().summary().unwrap();
    assert!(hidden_cells(&progress, &dense).unwrap().total);
    assert!(!hidden_cells(&progress, &tutorial).unwrap().total);

    progress.open(index_of("val-beats-train"));
    assert_eq!(hidden_cells(&progress, &tutorial), None, "a choice hides no number");
}

#[test]
fn progress_round_trips_and_reads_older_and_bad_saves() {
    let mut progress = Progress::default();
    progress.reveal("first-conv", true);
    progress.reveal("dense-head", false);
    progress.predict("one-epoch", 2);
    progress.open(2);
    let again = Progress::from_json(Some(&progress.to_json()));
    assert_eq!(again, progress);
    assert!(again.is_solved("dense-head") && again.gave_up.contains("dense-head"));
    assert_eq!(again.prediction("one-epoch"), Some(2));
    assert_eq!(again.done(), 2);

    assert_eq!(Progress::from_json(None), Progress::default());
    assert_eq!(Progress::from_json(Some("not json")), Progress::default());
    // A save from the course's first version (8 parameter steps, no predictions).
    let old = Progress::from_json(Some(r#"{"solved":["first-conv","kernel-5","sigmoid"],"gave_up":["kernel-5"],"current":7}"#));
    assert_eq!(old.solved.iter().collect::<Vec<_>>(), ["first-conv"]);
    assert!(old.gave_up.is_empty() && old.predictions.is_empty());
    assert_eq!(old.current, 7);
    let odd = Progress::from_json(Some(r#"{"solved":["gone"],"current":99,"predictions":{"gone":1}}"#));
    assert!(odd.solved.is_empty() && odd.predictions.is_empty());
    assert_eq!(odd.current, STEPS.len() - 1);
}

/// The pool-shift step's claim, on a real 2 × 2 max-pool of a stroke: moving the image 2 pixels
/// right moves the pooled map 1 pixel right and changes nothing else.
#[test]
fn a_digit_shifted_by_two_pixels_pools_to_the_same_map_shifted_by_one() {
    const SIDE: usize = 28;
    let stroke = |shift: usize| {
        let mut image = vec![0.0f32; SIDE * SIDE];
        for row in 4..24 {
            for col in [12 + shift, 13 + shift] {
                image[row * SIDE + col] = 1.0 - row as f32 / 40.0;
            }
        }
        image[20 * SIDE + 9 + shift] = 0.7;
        image
    };
    let pool = |image: &[f32]| {
        let half = SIDE / 2;
        let mut out = vec![0.0f32; half * half];
        for r in 0..half {
            for c in 0..half {
                let at = |dr: usize, dc: usize| image[(2 * r + dr) * SIDE + 2 * c + dc];
                out[r * half + c] = at(0, 0).max(at(0, 1)).max(at(1, 0)).max(at(1, 1));
            }
        }
        out
    };
    let (before, after) = (pool(&stroke(0)), pool(&stroke(2)));
    let half = SIDE / 2;
    assert_ne!(before, after);
    for r in 0..half {
        for c in 1..half {
            assert_eq!(after[r * half + c], before[r * half + c - 1], "row {r}, column {c}");
        }
    }
    let Ask::Choice { options, right } = step("pool-shift").ask else { panic!("a choice") };
    assert!(options[right].contains("1 pixel"));
}

/// The two cells the learner works out: computed by the value panel's own arithmetic, equal to
/// the sums worked out by hand, and typed like a count (a negative guess is too low).
#[test]
fn the_cell_steps_answers_are_the_conv_arithmetic_of_the_numbers_shown() {
    let left = step("cell-value");
    let Ask::CellValue(cell) = left.ask else { panic!("a cell step") };
    // Ink in the left two columns under Sobel's vertical kernel: 1 + 2 + 1, plus the bias −1.
    assert_eq!(cell.arithmetic().total, 4.0);
    assert_eq!(left.expected_cell_value(), Some(3));
    assert_eq!(left.answer_text(), "3");
    assert_eq!(left.working().unwrap(), "1 × 1 + 1 × 0 + 0 × (−1) + 1 × 2 + 1 × 0 + 0 × (−2) + 1 × 1 + 1 × 0 + 0 × (−1) = 4; 4 + (−1) = 3; ReLU(3) = 3");
    assert_eq!(left.check_typed("3"), Verdict::Right);
    assert_eq!(left.check_typed("4"), Verdict::TooHigh, "the sum without the bias");
    assert!(cell.patch.iter().all(|&p| p == 0 || p == 1) && cell.kernel.iter().all(|w| w.abs() <= 2));

    let right = step("cell-relu");
    let Ask::CellValue(mirror) = right.ask else { panic!("a cell step") };
    assert_eq!(mirror.arithmetic().pre_activation, -5.0, "−1 − 2 − 1 and the bias −1");
    assert_eq!(right.expected_cell_value(), Some(0), "ReLU turns −5 into 0");
    assert_eq!(right.check_typed("-5"), Verdict::TooLow);
    assert_eq!(right.check_typed("−5"), Verdict::TooLow);
    assert_eq!(right.check_typed("0"), Verdict::Right);
    assert_eq!(right.check_typed("zero"), Verdict::NotANumber);
    assert!(right.working().unwrap().ends_with("−4 + (−1) = −5; ReLU(−5) = 0"));
    assert!(left.is_typed() && right.is_typed());

    assert_eq!(check_signed(" -12 ", -12), Verdict::Right);
    assert_eq!(check_signed("3", -1), Verdict::TooHigh);
    assert_eq!(check_signed("--3", 3), Verdict::NotANumber);
    assert_eq!(check_signed("-", 0), Verdict::NotANumber);
}

/// The receptive-field step: the third convolution's field, from the spec (checked against the
/// layer-by-layer sums), typed as a side or a square.
#[test]
fn the_field_step_asks_for_the_third_convolutions_field_from_the_spec() {
    let field = step("field-size");
    assert_eq!(field.field_layer(), Some(4), "layer 5 of the tutorial");
    // 3, then 3 + 1 × 1 = 4 (pool), 4 + 2 × 2 = 8, 8 + 1 × 2 = 10 (pool), 10 + 2 × 4 = 18.
    assert_eq!(field.expected_field(), Some(18));
    assert_eq!(field.answer_text(), "18 × 18");
    for right in ["18 × 18", "18", "18x18", "(18, 18)"] {
        assert_eq!(field.check_typed(right), Verdict::Right, "{right}");
    }
    assert_eq!(field.check_typed("10 × 10"), Verdict::TooLow);
    assert_eq!(field.check_typed("28"), Verdict::TooHigh);
    assert_eq!(field.check_typed("18 × 10"), Verdict::NotAShape);
    assert_eq!(field.check_typed("big"), Verdict::NotAShape);
    assert_eq!(field.working().unwrap(), "layer 1: 1 + (3 − 1) × 1 = 3; layer 2: 3 + (2 − 1) × 1 = 4; layer 3: 4 + (3 − 1) × 2 = 8; layer 4: 8 + (2 − 1) × 2 = 10; layer 5: 10 + (3 − 1) × 4 = 18");
    assert_eq!(check_side("7 7", 7), Verdict::Right);
}

/// The preset step is judged against the page's computation on the learner's drawing: nothing
/// to judge before there is one.
#[test]
fn the_preset_step_is_judged_by_the_drawings_match() {
    let preset = step("preset-filter");
    assert!(preset.needs_drawing() && !preset.needs_run() && !preset.is_typed());
    let names: Vec<&str> = Preset::ALL.iter().map(|p| p.name()).collect();
    assert_eq!(preset.options(), names);
    assert_eq!(preset.check_choice(0, &RunEvidence::default()), None, "no drawing yet");
    // Vertical edge best, Sobel's vertical a near twin (within 0.05), the rest far behind.
    let all = [Some(0.2), Some(0.3), Some(0.4), Some(0.1), Some(0.9), None, Some(0.87)];
    let found = PresetMatch { filter: 7, preset: Preset::VerticalEdge, correlation: 0.9, runner_up: Some((Preset::Sharpen, 0.4)), all };
    let drawing = RunEvidence { preset: Some(found), ..RunEvidence::default() };
    let at = |name: &str| names.iter().position(|&n| n == name).unwrap();
    assert_eq!(preset.check_choice(at("vertical edge"), &drawing), Some(Verdict::Right));
    assert_eq!(preset.check_choice(at("Sobel (vertical edges)"), &drawing), Some(Verdict::Right), "a near twin counts");
    assert_eq!(preset.check_choice(at("sharpen"), &drawing), Some(Verdict::Wrong));
    assert_eq!(preset.check_choice(at("Sobel (horizontal edges)"), &drawing), Some(Verdict::Wrong), "a flat map matches nothing");
}

/// While a step is open, the views under the drawing keep back what it asks, in the words the
/// summary uses; once answered, nothing.
#[test]
fn the_views_under_the_drawing_hide_the_open_steps_answer() {
    let mut progress = Progress::default();
    assert_eq!(hidden_views(&progress).field_side, None);
    progress.open(index_of("field-size"));
    let hidden = hidden_views(&progress);
    assert_eq!(hidden.field_side, Some(18));
    assert!(hidden.hides_field(18) && !hidden.hides_field(10) && !hidden.closest_filter);
    assert_eq!(hidden.label(), format!("hidden until you answer step {}", index_of("field-size") + 1));
    progress.reveal("field-size", true);
    assert!(!hidden_views(&progress).hides_field(18));

    progress.open(index_of("preset-filter"));
    assert!(hidden_views(&progress).closest_filter);
    progress.reveal("preset-filter", false);
    assert!(!hidden_views(&progress).closest_filter);
}
