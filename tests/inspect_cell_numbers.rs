//! How the page writes the numbers of one value's arithmetic: a shared number of decimals that
//! shows the largest with 3 significant digits, and no "-0.000".

use convlab::inspect::cell_numbers::{MAX_DECIMALS, fixed, shared_decimals, short};

#[test]
fn the_largest_number_gets_three_significant_digits() {
    assert_eq!(shared_decimals([0.532, -0.01, 0.2]), 3);
    assert_eq!(shared_decimals([12.34, 0.5]), 1);
    assert_eq!(shared_decimals([-1.5]), 2);
    assert_eq!(shared_decimals([0.0532]), 4);
    assert_eq!(shared_decimals([250.0, 3.0]), 0);
    assert_eq!(shared_decimals([1e-7]), MAX_DECIMALS);
    assert_eq!(shared_decimals([f32::NAN, 2.0]), 2);
}

#[test]
fn numbers_are_written_with_the_shared_decimals() {
    assert_eq!(fixed(0.12345, 3), "0.123");
    assert_eq!(fixed(-0.4567, 2), "-0.46");
    assert_eq!(fixed(-0.0001, 3), "0.000");
    assert_eq!(fixed(-0.0, 1), "0.0");
    assert_eq!(short(12.345), "12.3");
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
