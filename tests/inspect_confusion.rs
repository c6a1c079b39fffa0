//! The confusion matrix: exact counts, cells and mistakes most confident first, CSV, and the
//! test pass that fills it; on the real test set (MNIST_DIR) with the shipped model it must
//! agree with the accuracy the model's file states.

mod common;

use std::time::Instant;

use burn::prelude::*;
use convlab::data::Split;
use convlab::inspect::{ConfusionMatrix, ImagePrediction, evaluate_with_predictions};
use convlab::model::{ModelSpec, Network};
use convlab::training::{VALIDATION_BATCH, evaluate};
use futures::executor::block_on;

fn answer(label: u8, predicted: u8, confidence: f32) -> ImagePrediction {
    ImagePrediction {
        label,
        predicted,
        confidence,
    }
}

/// Eight answers: five right, three wrong (two 7s read as 1, one 3 read as 5).
fn small() -> ConfusionMatrix {
    ConfusionMatrix::new(vec![
        answer(7, 7, 0.99),
        answer(7, 1, 0.60),
        answer(3, 3, 0.90),
        answer(7, 1, 0.95),
        answer(3, 5, 0.51),
        answer(0, 0, 0.97),
        answer(7, 7, 0.80),
        answer(0, 0, 0.97),
    ])
}

#[test]
fn counts_of_a_known_set_are_exact() {
    let matrix = small();
    let mut expected = [[0u32; 10]; 10];
    expected[7][7] = 2;
    expected[7][1] = 2;
    expected[3][3] = 1;
    expected[3][5] = 1;
    expected[0][0] = 2;
    assert_eq!(matrix.counts, expected);
    assert_eq!((matrix.total(), matrix.correct()), (8, 5));
    assert_eq!(matrix.accuracy(), 5.0 / 8.0);
    assert_eq!(matrix.class_total(7), 4);
    assert_eq!(matrix.class_accuracy(7), Some(0.5));
    assert_eq!(matrix.class_accuracy(0), Some(1.0));
    assert_eq!(matrix.class_accuracy(9), None, "no 9 among the images");

    let json = serde_json::to_string(&matrix).unwrap();
    assert_eq!(
        serde_json::from_str::<ConfusionMatrix>(&json).unwrap(),
        matrix
    );

    let empty = ConfusionMatrix::new(Vec::new());
    assert_eq!((empty.total(), empty.accuracy()), (0, 0.0));
}

#[test]
fn cells_and_mistakes_list_the_most_confident_first() {
    let matrix = small();
    assert_eq!(matrix.cell_images(7, 1, 50), [(3, 0.95), (1, 0.60)]);
    assert_eq!(matrix.cell_images(7, 1, 1), [(3, 0.95)]);
    assert_eq!(
        matrix.cell_images(0, 0, 50),
        [(5, 0.97), (7, 0.97)],
        "equals in index order"
    );
    assert!(matrix.cell_images(2, 2, 50).is_empty());
    assert_eq!(matrix.confident_mistakes(2), [(3, 0.95), (1, 0.60)]);
    assert_eq!(matrix.confident_mistakes(10).len(), 3);
}

#[test]
fn csv_has_a_row_per_true_class_and_the_totals() {
    let csv = small().to_csv();
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert!(
        csv.ends_with("\r\n") && !csv.replace("\r\n", "").contains('\n'),
        "CRLF line ends only"
    );
    assert_eq!(lines.len(), 12, "header, 10 classes, totals");
    assert_eq!(
        lines[0],
        "true_class,predicted_0,predicted_1,predicted_2,predicted_3,predicted_4,predicted_5,predicted_6,predicted_7,predicted_8,predicted_9,images,accuracy"
    );
    assert_eq!(lines[1], "0,2,0,0,0,0,0,0,0,0,0,2,1.0000");
    assert_eq!(
        lines[3], "2,0,0,0,0,0,0,0,0,0,0,0,",
        "no image: accuracy left empty"
    );
    assert_eq!(lines[8], "7,0,2,0,0,0,0,0,2,0,0,4,0.5000");
    assert_eq!(lines[11], "all,2,2,0,1,0,1,0,2,0,0,8,0.6250");
}

#[test]
fn the_test_pass_agrees_with_evaluate() {
    let device = Device::flex();
    let data = common::real_mnist(10_000);
    let split = data.test.take(1_234);
    let network = Network::new(&ModelSpec::dense_baseline(), &device).unwrap();
    let pass = block_on(evaluate_with_predictions(&network, &split, &device)).unwrap();
    let reference = block_on(evaluate(&network, &split, VALIDATION_BATCH, &device)).unwrap();
    assert_eq!(pass.confusion.total(), 1_234);
    assert_eq!(pass.evaluation.accuracy, reference.accuracy);
    assert!(
        (pass.evaluation.loss - reference.loss).abs() < 1e-5,
        "{:?} vs {reference:?}",
        pass.evaluation
    );
    assert!(
        pass.confusion
            .predictions
            .iter()
            .zip(split.labels())
            .all(|(p, &l)| p.label == l)
    );
    assert!(
        pass.confusion
            .predictions
            .iter()
            .all(|p| (0.1..=1.0).contains(&p.confidence)),
        "top of 10 probabilities"
    );

    let empty = Split::new(Vec::new(), Vec::new()).unwrap();
    assert!(block_on(evaluate_with_predictions(&network, &empty, &device)).is_err());
}

#[test]
fn the_shipped_model_scores_its_stated_accuracy_on_the_real_test_set() {
    let device = Device::flex();
    let (header, network) = common::shipped_model();
    let data = common::real_mnist(10_000);
    assert_eq!(data.test.len(), 10_000);

    let start = Instant::now();
    let pass = block_on(evaluate_with_predictions(&network, &data.test, &device)).unwrap();
    let seconds = start.elapsed().as_secs_f64();
    let matrix = &pass.confusion;
    eprintln!(
        "confusion matrix of the tutorial on 10 000 test images: {seconds:.2} s natively, {} correct",
        matrix.correct()
    );

    assert_eq!(matrix.total(), 10_000);
    let stated = header
        .test_accuracy
        .expect("the shipped model states its accuracy");
    assert_eq!(
        matrix.correct(),
        (stated * 10_000.0).round() as u32,
        "stated {stated}"
    );
    assert_eq!(pass.evaluation.accuracy, matrix.accuracy());
    let stated_loss = header.test_loss.expect("and its loss");
    assert!(
        (pass.evaluation.loss - stated_loss).abs() < 1e-4,
        "{} vs {stated_loss}",
        pass.evaluation.loss
    );
    for label in 0..10 {
        assert_eq!(
            matrix.class_total(label),
            data.test
                .labels()
                .iter()
                .filter(|&&l| usize::from(l) == label)
                .count() as u32
        );
    }
    let mistakes = matrix.confident_mistakes(50);
    assert_eq!(mistakes.len(), 50.min(10_000 - matrix.correct() as usize));
    assert!(mistakes.windows(2).all(|w| w[0].1 >= w[1].1));
}
