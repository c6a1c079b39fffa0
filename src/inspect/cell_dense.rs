//! "Convolution up close", Dense layers: how one unit adds up its inputs (the largest terms
//! listed), and on the last layer the logit and its probability. Plain Rust, beside
//! [`super::cell_arithmetic`], whose activations it shares.

use serde::{Deserialize, Serialize};

use super::cell_arithmetic::{activate, softmax, sum_f64};
use crate::model::Activation;

/// One input's term in a Dense unit's sum.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// Its index in the layer's input (after a Flatten of an NCHW image:
    /// `channel · height · width + row · width + col`).
    pub input: usize,
    pub value: f32,
    pub weight: f32,
    /// `value × weight`.
    pub product: f32,
}

/// How a Dense layer computes unit `unit`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DenseUnit {
    pub unit: usize,
    /// How many inputs the unit adds up.
    pub inputs: usize,
    /// The largest terms by |product|, largest first (ties: lower index first).
    pub top: Vec<Contribution>,
    /// The sum of all the other terms.
    pub others_sum: f32,
    /// The sum of every term.
    pub sum: f32,
    pub bias: f32,
    /// `sum + bias`; on the last layer, the logit.
    pub pre_activation: f32,
    pub activation: Activation,
    /// The value the network gives: the activation of `pre_activation`, except on the last layer,
    /// whose softmax the network leaves out (it returns logits), so there it is the logit.
    pub result: f32,
    /// The last layer only: the softmax of all units' logits at this unit.
    pub probability: Option<f32>,
}

/// Unit `unit` of a Dense layer: `column` holds its weight for each input (column `unit` of
/// burn's `[inputs, units]` matrix), `top_n` how many terms to list. On the last layer,
/// `logits` are all units' logits (see [`dense_logits`]), for the probability.
pub fn dense_unit(
    input: &[f32],
    column: &[f32],
    bias: f32,
    activation: Activation,
    unit: usize,
    top_n: usize,
    logits: Option<&[f32]>,
) -> DenseUnit {
    assert_eq!(input.len(), column.len(), "one weight per input");
    let terms: Vec<f32> = input.iter().zip(column).map(|(v, w)| v * w).collect();
    let sum = sum_f64(&terms);
    let mut order: Vec<usize> = (0..terms.len()).collect();
    let by_size = |a: &usize, b: &usize| terms[*b].abs().total_cmp(&terms[*a].abs()).then(a.cmp(b));
    let top_n = top_n.min(order.len());
    // Only the first `top_n` need sorting: partition first (inputs may be many thousands).
    if top_n > 0 && top_n < order.len() {
        order.select_nth_unstable_by(top_n - 1, by_size);
    }
    order.truncate(top_n);
    order.sort_unstable_by(by_size);
    let top: Vec<Contribution> = order
        .iter()
        .map(|&i| Contribution {
            input: i,
            value: input[i],
            weight: column[i],
            product: terms[i],
        })
        .collect();
    let top_sum: f64 = top.iter().map(|c| f64::from(c.product)).sum();
    let pre_activation = (sum + f64::from(bias)) as f32;
    let result = match logits {
        Some(_) => pre_activation,
        None => activate(activation, pre_activation),
    };
    DenseUnit {
        unit,
        inputs: input.len(),
        top,
        others_sum: (sum - top_sum) as f32,
        sum: sum as f32,
        bias,
        pre_activation,
        activation,
        result,
        probability: logits.map(|l| softmax(l)[unit]),
    }
}

/// Every unit's `input · weights + bias` for burn's `[inputs, units]` row-major `weights`.
pub fn dense_logits(input: &[f32], weights: &[f32], biases: &[f32]) -> Vec<f32> {
    let units = biases.len();
    assert_eq!(
        weights.len(),
        input.len() * units,
        "an [inputs, units] matrix"
    );
    (0..units)
        .map(|u| {
            let sum: f64 = input
                .iter()
                .enumerate()
                .map(|(i, v)| f64::from(v * weights[i * units + u]))
                .sum();
            (sum + f64::from(biases[u])) as f32
        })
        .collect()
}

/// Column `unit` of burn's `[inputs, units]` row-major `weights`: that unit's weights.
pub fn dense_column(weights: &[f32], units: usize, unit: usize) -> Vec<f32> {
    weights.iter().skip(unit).step_by(units).copied().collect()
}
