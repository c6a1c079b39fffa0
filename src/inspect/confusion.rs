//! The confusion matrix of a test pass, with every image's answer kept so the page can list a
//! cell's images (most confident first) and the most confident mistakes without recomputing.

use serde::{Deserialize, Serialize};

use crate::data::CLASSES;

/// One image's answer.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImagePrediction {
    pub label: u8,
    pub predicted: u8,
    /// The predicted class's probability.
    pub confidence: f32,
}

/// Counts of (true class, predicted class) over a set of images, and each image's answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfusionMatrix {
    /// `counts[true][predicted]`.
    pub counts: [[u32; CLASSES]; CLASSES],
    /// Every image's answer, by image index in the evaluated split.
    pub predictions: Vec<ImagePrediction>,
}

impl ConfusionMatrix {
    /// The matrix of these answers (image `i` is `predictions[i]`). Labels and predictions must
    /// be classes, 0..=9 (a split's labels and an argmax over ten logits are); others panic.
    pub fn new(predictions: Vec<ImagePrediction>) -> Self {
        let mut counts = [[0; CLASSES]; CLASSES];
        for p in &predictions {
            counts[usize::from(p.label)][usize::from(p.predicted)] += 1;
        }
        Self {
            counts,
            predictions,
        }
    }

    /// How many images were counted.
    pub fn total(&self) -> u32 {
        self.counts.iter().flatten().sum()
    }

    /// How many were predicted right: the diagonal's sum.
    pub fn correct(&self) -> u32 {
        (0..CLASSES).map(|k| self.counts[k][k]).sum()
    }

    /// The share predicted right (0 without images).
    pub fn accuracy(&self) -> f32 {
        ratio(self.correct(), self.total()).unwrap_or(0.0)
    }

    /// How many images of class `label` there are: its row's sum.
    pub fn class_total(&self, label: usize) -> u32 {
        self.counts[label].iter().sum()
    }

    /// The share of class `label`'s images predicted right (its recall); `None` without any.
    pub fn class_accuracy(&self, label: usize) -> Option<f32> {
        ratio(self.counts[label][label], self.class_total(label))
    }

    /// The images of cell (`label`, `predicted`) as (image index, confidence), most confident
    /// first (equals in index order), at most `limit`.
    pub fn cell_images(&self, label: usize, predicted: usize, limit: usize) -> Vec<(usize, f32)> {
        self.most_confident(limit, |p| {
            usize::from(p.label) == label && usize::from(p.predicted) == predicted
        })
    }

    /// The wrong answers as (image index, confidence), most confident first, at most `limit`.
    pub fn confident_mistakes(&self, limit: usize) -> Vec<(usize, f32)> {
        self.most_confident(limit, |p| p.label != p.predicted)
    }

    fn most_confident(
        &self,
        limit: usize,
        keep: impl Fn(&ImagePrediction) -> bool,
    ) -> Vec<(usize, f32)> {
        let mut images: Vec<(usize, f32)> = (self.predictions.iter().enumerate())
            .filter(|(_, p)| keep(p))
            .map(|(index, p)| (index, p.confidence))
            .collect();
        // Stable, so equal confidences keep index order.
        images.sort_by(|a, b| b.1.total_cmp(&a.1));
        images.truncate(limit);
        images
    }

    /// The matrix as CSV (RFC 4180, CRLF line ends): a row per true class with its count per
    /// predicted class, its number of images and its accuracy, then a row of column totals.
    pub fn to_csv(&self) -> String {
        let predicted = (0..CLASSES).map(|k| format!("predicted_{k}"));
        let header: Vec<String> = ["true_class".to_string()]
            .into_iter()
            .chain(predicted)
            .chain(["images".into(), "accuracy".into()])
            .collect();
        let mut out = header.join(",") + "\r\n";
        for (label, row) in self.counts.iter().enumerate() {
            let accuracy = self
                .class_accuracy(label)
                .map_or_else(String::new, |a| format!("{a:.4}"));
            let counts = row.iter().map(u32::to_string);
            let fields: Vec<String> = [label.to_string()]
                .into_iter()
                .chain(counts)
                .chain([self.class_total(label).to_string(), accuracy])
                .collect();
            out += &(fields.join(",") + "\r\n");
        }
        let column_totals = (0..CLASSES).map(|k| {
            self.counts
                .iter()
                .map(|row| row[k])
                .sum::<u32>()
                .to_string()
        });
        let fields: Vec<String> = ["all".to_string()]
            .into_iter()
            .chain(column_totals)
            .chain([self.total().to_string(), format!("{:.4}", self.accuracy())])
            .collect();
        out + &fields.join(",") + "\r\n"
    }
}

fn ratio(part: u32, whole: u32) -> Option<f32> {
    (whole > 0).then(|| (f64::from(part) / f64::from(whole)) as f32)
}
