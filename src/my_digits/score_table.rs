//! How a model does on the learner's digits, from what it predicted for each: the accuracy over
//! all of them, a row per digit 0 to 9 (how many, how many read right), and the misread digits
//! with what each was read as.

use crate::data::CLASSES;
use thiserror::Error;

/// One row of the table: the digits labelled `label`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ClassScore {
    pub label: u8,
    pub count: usize,
    pub correct: usize,
}

impl ClassScore {
    /// The share read right, 0..1; `None` when there are no digits of this label.
    pub fn accuracy(&self) -> Option<f32> {
        (self.count > 0).then(|| self.correct as f32 / self.count as f32)
    }
}

/// A digit the model read as another.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Misread {
    /// Its position among the digits scored.
    pub index: usize,
    /// What the learner drew.
    pub label: u8,
    /// What the model read.
    pub read_as: u8,
    /// The model's probability for `read_as`, 0..1.
    pub confidence: f32,
}

/// The whole table.
#[derive(Clone, Debug, PartialEq)]
pub struct DigitScore {
    pub classes: [ClassScore; CLASSES],
    pub total: usize,
    pub correct: usize,
    /// Ordered by label, then by position.
    pub misread: Vec<Misread>,
}

impl DigitScore {
    /// The share of all digits read right; `None` when there are none.
    pub fn accuracy(&self) -> Option<f32> {
        (self.total > 0).then(|| self.correct as f32 / self.total as f32)
    }
}

/// Why predictions cannot be scored.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ScoreError {
    #[error("{labels} digits but {predictions} predictions and {confidences} confidences")]
    LengthMismatch { labels: usize, predictions: usize, confidences: usize },
    #[error("digit {index}'s label is {label}; labels are 0 to 9")]
    BadLabel { index: usize, label: u8 },
    #[error("the prediction for digit {index} is class {class}; classes are 0 to 9")]
    BadPrediction { index: usize, class: u8 },
}

/// Scores `predictions` (a class per digit, with the model's probability for it in
/// `confidences`) against the learner's `labels`.
pub fn score(labels: &[u8], predictions: &[u8], confidences: &[f32]) -> Result<DigitScore, ScoreError> {
    if labels.len() != predictions.len() || labels.len() != confidences.len() {
        return Err(ScoreError::LengthMismatch {
            labels: labels.len(),
            predictions: predictions.len(),
            confidences: confidences.len(),
        });
    }
    let mut classes: [ClassScore; CLASSES] = std::array::from_fn(|k| ClassScore { label: k as u8, ..ClassScore::default() });
    let mut misread = Vec::new();
    for (index, ((&label, &read_as), &confidence)) in labels.iter().zip(predictions).zip(confidences).enumerate() {
        if usize::from(label) >= CLASSES {
            return Err(ScoreError::BadLabel { index, label });
        }
        if usize::from(read_as) >= CLASSES {
            return Err(ScoreError::BadPrediction { index, class: read_as });
        }
        let row = &mut classes[usize::from(label)];
        row.count += 1;
        if read_as == label {
            row.correct += 1;
        } else {
            misread.push(Misread { index, label, read_as, confidence });
        }
    }
    misread.sort_by_key(|m| (m.label, m.index));
    let correct = classes.iter().map(|c| c.correct).sum();
    Ok(DigitScore { classes, total: labels.len(), correct, misread })
}
