//! "One value, explained" for BatchNormalization: when predicting, a value x of channel (or
//! unit) c becomes (x − moving mean) / √(moving variance + ε) × γ + β, with that channel's four
//! parameters. Plain `f32` values, no burn types; computed in `f64`, as the other cells are.

use serde::{Deserialize, Serialize};

/// How a BatchNormalization layer computes one value when predicting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchNormCell {
    /// The channel (after a convolution) or unit (after Dense) whose parameters apply.
    pub channel: usize,
    /// The value of the layer below at the same place.
    pub input: f32,
    pub moving_mean: f32,
    pub moving_variance: f32,
    /// Keras' epsilon, added to the variance so that a channel that never varied does not
    /// divide by zero.
    pub epsilon: f32,
    /// √(moving variance + ε): the spread the input is divided by.
    pub spread: f32,
    /// (input − moving mean) / spread: the value on the scale the channel had while training.
    pub normalised: f32,
    pub gamma: f32,
    pub beta: f32,
    /// normalised × γ + β.
    pub result: f32,
}

/// The arithmetic for `input` in `channel`, with that channel's γ, β, moving mean and moving
/// variance.
pub fn batch_norm_cell(
    input: f32,
    [gamma, beta, moving_mean, moving_variance]: [f32; 4],
    epsilon: f32,
    channel: usize,
) -> BatchNormCell {
    let spread = (f64::from(moving_variance) + f64::from(epsilon)).sqrt();
    let normalised = (f64::from(input) - f64::from(moving_mean)) / spread;
    let result = normalised * f64::from(gamma) + f64::from(beta);
    BatchNormCell {
        channel,
        input,
        moving_mean,
        moving_variance,
        epsilon,
        spread: spread as f32,
        normalised: normalised as f32,
        gamma,
        beta,
        result: result as f32,
    }
}
