//! The course's lesson on overfitting (steps 15 to 17): the runs its "try it"s set up, the
//! dropout model, the rules that judge the predictions against the learner's runs (on made-up
//! epochs), and, on real MNIST, that the lesson's runs do what the steps say. The real runs need
//! MNIST_DIR.

mod common;

use convlab::exercise::answer::Verdict;
use convlab::exercise::steps::{
    Ask, CURVE_OPTIONS, GAP_OPTIONS, LESSON_EPOCHS, LESSON_IMAGES, LESSON_PATIENCE, LESSON_VALIDATION_IMAGES, LessonRun, RunEvidence,
    STEPS, Step, TryIt, USUAL_CURVE, USUAL_GAP, curve_choice, gap_choice, is_complete, last_gap, lesson_run, lesson_run_kind,
    lesson_run_with_early_stopping, quick_run, stop_and_kept,
};
use convlab::model::{LayerSpec, ModelSpec};
use convlab::training::early_stopping::lowest_val_loss;
use convlab::training::{EpochSummary, Hyperparameters};

fn step(id: &str) -> &'static Step {
    STEPS.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no step {id}"))
}

/// Made-up epochs with these validation losses and, for each, (accuracy, val_accuracy).
fn epochs(val_losses: &[f32], accuracies: (f32, f32)) -> Vec<EpochSummary> {
    let n = val_losses.len();
    val_losses
        .iter()
        .enumerate()
        .map(|(i, &val_loss)| EpochSummary {
            epoch: i + 1,
            epochs: n,
            loss: 0.1,
            accuracy: accuracies.0,
            val_loss,
            val_accuracy: accuracies.1,
            seconds: 1.0,
            train_seconds: 1.0,
            samples_per_sec: 800.0,
        })
        .collect()
}

/// A typical overfitting curve: falling to epoch 6, then rising.
const OVERFITTING: [f32; 15] = [0.9, 0.6, 0.45, 0.38, 0.34, 0.33, 0.335, 0.34, 0.36, 0.37, 0.39, 0.40, 0.42, 0.43, 0.45];

#[test]
fn the_lesson_is_three_steps_after_the_fourteen_and_keeps_their_order() {
    let ids: Vec<&str> = STEPS.iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), 17);
    // Ids are storage keys: the first fourteen stay where they were.
    assert_eq!(&ids[..4], ["first-conv", "pool-shape", "dense-head", "one-epoch"]);
    assert_eq!(ids[13], "augment");
    assert_eq!(&ids[14..], ["overfit-curve", "dropout-gap", "early-stop"]);
    assert_eq!((step("overfit-curve").ask, step("overfit-curve").try_it), (Ask::ValLossCurve, TryIt::Lesson));
    assert_eq!((step("dropout-gap").ask, step("dropout-gap").try_it), (Ask::DropoutGap, TryIt::Lesson));
    assert_eq!((step("early-stop").ask, step("early-stop").try_it), (Ask::StopEpoch, TryIt::LessonEarlyStopping));
    assert_eq!(step("overfit-curve").spec(), ModelSpec::tutorial());
    assert_eq!(step("dropout-gap").spec(), ModelSpec::tutorial_with_dropout());
    assert_eq!(step("early-stop").spec(), ModelSpec::tutorial());
    assert!(step("overfit-curve").needs_run() && step("dropout-gap").needs_run());
    assert!(step("early-stop").is_typed() && step("early-stop").needs_earlier_run() && !step("early-stop").needs_run());
    assert_eq!(step("overfit-curve").options(), CURVE_OPTIONS);
    assert_eq!(step("dropout-gap").options(), GAP_OPTIONS);
    assert_eq!(step("overfit-curve").answer_text(), CURVE_OPTIONS[USUAL_CURVE]);
    assert_eq!(step("dropout-gap").answer_text(), GAP_OPTIONS[USUAL_GAP]);
    for s in &STEPS[14..] {
        for text in [s.question, s.hint, s.explanation, s.suggestion] {
            assert!(!text.is_empty() && !text.contains("  "), "step {}", s.id);
        }
    }
}

#[test]
fn the_dropout_model_is_the_tutorial_with_a_dropout_after_each_pooling() {
    let spec = ModelSpec::tutorial_with_dropout();
    assert!(spec.validate().is_ok());
    let kinds: Vec<&str> = spec.layers.iter().map(|l| l.kind().name()).collect();
    assert_eq!(kinds, ["Conv2D", "MaxPooling2D", "Dropout", "Conv2D", "MaxPooling2D", "Dropout", "Conv2D", "Flatten", "Dense"]);
    assert!(spec.layers.iter().filter(|l| matches!(l, LayerSpec::Dropout { .. })).all(|l| matches!(l, LayerSpec::Dropout { rate } if rate.0 == 0.25)));
    // Dropout learns nothing: the tutorial's 34 506 parameters.
    assert_eq!(spec.summary().unwrap().total_params, 34_506);
    assert_eq!(spec.summary().unwrap().total_params, ModelSpec::tutorial().summary().unwrap().total_params);
}

#[test]
fn the_try_its_set_the_lessons_run_keeping_the_learners_other_settings() {
    let mine = Hyperparameters { seed: 7, batch_size: 64, learning_rate: 2e-3, augment: true, early_stopping: Some(5), ..Hyperparameters::default() };
    let run = lesson_run(&mine);
    assert_eq!((run.epochs, run.train_subset, run.augment, run.early_stopping), (15, Some(1_000), false, None));
    assert_eq!((run.seed, run.batch_size, run.learning_rate), (7, 64, 2e-3));
    assert!(run.validate().is_ok());
    let stopping = lesson_run_with_early_stopping(&mine);
    assert_eq!(stopping, Hyperparameters { early_stopping: Some(3), ..run.clone() });
    assert!(stopping.validate().is_ok());
    assert_eq!(LESSON_VALIDATION_IMAGES, 2_000);
    for spec in [ModelSpec::tutorial(), ModelSpec::tutorial_with_dropout()] {
        assert!(convlab::training::memory::check(&spec, &run).is_ok());
    }

    assert_eq!(lesson_run_kind(&ModelSpec::tutorial(), &run), Some(LessonRun::Plain));
    assert_eq!(lesson_run_kind(&ModelSpec::tutorial_with_dropout(), &run), Some(LessonRun::Dropout));
    assert_eq!(lesson_run_kind(&ModelSpec::dense_baseline(), &run), None);
    assert_eq!(lesson_run_kind(&ModelSpec::tutorial(), &stopping), None, "early stopping cuts the curve short");
    assert_eq!(lesson_run_kind(&ModelSpec::tutorial(), &Hyperparameters { augment: true, ..run.clone() }), None);
    assert_eq!(lesson_run_kind(&ModelSpec::tutorial(), &quick_run(&mine)), None);
}

/// The lesson must fit in about 3 minutes on a 2-core laptop. One run: 15 epochs × 1 000 images
/// = 15 000 training samples at the ~800 samples/s measured in the browser ≈ 19 s; validation
/// on 2 000 images after each epoch is 30 000 forward passes, which run several times faster
/// than training steps (allow a third of a training step each: ≈ 13 s), and the final test on
/// the same 2 000 ≈ 1 s. About 33 s a run, three runs ≈ 100 s.
#[test]
fn the_lessons_runs_fit_in_three_minutes() {
    const SAMPLES_PER_SECOND: f64 = 800.0;
    let training = (LESSON_EPOCHS * LESSON_IMAGES) as f64 / SAMPLES_PER_SECOND;
    let validation = ((LESSON_EPOCHS + 1) * LESSON_VALIDATION_IMAGES) as f64 / (3.0 * SAMPLES_PER_SECOND);
    let per_run = training + validation;
    assert!((18.0..20.0).contains(&training), "{training} s of training");
    let runs = STEPS.iter().filter(|s| matches!(s.try_it, TryIt::Lesson | TryIt::LessonEarlyStopping)).count();
    assert_eq!(runs, 3);
    assert!(per_run * runs as f64 <= 180.0, "{per_run} s a run");
}

#[test]
fn the_validation_loss_curve_is_judged_by_where_it_is_lowest() {
    let middle = epochs(&OVERFITTING, (0.99, 0.93));
    assert_eq!(lowest_val_loss(&middle), Some(6));
    assert_eq!(curve_choice(&middle), Some(1));
    let falling: Vec<f32> = (0..15).map(|i| 1.0 - 0.05 * i as f32).collect();
    assert_eq!(curve_choice(&epochs(&falling, (0.9, 0.9))), Some(0));
    // Lowest at the last but one epoch: a one-epoch bump is not a turn.
    let mut bump = falling.clone();
    bump[14] = bump[13] + 0.01;
    assert_eq!(curve_choice(&epochs(&bump, (0.9, 0.9))), Some(0));
    // Lowest two epochs before the last: it has turned.
    bump[13] = bump[12] + 0.01;
    bump[14] = bump[13] + 0.01;
    assert_eq!(curve_choice(&epochs(&bump, (0.9, 0.9))), Some(1));
    // Moving less than 5 % of the first epoch's loss over the whole run: flat.
    let flat: Vec<f32> = (0..15).map(|i| 2.3 - 0.005 * (i % 3) as f32).collect();
    assert_eq!(curve_choice(&epochs(&flat, (0.1, 0.1))), Some(2));
    assert_eq!(curve_choice(&epochs(&[f32::NAN; 3], (0.1, 0.1))), None);
    assert_eq!(curve_choice(&[]), None);
    assert!(is_complete(&middle));
    assert!(!is_complete(&middle[..14]), "a run cut short by Stop is not the lesson's run");

    let curve = step("overfit-curve");
    let none = RunEvidence::default();
    assert_eq!(curve.check_choice(1, &none), None, "no run yet: the step waits for it");
    let run = RunEvidence { lesson_run: Some(&middle), ..RunEvidence::default() };
    assert_eq!(curve.check_choice(1, &run), Some(Verdict::Right));
    assert_eq!(curve.check_choice(0, &run), Some(Verdict::Wrong));
    assert_eq!(curve.check_choice(2, &run), Some(Verdict::Wrong));
    let older = RunEvidence { earlier_lesson_run: Some(&middle), ..RunEvidence::default() };
    assert_eq!(curve.check_choice(1, &older), None, "a run from before the prediction does not count");
}

#[test]
fn the_dropout_step_compares_the_gaps_of_the_two_runs() {
    let plain = epochs(&OVERFITTING, (0.998, 0.930));
    let narrower = epochs(&OVERFITTING, (0.970, 0.945));
    let same = epochs(&OVERFITTING, (0.995, 0.929));
    let wider = epochs(&OVERFITTING, (1.0, 0.90));
    assert!((last_gap(&plain).unwrap() - 0.068).abs() < 1e-4);
    assert_eq!(gap_choice(&plain, &narrower), Some(1));
    assert_eq!(gap_choice(&plain, &same), Some(2), "within half a point");
    assert_eq!(gap_choice(&plain, &wider), Some(0));
    assert_eq!(gap_choice(&plain, &[]), None);

    let gap = step("dropout-gap");
    let only_dropout = RunEvidence { dropout_run: Some(&narrower), ..RunEvidence::default() };
    assert_eq!(gap.check_choice(1, &only_dropout), None, "no run without dropout to compare with");
    let only_plain = RunEvidence { earlier_lesson_run: Some(&plain), ..RunEvidence::default() };
    assert_eq!(gap.check_choice(1, &only_plain), None, "no dropout run after the prediction");
    let both = RunEvidence { earlier_lesson_run: Some(&plain), dropout_run: Some(&narrower), ..RunEvidence::default() };
    assert_eq!(gap.check_choice(1, &both), Some(Verdict::Right));
    assert_eq!(gap.check_choice(0, &both), Some(Verdict::Wrong));
    let both = RunEvidence { earlier_lesson_run: Some(&plain), dropout_run: Some(&same), ..RunEvidence::default() };
    assert_eq!(gap.check_choice(2, &both), Some(Verdict::Right));
}

#[test]
fn the_stop_epoch_is_what_the_training_watch_would_do_on_the_learners_run() {
    // Lowest at epoch 6, then 3 higher: stops after epoch 9, keeps epoch 6.
    let run = epochs(&OVERFITTING, (0.99, 0.93));
    assert_eq!(stop_and_kept(&run, LESSON_PATIENCE), Some((9, 6)));
    // An early dip then 3 worse epochs stops before the run's overall lowest.
    let dip = [0.9, 0.5, 0.52, 0.51, 0.505, 0.4, 0.38, 0.37, 0.37, 0.38, 0.39, 0.4, 0.41, 0.42, 0.43];
    assert_eq!(stop_and_kept(&epochs(&dip, (0.9, 0.9)), 3), Some((5, 2)));
    assert_eq!(lowest_val_loss(&epochs(&dip, (0.9, 0.9))), Some(8));
    // Still falling: it never stops, and keeps the last weights.
    let falling: Vec<f32> = (0..15).map(|i| 1.0 - 0.05 * i as f32).collect();
    assert_eq!(stop_and_kept(&epochs(&falling, (0.9, 0.9)), 3), Some((15, 15)));
    assert_eq!(stop_and_kept(&[], 3), None);

    let stop = step("early-stop");
    let none = RunEvidence::default();
    assert_eq!(stop.expected_stop(&none), None);
    assert_eq!(stop.check_typed_against("9", &none), None, "no run to read: nothing to judge");
    let evidence = RunEvidence { earlier_lesson_run: Some(&run), ..RunEvidence::default() };
    assert_eq!(stop.expected_stop(&evidence), Some((9, 6)));
    assert_eq!(stop.check_typed_against(" 9 ", &evidence), Some(Verdict::Right));
    assert_eq!(stop.check_typed_against("6", &evidence), Some(Verdict::TooLow), "the kept epoch is not the last one trained");
    assert_eq!(stop.check_typed_against("15", &evidence), Some(Verdict::TooHigh));
    assert_eq!(stop.check_typed_against("nine", &evidence), Some(Verdict::NotANumber));
    // Other typed steps are judged as before.
    assert_eq!(step("first-conv").check_typed_against("320", &none), Some(Verdict::Right));
}

/// Trains a lesson run on real MNIST (validating on the lesson's 2 000 test images) to its end.
fn train(spec: &ModelSpec, hyper: Hyperparameters) -> (Vec<EpochSummary>, convlab::training::FinishedSummary) {
    let (_, epochs, finished) = common::train_to_end(spec, hyper, common::real_mnist(LESSON_VALIDATION_IMAGES));
    (epochs, finished)
}

/// What the steps say happens, on the runs their "try it"s set up (the tutorial's defaults):
/// val_loss turns up in the middle, dropout narrows the gap, and the run with early stopping
/// ends where the early-stopping step's answer says.
#[test]
fn the_lessons_runs_on_real_mnist_do_what_the_steps_say() {
    let hyper = lesson_run(&Hyperparameters::default());
    let (plain, _) = train(&ModelSpec::tutorial(), hyper.clone());
    let losses: Vec<f32> = plain.iter().map(|e| e.val_loss).collect();
    assert!(is_complete(&plain));
    assert_eq!(curve_choice(&plain), Some(USUAL_CURVE), "val_loss per epoch {losses:?}");
    assert!(plain.last().unwrap().accuracy > 0.98, "{:?}", plain.last());

    let (dropout, _) = train(&ModelSpec::tutorial_with_dropout(), hyper.clone());
    assert_eq!(gap_choice(&plain, &dropout), Some(USUAL_GAP), "gaps {:?} without, {:?} with dropout", last_gap(&plain), last_gap(&dropout));

    let (stopped, finished) = train(&ModelSpec::tutorial(), lesson_run_with_early_stopping(&Hyperparameters::default()));
    let (after, kept) = stop_and_kept(&plain, LESSON_PATIENCE).unwrap();
    assert_eq!(stopped.len(), after, "val_loss per epoch {losses:?}");
    if after < LESSON_EPOCHS {
        let stop = finished.early_stop.expect("an early stop");
        assert_eq!((stop.after_epoch, stop.best_epoch), (after, kept));
    }
}
