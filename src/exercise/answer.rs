//! A learner's typed prediction, read leniently and judged against the core's count.

/// How a prediction compares with the true value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Right,
    TooLow,
    TooHigh,
    /// Nothing that reads as a whole number.
    NotANumber,
    /// Nothing that reads as a shape (numbers such as "7 × 7 × 32").
    NotAShape,
    /// A shape or a choice that is not the right one.
    Wrong,
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

/// A shape as people type it: the whole numbers in `text`, whatever separates them
/// ("7 × 7 × 32", "(7, 7, 32)", "7x7x32"); `None` without any number or with a fraction.
pub fn parse_shape(text: &str) -> Option<Vec<u64>> {
    if text.contains('.') {
        return None;
    }
    let numbers: Vec<u64> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .map(|part| part.parse().ok())
        .collect::<Option<_>>()?;
    (!numbers.is_empty()).then_some(numbers)
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
