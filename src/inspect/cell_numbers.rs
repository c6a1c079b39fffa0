//! "Convolution up close": how the page writes the numbers of one value's arithmetic. A sum and
//! its terms share one number of decimals, chosen so the largest shows about 3 significant
//! digits, so a learner can add the column up and land on the total (up to the last digit).

/// The most decimals a column gets, however small its numbers.
pub const MAX_DECIMALS: usize = 4;

/// Decimals that show the largest finite magnitude among `values` with 3 significant digits
/// (0 for 100 and above, [`MAX_DECIMALS`] for tiny values or none).
pub fn shared_decimals(values: impl IntoIterator<Item = f32>) -> usize {
    let largest = values
        .into_iter()
        .filter(|v| v.is_finite())
        .map(f32::abs)
        .fold(0.0_f32, f32::max);
    if largest == 0.0 {
        return MAX_DECIMALS.min(3);
    }
    // Digits before the decimal point: 1 for 1.23, 2 for 12.3, 0 for 0.532, -1 for 0.0532.
    let before = largest.log10().floor() as i32 + 1;
    (3 - before).clamp(0, MAX_DECIMALS as i32) as usize
}

/// `value` with `decimals` decimals; a value that rounds to zero is written without a sign.
pub fn fixed(value: f32, decimals: usize) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let text = format!("{value:.decimals$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

/// `value` on its own, about 3 significant digits.
pub fn short(value: f32) -> String {
    fixed(value, shared_decimals([value]))
}
