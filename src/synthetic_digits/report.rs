//! How a model did on the synthetic digits: per class, per style, and which mistakes it made.

use core::fmt::Write;

use super::SyntheticDigit;

/// Right and total per class, per style, and every mistake as (label, answer, style).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Score {
    pub right: [usize; 10],
    pub total: [usize; 10],
    pub mistakes: Vec<(u8, u8, &'static str)>,
}

impl Score {
    /// Scores the `answers` (the model's top class for each digit of `set`, in order).
    pub fn new(set: &[SyntheticDigit], answers: &[u8]) -> Score {
        assert_eq!(set.len(), answers.len(), "one answer per digit");
        let mut score = Score::default();
        for (digit, &answer) in set.iter().zip(answers) {
            let class = usize::from(digit.label);
            score.total[class] += 1;
            if answer == digit.label {
                score.right[class] += 1;
            } else {
                score.mistakes.push((digit.label, answer, digit.style));
            }
        }
        score
    }

    /// Top-1 accuracy over the whole set (0 when empty).
    pub fn accuracy(&self) -> f64 {
        let total: usize = self.total.iter().sum();
        let right: usize = self.right.iter().sum();
        if total == 0 {
            0.0
        } else {
            right as f64 / total as f64
        }
    }

    /// Accuracy of class `digit`.
    pub fn class_accuracy(&self, digit: usize) -> f64 {
        if self.total[digit] == 0 {
            0.0
        } else {
            self.right[digit] as f64 / self.total[digit] as f64
        }
    }

    /// A Markdown table: one row per class and the total, then the mistakes grouped by
    /// (label, answer, style), most frequent first.
    pub fn report(&self) -> String {
        let mut out = String::from("| digit | right | accuracy |\n|---|---|---|\n");
        for digit in 0..10 {
            let _ = writeln!(
                out,
                "| {digit} | {}/{} | {:.1} % |",
                self.right[digit],
                self.total[digit],
                100.0 * self.class_accuracy(digit)
            );
        }
        let _ = writeln!(
            out,
            "| all | {}/{} | {:.1} % |",
            self.right.iter().sum::<usize>(),
            self.total.iter().sum::<usize>(),
            100.0 * self.accuracy()
        );
        let mut groups: Vec<((u8, u8, &str), usize)> = Vec::new();
        for &mistake in &self.mistakes {
            match groups.iter_mut().find(|(key, _)| *key == mistake) {
                Some((_, count)) => *count += 1,
                None => groups.push((mistake, 1)),
            }
        }
        groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if !groups.is_empty() {
            out.push_str("\nmistakes (digit read as answer, style: count):\n");
        }
        for ((label, answer, style), count) in groups {
            let _ = writeln!(out, "  {label} read as {answer}, {style}: {count}");
        }
        out
    }
}
