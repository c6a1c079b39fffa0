//! 6s whose stem starts with a short, flat stroke to the right, made from MNIST's 6s. MNIST's
//! writers began a 6 with a curve; many people start it with a flick or a flat top, and a network
//! that has only seen the curve reads such a top as a 5's bar.

use rand::Rng;

use super::flagged_ones::paint_line;
use crate::data::SIDE;

/// How often a 6 gets a flat top.
pub const FLAT_TOP_CHANCE: f64 = 0.3;

/// Adds a flat stroke at the top of `image` (28 × 28, 0..1) when `label` is 6: from the top end
/// of the stem to the right, 0.2–0.45 of the digit's height long, from 10° above to 15° below the
/// horizontal, with the digit's own stroke width. Returns whether it added one.
pub fn flat_top_six(image: &mut [f32], label: u8, rng: &mut impl Rng) -> bool {
    if label != 6 || !rng.random_bool(FLAT_TOP_CHANCE) {
        return false;
    }
    let Some(top) = Top::find(image) else {
        return false;
    };
    let angle = rng.random_range(-10.0f32..=15.0).to_radians();
    let length = top.height * rng.random_range(0.2..=0.45);
    let end = (top.at.0 + length * angle.cos(), top.at.1 + length * angle.sin());
    paint_line(image, top.at, end, top.width);
    true
}

/// Where a 6's stroke starts: the rightmost ink of its top row, with the digit's height and the
/// pen's width, in pixels.
struct Top {
    at: (f32, f32),
    height: f32,
    width: f32,
}

impl Top {
    fn find(image: &[f32]) -> Option<Top> {
        let inked = |row: usize| (0..SIDE).filter(move |&x| image[row * SIDE + x] > 0.3);
        let first = (0..SIDE).find(|&row| inked(row).next().is_some())?;
        let last = (0..SIDE).rev().find(|&row| inked(row).next().is_some())?;
        let height = (last - first + 1) as f32;
        if height < 10.0 {
            return None;
        }
        let right = inked(first).max()?;
        // A 6's stroke is about 2.5 times its height long: ink over length is the pen's width.
        let ink: f32 = image.iter().sum();
        let width = (ink / (2.5 * height)).clamp(1.5, 4.0);
        Some(Top {
            at: (right as f32 + 0.5, first as f32 + 0.5 + width / 2.0 - 0.5),
            height,
            width,
        })
    }
}
