//! One random distortion of a digit: its parameters, how they are drawn, and how they are
//! applied.

use rand::Rng;

use super::thickness::{Thickness, blur, change_thickness};
use super::warp::{Matrix, warp};
use super::wobble::Wobble;
use crate::data::PIXELS;
use crate::drawing::preprocess;

/// Rotation up to this many degrees either way: people tilt their digits.
pub const MAX_ROTATION_DEG: f32 = 15.0;
/// Horizontal shear up to this factor either way (x moves by `shear × y`): slanted writing.
pub const MAX_SHEAR: f32 = 0.3;
/// Width and height are each scaled by a factor in this range, independently: the size and the
/// aspect ratio change (the size is then normalised by the centring step, as on the page, so
/// what stays is the aspect and the stroke's thickness relative to the digit).
pub const STRETCH: (f32, f32) = (0.8, 1.2);
/// Shift up to this many pixels either way before the centring step; the centring step puts
/// the digit back, rounded to whole pixels as on the page, so what changes is where the strokes
/// fall within the pixels.
pub const MAX_SHIFT: f32 = 2.0;

/// The parameters of one distortion.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Distortion {
    /// Clockwise on screen, in degrees.
    pub rotation_deg: f32,
    pub shear: f32,
    /// Width and height factors.
    pub stretch: (f32, f32),
    /// In pixels of the 28 × 28 image.
    pub shift: (f32, f32),
    pub thickness: Thickness,
    pub blur: bool,
    /// A smooth bend of the strokes, after the stretch, shear and rotation.
    pub wobble: Wobble,
}

impl Distortion {
    /// No change but the resampling and the page's centring step.
    pub const NONE: Distortion = Distortion {
        rotation_deg: 0.0,
        shear: 0.0,
        stretch: (1.0, 1.0),
        shift: (0.0, 0.0),
        thickness: Thickness::Same,
        blur: false,
        wobble: Wobble::NONE,
    };

    /// A distortion drawn from `rng`: each geometric parameter uniformly within its bound; the
    /// pen thicker more often than thinner, up to 4 px thicker (a small digit drawn with the
    /// page's 22 px pen has strokes 5–6 px thick once scaled, MNIST's are 2–3 px); blur on one
    /// image in three; every distorted image bent a little ([`Wobble`]).
    pub fn sample(rng: &mut impl Rng) -> Distortion {
        let mut symmetric = |bound: f32| rng.random_range(-bound..=bound);
        let rotation_deg = symmetric(MAX_ROTATION_DEG);
        let shear = symmetric(MAX_SHEAR);
        let shift = (symmetric(MAX_SHIFT), symmetric(MAX_SHIFT));
        let stretch = (
            rng.random_range(STRETCH.0..=STRETCH.1),
            rng.random_range(STRETCH.0..=STRETCH.1),
        );
        let thickness = match rng.random_range(0..8u32) {
            0 => Thickness::Thinner,
            1 | 2 => Thickness::Same,
            3 | 4 => Thickness::Thicker(1),
            5 => Thickness::Thicker(2),
            6 => Thickness::Thicker(3),
            _ => Thickness::Thicker(4),
        };
        let blur = rng.random_range(0..3u32) == 0;
        let wobble = Wobble::sample(rng);
        Distortion {
            rotation_deg,
            shear,
            stretch,
            shift,
            thickness,
            blur,
            wobble,
        }
    }

    /// The image-to-canvas matrix: stretch, then shear, then rotation.
    fn matrix(&self) -> Matrix {
        let (sin, cos) = self.rotation_deg.to_radians().sin_cos();
        let (sx, sy) = self.stretch;
        // Shear ∘ stretch: x' = sx·x + shear·sy·y, y' = sy·y.
        let (a, b, d) = (sx, self.shear * sy, sy);
        // Rotation (y down, so positive angles turn clockwise on screen) ∘ the above.
        [[cos * a, cos * b - sin * d], [sin * a, sin * b + cos * d]]
    }

    /// The distorted `image` (784 values in 0..1), through the page's preprocessing. Should the
    /// distortion leave no ink (a thin faint digit made thinner), the image is returned as it is.
    pub fn apply(&self, image: &[f32]) -> Vec<f32> {
        debug_assert_eq!(image.len(), PIXELS);
        let crop = warp(image, self.matrix(), self.shift, &self.wobble);
        let (width, height, mut canvas) = (crop.width, crop.height, crop.pixels);
        change_thickness(&mut canvas, width, height, self.thickness);
        if self.blur {
            canvas = blur(&canvas, width, height);
        }
        match preprocess(&canvas, width, height) {
            Ok(digit) => digit.into_pixels(),
            Err(_) => image.to_vec(),
        }
    }
}
