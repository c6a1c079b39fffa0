//! Data augmentation that imitates how people draw on a screen: each training image is tilted,
//! sheared, stretched and shifted, its strokes made thicker or thinner and slightly blurred, and
//! then it goes through the page's own preprocessing (crop, 20 px box, centre of mass), so the
//! network trains on digits that look like what the drawing panel sends it.
//!
//! Plain Rust on the batch's pixels before they become a tensor, so it runs natively and in the
//! worker alike. Seeded per batch from the run's seed, the epoch and the batch
//! ([`batch_rng`]): a run is reproducible, and a resumed run distorts its batches as the
//! uninterrupted one did.

mod distortion;
mod flagged_ones;
mod flat_topped_sixes;
mod thickness;
mod warp;
mod wobble;

pub use distortion::{Distortion, MAX_ROTATION_DEG, MAX_SHEAR, MAX_SHIFT, STRETCH};
pub use flagged_ones::{Added, BASE_CHANCE, FLAG_CHANCE, flag_one};
pub use flat_topped_sixes::{FLAT_TOP_CHANCE, flat_top_six};
pub use thickness::Thickness;
pub use wobble::{MAX_WOBBLE, Wobble};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::data::PIXELS;

/// The generator for batch `batch` of epoch `epoch` (both 0-based) of a run seeded `seed`: its
/// own ChaCha stream, independent of the shuffling's generator, so switching augmentation on
/// does not change the order the images come in.
pub fn batch_rng(seed: u64, epoch: usize, batch: usize) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Stream 0 is what the shuffling's generator (same seed) uses; these start at 1.
    let stream = 1 + ((epoch as u64) << 32 | batch as u64 & 0xffff_ffff);
    rng.set_stream(stream);
    rng
}

/// Of the images, this share is distorted; the rest keep MNIST's own look, so the network
/// still reads MNIST as well as before.
pub const DISTORTED_SHARE: f64 = 0.5;

/// Augments every image of a batch in place (`pixels`: 784 values in 0..1 per image, as
/// `Split::scaled_pixels` gives them; `labels`: one per image): a flag (and maybe a base) on
/// some 1s and a flat top on some 6s, which MNIST seldom has ([`flag_one`], [`flat_top_six`]),
/// then, for [`DISTORTED_SHARE`] of the images, one random [`Distortion`]. Labels are not
/// touched: every change keeps a digit what it is.
pub fn augment_batch(pixels: &mut [f32], labels: &[u8], rng: &mut impl rand::Rng) {
    assert_eq!(pixels.len(), labels.len() * PIXELS, "one label per image");
    for (image, &label) in pixels.chunks_exact_mut(PIXELS).zip(labels) {
        let added = flag_one(image, label, rng) != Added::Nothing || flat_top_six(image, label, rng);
        let distortion = if rng.random_bool(DISTORTED_SHARE) {
            Distortion::sample(rng)
        } else if added {
            // Only the page's centring step: the added strokes change the digit's box.
            Distortion::NONE
        } else {
            continue;
        };
        let distorted = distortion.apply(image);
        image.copy_from_slice(&distorted);
    }
}
