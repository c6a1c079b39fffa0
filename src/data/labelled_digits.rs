//! The learner's own labelled digits, as the page sends them: each one already through the
//! drawing panel's preprocessing (784 values in 0..1), with the digit the learner says it is.
//! Fine-tuning learns from them, and a run from scratch may add them to MNIST's training images.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{CLASSES, PIXELS, Split};

/// Digits and their labels, digit after digit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LabelledDigits {
    /// 784 values in 0..1 per digit, row-major.
    pub pixels: Vec<f32>,
    /// 0..=9, one per digit.
    pub labels: Vec<u8>,
}

/// Why the learner's digits cannot be used, worded for the page.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum DigitsError {
    #[error("the digits do not come as 784 values each: {values} values for {labels} labels")]
    Malformed { values: usize, labels: usize },
    #[error("digit {index} is labelled {label}; labels are 0 to 9")]
    BadLabel { index: usize, label: u8 },
    #[error("digit {index} has a pixel value {value} outside 0 to 1")]
    BadPixel { index: usize, value: f32 },
    #[error("at least {need} of your digits are needed and you have {have}: draw {} more", need - have)]
    TooFew { have: usize, need: usize },
    /// No class has two digits, so none can be kept aside to measure on.
    #[error(
        "none of your digits can be kept aside to measure the fine-tuning: draw at least two of some digit (only one each of {})",
        list(present)
    )]
    NothingToHoldOut { present: Vec<u8> },
}

impl LabelledDigits {
    /// Number of digits (labels).
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Refuses pixel counts that do not match the labels, labels outside 0..=9, and pixel
    /// values outside 0..1 (NaN included).
    pub fn check(&self) -> Result<(), DigitsError> {
        if self.pixels.len() != self.labels.len() * PIXELS {
            return Err(DigitsError::Malformed {
                values: self.pixels.len(),
                labels: self.labels.len(),
            });
        }
        if let Some((index, &label)) = self
            .labels
            .iter()
            .enumerate()
            .find(|(_, l)| **l as usize >= CLASSES)
        {
            return Err(DigitsError::BadLabel { index, label });
        }
        if let Some(at) = self.pixels.iter().position(|v| !(0.0..=1.0).contains(v)) {
            return Err(DigitsError::BadPixel {
                index: at / PIXELS,
                value: self.pixels[at],
            });
        }
        Ok(())
    }

    /// How many digits of each class.
    pub fn class_counts(&self) -> [usize; CLASSES] {
        let mut counts = [0; CLASSES];
        for &label in &self.labels {
            counts[usize::from(label).min(CLASSES - 1)] += 1;
        }
        counts
    }

    /// The classes with no digit at all, in order.
    pub fn missing_classes(&self) -> Vec<u8> {
        let counts = self.class_counts();
        (0..CLASSES as u8)
            .filter(|&c| counts[usize::from(c)] == 0)
            .collect()
    }

    /// The digits as a [`Split`], so batches and evaluation treat them like MNIST. Pixels are
    /// rounded to MNIST's 256 grey levels: at most 1/510 off, far below what a model notices,
    /// and a learner's digit then costs 784 bytes like an MNIST one.
    pub fn to_split(&self) -> Result<Split, DigitsError> {
        self.check()?;
        let pixels = self
            .pixels
            .iter()
            .map(|&v| (v * 255.0).round() as u8)
            .collect();
        // `check` has verified what `Split::new` checks.
        Ok(Split::new(pixels, self.labels.clone()).expect("checked digits form a split"))
    }
}

/// "3, 5 and 7".
fn list(classes: &[u8]) -> String {
    let names: Vec<String> = classes.iter().map(u8::to_string).collect();
    match names.as_slice() {
        [] => "none".into(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
