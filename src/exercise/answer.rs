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
    parse_count(text).map_or(Verdict::NotANumber, |n| compare(n, expected as u64))
}

/// A number judged against the right one.
fn compare<T: Ord>(n: T, expected: T) -> Verdict {
    match n.cmp(&expected) {
        std::cmp::Ordering::Equal => Verdict::Right,
        std::cmp::Ordering::Less => Verdict::TooLow,
        std::cmp::Ordering::Greater => Verdict::TooHigh,
    }
}

/// Judges a whole number that may be negative ("-5", "−5") against `expected`.
pub fn check_signed(text: &str, expected: i64) -> Verdict {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-').or_else(|| text.strip_prefix('−')) {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let Some(n) = parse_count(digits).and_then(|n| i64::try_from(n).ok()) else { return Verdict::NotANumber };
    compare(if negative { -n } else { n }, expected)
}

/// Judges the side of a square typed as "18 × 18" or "18" against `expected`; two different
/// numbers ("18 × 10") are not a square side.
pub fn check_side(text: &str, expected: usize) -> Verdict {
    let side = match parse_shape(text).as_deref() {
        Some(&[n]) => n,
        Some(&[a, b]) if a == b => a,
        _ => return Verdict::NotAShape,
    };
    compare(side, expected as u64)
}

/// Digits in groups of three with commas, as Keras prints parameter counts: `34,506`.
pub use crate::model::digit_groups::thousands as grouped;
