//! Result cards and the class board (`convlab::result_cards`): a run's card reads back equal
//! from its text; 30 cards of a class are read and ranked while malformed ones are refused,
//! each with its line and reason; a card pasted twice is kept once.

use convlab::exercise::run_record::RunRecord;
use convlab::hyperparameters::Hyperparameters;
use convlab::model::share_link;
use convlab::model::{Activation, LayerSpec, ModelSpec, Padding};
use convlab::result_cards::{Board, CardError, ResultCard, read_cards, ranked};
use convlab::training::EpochSummary;

fn epoch(n: usize, seconds: f64) -> EpochSummary {
    EpochSummary {
        epoch: n,
        epochs: 2,
        loss: 0.3,
        accuracy: 0.9,
        val_loss: 0.2,
        val_accuracy: 0.93,
        seconds,
        train_seconds: seconds - 1.0,
        samples_per_sec: 900.0,
    }
}

fn run() -> RunRecord {
    RunRecord {
        id: Some(3),
        finished_at: "2026-12-07T10:11:12.000Z".into(),
        spec: ModelSpec::tutorial(),
        hyperparameters: Hyperparameters { epochs: 2, train_subset: Some(6400), ..Hyperparameters::default() },
        validation_images: 1000,
        params: 34_506,
        backend: "CPU, 2 threads".into(),
        learner_digits: 0,
        stopped: false,
        diverged: None,
        epochs: vec![epoch(1, 10.5), epoch(2, 11.0)],
        partial_epoch: None,
        early_stop: None,
        test_loss: Some(0.2),
        test_accuracy: Some(0.9312),
    }
}

#[test]
fn a_runs_card_reads_back_equal_from_its_text() {
    let card = ResultCard::from_run(&run(), "  Ada ").unwrap();
    assert_eq!(card.name, "Ada");
    assert_eq!(card.seconds, 21.5);
    assert_eq!(card.link, share_link::encode(&ModelSpec::tutorial(), &run().hyperparameters));
    let text = card.to_text();
    assert_eq!(
        text.lines().next().unwrap(),
        "ConvLab result card, Ada: 93.12 % on 1,000 test images, 34,506 parameters, 22 s (CPU, 2 threads)"
    );
    let reading = read_cards(&text, &[]).unwrap();
    assert_eq!((reading.cards, reading.problems, reading.duplicates), (vec![card.clone()], vec![], 0));
    // Pasted again, onto a board that has it: nothing new.
    let again = read_cards(&format!("{text}{text}"), std::slice::from_ref(&card)).unwrap();
    assert_eq!((again.cards.len(), again.duplicates), (0, 2));
}

#[test]
fn a_run_without_a_name_or_a_test_accuracy_has_no_card() {
    assert_eq!(ResultCard::from_run(&run(), "   "), Err(CardError::NoName));
    assert_eq!(ResultCard::from_run(&run(), &"x".repeat(41)), Err(CardError::LongName));
    let diverged = RunRecord { diverged: Some("NaN".into()), test_accuracy: None, test_loss: None, ..run() };
    assert_eq!(ResultCard::from_run(&diverged, "Ada"), Err(CardError::Diverged));
}

/// Student `i`'s card: kernels of 3 or 5, 8 to 64 filters, accuracies spread out.
fn student(i: usize) -> ResultCard {
    let filters = 8 << (i % 4);
    let kernel_size = if i % 2 == 0 { 3 } else { 5 };
    let conv = LayerSpec::Conv2D { filters, kernel_size, activation: Activation::Relu, padding: Padding::Same };
    let spec = ModelSpec::new(vec![
        conv,
        LayerSpec::MaxPooling2D { pool_size: 2 },
        LayerSpec::Flatten,
        LayerSpec::Dense { units: 10, activation: Activation::Softmax },
    ]);
    let record = RunRecord {
        spec: spec.clone(),
        params: spec.summary().unwrap().total_params,
        test_accuracy: Some(0.9 + (i as f32 * 7.0 % 9.0) / 100.0),
        finished_at: format!("2026-12-07T10:{i:02}:00.000Z"),
        ..run()
    };
    ResultCard::from_run(&record, &format!("Student {}", i + 1)).unwrap()
}

#[test]
fn a_class_of_30_is_read_and_ranked_and_5_malformed_cards_are_refused_with_their_line() {
    let cards: Vec<ResultCard> = (0..30).map(student).collect();
    let mut text: String = cards.iter().map(ResultCard::to_text).collect();
    // Lines 61 to 65: five cards that must not be read.
    let good = serde_json::to_value(&cards[0]).unwrap();
    let with = |key: &str, value: serde_json::Value| {
        let mut card = good.clone();
        card[key] = value;
        card.to_string()
    };
    let malformed = [
        (r#"{"format":"convlab-result-card","version":1,"name":"cut"#.to_string(), "cannot be read as a card: the text breaks off"),
        (with("test_accuracy", serde_json::json!(1.7)), "test accuracy, 1.7, is not between 0 and 1"),
        (with("params", serde_json::json!(12)), "it says 12 parameters, but its model has"),
        (with("format", serde_json::json!("convlab-my-digits")), "not a ConvLab result card"),
        (with("link", serde_json::json!("model=c999999.k3-f-d10&epochs=5")), "its model or settings cannot be used"),
    ];
    for (line, _) in &malformed {
        text.push_str(line);
        text.push('\n');
    }
    let reading = read_cards(&text, &[]).unwrap();
    assert_eq!(reading.cards, cards);
    assert_eq!(reading.problems.len(), 5, "{:?}", reading.problems);
    for (problem, (line, (_, reason))) in reading.problems.iter().zip((61..).zip(&malformed)) {
        assert_eq!(problem.line, line);
        assert!(problem.reason.contains(reason), "line {line}: {} (wanted {reason})", problem.reason);
    }

    let board = Board { cards: reading.cards };
    let order = ranked(&board.cards);
    assert!(order.windows(2).all(|w| w[0].test_accuracy >= w[1].test_accuracy));
    let best = board.best().unwrap();
    assert_eq!(best, order[0]);
    // Ties go to the smaller model.
    let top: Vec<_> = order.iter().take_while(|c| c.test_accuracy == best.test_accuracy).collect();
    assert!(top.iter().all(|c| c.params >= best.params));
}

#[test]
fn other_versions_names_and_sizes() {
    let card = student(0);
    let newer = ResultCard { version: 2, ..card.clone() };
    assert_eq!(newer.check().unwrap_err(), CardError::Newer(2));
    let control = ResultCard { name: "Ada\u{7}".into(), ..card.clone() };
    assert_eq!(control.check().unwrap_err(), CardError::Unprintable("name"));
    let slow = ResultCard { seconds: 1e9, ..card.clone() };
    assert!(matches!(slow.check().unwrap_err(), CardError::Seconds(_)));
    let long_line = format!("{{\"name\":\"{}\"}}", "x".repeat(5000));
    assert!(read_cards(&long_line, &[]).unwrap().problems[0].reason.contains("bytes long"));
    assert!(read_cards(&"x".repeat(1_000_001), &[]).is_err(), "a text over a megabyte is refused whole");
    // A headline and other words between cards are passed over.
    let reading = read_cards(&format!("Hello class!\n\n{}", card.to_text()), &[]).unwrap();
    assert_eq!((reading.cards.len(), reading.problems.len()), (1, 0));
}
