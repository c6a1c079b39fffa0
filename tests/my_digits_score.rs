//! The table of how a model does on the learner's digits, computed from its predictions.

use convlab::my_digits::{Misread, ScoreError, score};

#[test]
fn the_table_counts_each_digit_and_lists_the_misread() {
    let labels = [0, 0, 1, 9, 9, 9, 4];
    let predictions = [0, 6, 1, 9, 8, 4, 4];
    let confidences = [0.9, 0.6, 0.99, 0.8, 0.7, 0.55, 0.9];
    let table = score(&labels, &predictions, &confidences).unwrap();
    assert_eq!(table.total, 7);
    assert_eq!(table.correct, 4);
    assert_eq!(table.accuracy(), Some(4.0 / 7.0));
    assert_eq!((table.classes[0].count, table.classes[0].correct), (2, 1));
    assert_eq!(table.classes[0].accuracy(), Some(0.5));
    assert_eq!((table.classes[9].count, table.classes[9].correct), (3, 1));
    assert_eq!(table.classes[1].accuracy(), Some(1.0));
    assert_eq!(table.classes[5].count, 0);
    assert_eq!(table.classes[5].accuracy(), None, "no digits: no accuracy, not 0 %");
    assert!(table.classes.iter().enumerate().all(|(k, row)| usize::from(row.label) == k));
    assert_eq!(
        table.misread,
        vec![
            Misread { index: 1, label: 0, read_as: 6, confidence: 0.6 },
            Misread { index: 4, label: 9, read_as: 8, confidence: 0.7 },
            Misread { index: 5, label: 9, read_as: 4, confidence: 0.55 },
        ]
    );
}

#[test]
fn misread_digits_are_ordered_by_label_then_position() {
    let table = score(&[7, 2, 7, 2], &[1, 3, 1, 3], &[0.5; 4]).unwrap();
    let order: Vec<(u8, usize)> = table.misread.iter().map(|m| (m.label, m.index)).collect();
    assert_eq!(order, vec![(2, 1), (2, 3), (7, 0), (7, 2)]);
    assert_eq!(table.accuracy(), Some(0.0));
}

#[test]
fn no_digits_give_an_empty_table() {
    let table = score(&[], &[], &[]).unwrap();
    assert_eq!(table.total, 0);
    assert_eq!(table.accuracy(), None);
    assert!(table.misread.is_empty());
}

#[test]
fn mismatched_or_impossible_input_is_an_error() {
    assert_eq!(
        score(&[1, 2], &[1], &[0.5]),
        Err(ScoreError::LengthMismatch { labels: 2, predictions: 1, confidences: 1 })
    );
    assert_eq!(score(&[1], &[1], &[]), Err(ScoreError::LengthMismatch { labels: 1, predictions: 1, confidences: 0 }));
    assert_eq!(score(&[1, 10], &[1, 1], &[0.5, 0.5]), Err(ScoreError::BadLabel { index: 1, label: 10 }));
    assert_eq!(score(&[1], &[12], &[0.5]), Err(ScoreError::BadPrediction { index: 0, class: 12 }));
}
