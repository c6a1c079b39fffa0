//! Numbers with their digits in groups of three, as Keras prints parameter totals (`34,506`):
//! the summary, the errors and the memory estimate write large counts this way.

/// Digits in groups of three, as Keras prints totals: `34,506`.
pub fn thousands(value: usize) -> String {
    group_digits(&value.to_string())
}

/// [`thousands`] for a `u64` (totals that may exceed a 32-bit `usize`).
pub fn thousands_u64(value: u64) -> String {
    group_digits(&value.to_string())
}

fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
