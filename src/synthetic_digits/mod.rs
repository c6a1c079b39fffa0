//! A generated evaluation set of digits that come neither from MNIST nor from the learner (their
//! own digits are `my_digits`): each is a lettering style's pen path ([`styles`]), written by a
//! randomly drawn hand (wobble, slant, tilt, width: [`pen_paths`]), painted at a random size and
//! place on the page's 280 × 280 canvas with a round pen of random width, and then turned into a
//! 28 × 28 digit by the page's own preprocessing. Deterministic for a seed, balanced per class:
//! the figures in the README can be reproduced exactly.

#[cfg(feature = "compute")]
mod answers;
mod pen;
pub mod pen_paths;
mod report;
pub mod styles;

#[cfg(feature = "compute")]
pub use answers::answers;
pub use pen::paint;
pub use report::Score;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::drawing::{CanvasPoint, preprocess};
use pen_paths::{Hand, polylines};
use styles::{BoxPoint, Style, styles_of};

/// The page's canvas side in pixels.
pub const CANVAS: usize = 280;
/// The pen's width in canvas pixels, from a fine stylus to a thick finger (the page's pen
/// is 22).
pub const PEN_WIDTHS: (f32, f32) = (14.0, 30.0);
/// The digit's height on the canvas in pixels, from a small digit in a corner to one that
/// fills the canvas.
pub const HEIGHTS: (f32, f32) = (90.0, 230.0);
/// The seed of the set reported in the README.
pub const SEED: u64 = 2026;
/// Digits per class in the set reported in the README.
pub const PER_CLASS: usize = 100;

/// One generated digit, as the page would send it to the model had it been drawn there.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntheticDigit {
    pub label: u8,
    /// The lettering style's name, e.g. "with a flag and a base".
    pub style: &'static str,
    /// 784 values in 0..1, row-major (the page's preprocessing of the canvas).
    pub pixels: Vec<f32>,
}

/// `per_class` digits of each class 0..=9, class after class, styles taken in turn.
pub fn generate(per_class: usize, seed: u64) -> Vec<SyntheticDigit> {
    let mut set = Vec::with_capacity(per_class * 10);
    for digit in 0..10u8 {
        let styles: Vec<&Style> = styles_of(digit).collect();
        for k in 0..per_class {
            let style = styles[k % styles.len()];
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            // Each digit its own stream: changing the count per class keeps the first ones.
            rng.set_stream(u64::from(digit) << 32 | k as u64);
            let ink = canvas(style, &mut rng);
            let pixels = preprocess(&ink, CANVAS, CANVAS)
                .expect("a painted style always leaves ink on the canvas")
                .into_pixels();
            set.push(SyntheticDigit {
                label: digit,
                style: style.name,
                pixels,
            });
        }
    }
    set
}

/// `style` written by a hand drawn from `rng`, painted on the canvas (ink values 0..1).
pub fn canvas(style: &Style, rng: &mut impl Rng) -> Vec<f32> {
    let hand = Hand::sample(rng);
    let lines = polylines(style, &hand, rng);
    let height = rng.random_range(HEIGHTS.0..=HEIGHTS.1);
    let pen = rng.random_range(PEN_WIDTHS.0..=PEN_WIDTHS.1);
    let placed = place(&lines, height, pen, rng);
    pen::paint(&placed, pen, CANVAS)
}

/// The lines scaled to `height` pixels a box unit and moved to a random place where the
/// whole digit, pen included, stays on the canvas (centred if it cannot move).
fn place(lines: &[Vec<BoxPoint>], height: f32, pen: f32, rng: &mut impl Rng) -> Vec<Vec<CanvasPoint>> {
    let points = lines.iter().flatten();
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for &(x, y) in points {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let margin = pen / 2.0 + 2.0;
    let mut offset = |lo: f32, hi: f32| {
        let (first, last) = (margin - lo * height, CANVAS as f32 - margin - hi * height);
        if first < last {
            rng.random_range(first..=last)
        } else {
            (first + last) / 2.0
        }
    };
    let (dx, dy) = (offset(x0, x1), offset(y0, y1));
    lines
        .iter()
        .map(|line| {
            line.iter()
                .map(|&(x, y)| CanvasPoint::new(dx + x * height, dy + y * height))
                .collect()
        })
        .collect()
}
