//! A learner's typed prediction, read leniently and judged against the core's count.

/// How a prediction compares with the true value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Right,
    TooLow,
    TooHigh,
    /// Nothing that reads as a whole number.
    NotANumber,
}

/// A whole number as people type it: `34506`, `34,506`, `34 506` or `34_506`. A decimal point
/// is refused rather than guessed at (is `34.506` a thousands separator or a fraction?).
pub fn parse_count(text: &str) -> Option<u64> {
    let digits: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | '\'' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Judges `text` against `expected`.
pub fn check(text: &str, expected: usize) -> Verdict {
    match parse_count(text) {
        None => Verdict::NotANumber,
        Some(n) if n == expected as u64 => Verdict::Right,
        Some(n) if n < expected as u64 => Verdict::TooLow,
        Some(_) => Verdict::TooHigh,
    }
}

/// Digits in groups of three with commas, as Keras prints parameter counts: `34,506`.
pub use crate::model::digit_groups::thousands as grouped;
