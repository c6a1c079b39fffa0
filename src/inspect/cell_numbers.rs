//! "Convolution up close": how the page writes the numbers of one value's arithmetic. A sum and
//! its terms share one number of decimals, chosen so the largest shows about 3 significant
//! digits (and at least two decimals, so small terms beside a large one do not all read 0.0), so
//! a learner can add the column up and land on the total (up to the last digit).

use super::cell_arithmetic::{ConvCell, PoolCell};
use super::cell_batch_norm::BatchNormCell;
use super::cell_dense::DenseUnit;
use super::cell_request::CellArithmetic;

/// The most decimals a column gets, however small its numbers.
pub const MAX_DECIMALS: usize = 4;
/// The fewest decimals a column gets, however large its numbers.
pub const MIN_DECIMALS: usize = 2;

/// Decimals that show the largest finite magnitude among `values` with 3 significant digits
/// ([`MIN_DECIMALS`] from 10 up, [`MAX_DECIMALS`] for tiny values or none).
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
    (3 - before).clamp(MIN_DECIMALS as i32, MAX_DECIMALS as i32) as usize
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

/// Decimals of the lines that end on the value (the sums, the bias, the result): the arithmetic
/// and the network's value beside it are written with these, so equal values read alike.
pub fn result_decimals(arithmetic: &CellArithmetic) -> usize {
    match arithmetic {
        CellArithmetic::Conv(cell) => conv_decimals(cell),
        CellArithmetic::Pool(cell) => pool_decimals(cell),
        CellArithmetic::Dense(unit) => dense_decimals(unit),
        CellArithmetic::BatchNorm(cell) => batch_norm_decimals(cell),
    }
}

/// A BatchNormalization value's input, mean, spread, normalised value, γ, β and result.
pub fn batch_norm_decimals(cell: &BatchNormCell) -> usize {
    shared_decimals([cell.input, cell.moving_mean, cell.spread, cell.normalised, cell.gamma, cell.beta, cell.result])
}

/// A convolution's products, channel sums, their total, the bias, and the values before and
/// after the activation: one number reads alike wherever the panel shows it (a channel's sum
/// under its products and on its button, a single channel's sum as the total).
pub fn conv_decimals(cell: &ConvCell) -> usize {
    let products = cell.channels.iter().flat_map(|c| c.products.iter().copied());
    let sums = cell.channels.iter().map(|c| c.sum);
    shared_decimals(products.chain(sums).chain([cell.total, cell.bias, cell.pre_activation, cell.result]))
}

/// A pooling window (the result is one of its values).
pub fn pool_decimals(cell: &PoolCell) -> usize {
    shared_decimals(cell.window.iter().copied())
}

/// A Dense unit's listed products, the others together, their sum, the bias and the result.
pub fn dense_decimals(unit: &DenseUnit) -> usize {
    shared_decimals(
        unit.top.iter().map(|c| c.product).chain([unit.others_sum, unit.sum, unit.bias, unit.pre_activation, unit.result]),
    )
}
