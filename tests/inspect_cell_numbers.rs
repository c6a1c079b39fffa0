//! How the page writes the numbers of one value's arithmetic: a shared number of decimals that
//! shows the largest with 3 significant digits (at least two decimals), no "-0.000", and the
//! network's value written like the arithmetic's result.

use convlab::inspect::cell_numbers::{MAX_DECIMALS, MIN_DECIMALS, fixed, shared_decimals, short};

#[test]
fn the_largest_number_gets_three_significant_digits() {
    assert_eq!(shared_decimals([0.532, -0.01, 0.2]), 3);
    assert_eq!(shared_decimals([12.34, 0.5]), MIN_DECIMALS);
    assert_eq!(shared_decimals([-1.5]), 2);
    assert_eq!(shared_decimals([0.0532]), 4);
    assert_eq!(shared_decimals([250.0, 3.0]), MIN_DECIMALS);
    assert_eq!(shared_decimals([1e-7]), MAX_DECIMALS);
    assert_eq!(shared_decimals([f32::NAN, 2.0]), 2);
}

#[test]
fn numbers_are_written_with_the_shared_decimals() {
    assert_eq!(fixed(0.12345, 3), "0.123");
    assert_eq!(fixed(-0.4567, 2), "-0.46");
    assert_eq!(fixed(-0.0001, 3), "0.000");
    assert_eq!(fixed(-0.0, 1), "0.0");
    assert_eq!(short(12.345), "12.35");
    assert_eq!(short(-0.0), "0.000");
    assert_eq!(short(-0.0012345), "-0.0012");
}

#[test]
fn rounded_terms_add_up_to_the_rounded_sum_within_half_a_unit_each() {
    let terms = [0.1234_f32, -0.0456, 0.3333, 0.0009, -0.2718];
    let sum: f32 = terms.iter().sum();
    let decimals = shared_decimals(terms.iter().copied().chain([sum]));
    let unit = 10f64.powi(-(decimals as i32));
    let shown: f64 = terms.iter().map(|t| fixed(*t, decimals).parse::<f64>().unwrap()).sum();
    let total: f64 = fixed(sum, decimals).parse().unwrap();
    assert!((shown - total).abs() <= unit * (terms.len() as f64 + 1.0) / 2.0, "{shown} vs {total}");
}

#[test]
fn the_network_value_is_written_like_the_arithmetic_result() {
    use convlab::inspect::CellArithmetic;
    use convlab::inspect::cell_arithmetic::{ChannelTerms, ConvCell};
    use convlab::inspect::cell_numbers::result_decimals;
    use convlab::model::Activation;
    // A ReLU cell whose sum is small and negative: the lines above the result need 4 decimals
    // ("-0.0027"), so the result and the network's 0 read "0.0000" too, not "0.000".
    let terms = ChannelTerms { channel: 0, patch: vec![Some(0.0); 9], weights: vec![0.1; 9], products: vec![0.0; 9], sum: 0.0 };
    let cell = ConvCell {
        filter: 3, row: 13, col: 14, kernel_size: 3, top: 12, left: 13, channels: vec![terms],
        total: 0.0, bias: -0.0027, pre_activation: -0.0027, activation: Activation::Relu, result: 0.0,
    };
    let decimals = result_decimals(&CellArithmetic::Conv(cell));
    assert_eq!(decimals, 4);
    assert_eq!(fixed(0.0, decimals), "0.0000");
}

#[test]
fn a_convolutions_products_and_sums_share_the_values_decimals() {
    use convlab::inspect::cell_arithmetic::{ChannelTerms, ConvCell};
    use convlab::inspect::cell_numbers::conv_decimals;
    use convlab::model::Activation;
    // Products up to 1.2 that nearly cancel: the channel's sum, the total and everything after
    // are written with the products' 2 decimals, so the single channel's sum and the total,
    // the same number, read alike.
    let products = vec![1.2, -1.2018, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
    let terms = ChannelTerms { channel: 0, patch: vec![Some(1.0); 9], weights: products.clone(), products, sum: -0.0018 };
    let cell = ConvCell {
        filter: 0, row: 1, col: 1, kernel_size: 3, top: 0, left: 0, channels: vec![terms],
        total: -0.0018, bias: 0.01, pre_activation: 0.0082, activation: Activation::Relu, result: 0.0082,
    };
    assert_eq!(conv_decimals(&cell), 2);
}
