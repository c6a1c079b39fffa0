//! The shape of one example as it flows through the model; what each layer turns it into is
//! in [`validation`](super::validation).

use core::fmt;

use serde::{Deserialize, Serialize};

use super::spec::{INPUT_CHANNELS, INPUT_HEIGHT, INPUT_WIDTH};

/// The shape of one example as it flows through the model (the batch axis is left out).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Shape {
    /// Height × width × channels, Keras' channels-last order.
    Image {
        height: usize,
        width: usize,
        channels: usize,
    },
    /// A vector of `n` values.
    Flat(usize),
}

impl Shape {
    /// A 28×28 grey-scale MNIST digit.
    pub const INPUT: Shape = Shape::Image {
        height: INPUT_HEIGHT,
        width: INPUT_WIDTH,
        channels: INPUT_CHANNELS,
    };

    /// How many numbers one example holds in this shape (saturating; at most
    /// 28 × 28 × 1024 for the shapes of a validated spec).
    pub fn num_elements(&self) -> usize {
        match *self {
            Shape::Image {
                height,
                width,
                channels,
            } => height.saturating_mul(width).saturating_mul(channels),
            Shape::Flat(n) => n,
        }
    }
}

/// Keras-style: `(28, 28, 32)` for images, `(1568)` for vectors.
impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::Image {
                height,
                width,
                channels,
            } => {
                write!(f, "({height}, {width}, {channels})")
            }
            Shape::Flat(n) => write!(f, "({n})"),
        }
    }
}
