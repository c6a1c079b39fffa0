//! An affine map of a 28 × 28 digit onto a larger, finer canvas, by bilinear sampling: room for
//! a rotated or stretched digit, and pixels small enough for a half-pixel change of thickness.
//! Only the part of the canvas the digit can reach is computed (plus a margin for the stroke
//! filters): the rest would stay blank, and the page's preprocessing crops to the ink anyway.

use super::wobble::{MAX_WOBBLE, Wobble};
use crate::data::SIDE;

/// The canvas is this many times finer than the 28 × 28 image ...
pub(super) const FINER: usize = 2;
/// ... and covers this many of its pixels across, so a 20 px digit stretched by 1.3 and turned
/// by 45° still fits.
const COVERED: usize = 40;
/// The full canvas' side in its own pixels.
const CANVAS: usize = COVERED * FINER;
/// Blank pixels kept around the digit, so thickening (up to 4 px) and blurring (1 px) never
/// reach the crop's edge.
const MARGIN: usize = 6;

/// A 2 × 2 matrix `[[a, b], [c, d]]` mapping image offsets to canvas offsets (in image pixels).
pub(super) type Matrix = [[f32; 2]; 2];

/// The part of the canvas that holds the digit: `width × height` pixels, row-major.
pub(super) struct Crop {
    pub pixels: Vec<f32>,
    pub width: usize,
    pub height: usize,
}

/// Draws `image` (28 × 28), bent by `wobble`, on the canvas mapped by `forward` about the
/// image's centre, moved by `shift` image pixels. Pixels mapped from outside the image are blank.
pub(super) fn warp(image: &[f32], forward: Matrix, shift: (f32, f32), wobble: &Wobble) -> Crop {
    let [[a, b], [c, d]] = forward;
    let det = a * d - b * c;
    // The inverse maps each canvas pixel back to the point of the image it shows.
    let inverse = [[d / det, -b / det], [-c / det, a / det]];
    let half_image = SIDE as f32 / 2.0;
    let half_canvas = COVERED as f32 / 2.0;
    let (columns, rows) = reach(forward, shift);
    let (width, height) = (columns.len(), rows.len());
    let mut pixels = vec![0.0f32; width * height];
    for (y, v) in rows.enumerate() {
        let dy = (v as f32 + 0.5) / FINER as f32 - half_canvas - shift.1;
        for (x, u) in columns.clone().enumerate() {
            let dx = (u as f32 + 0.5) / FINER as f32 - half_canvas - shift.0;
            let sx = inverse[0][0] * dx + inverse[0][1] * dy + half_image;
            let sy = inverse[1][0] * dx + inverse[1][1] * dy + half_image;
            let (wx, wy) = wobble.at(sx, sy);
            pixels[y * width + x] = bilinear(image, sx + wx, sy + wy);
        }
    }
    Crop {
        pixels,
        width,
        height,
    }
}

/// The canvas columns and rows the image can reach (bilinear sampling reaches half a pixel
/// beyond it and the wobble up to [`MAX_WOBBLE`], so its square is taken that much larger), with
/// [`MARGIN`], within the canvas.
fn reach(forward: Matrix, shift: (f32, f32)) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    let half_image = SIDE as f32 / 2.0 + 1.0 + MAX_WOBBLE;
    let half_canvas = COVERED as f32 / 2.0;
    let (mut lo, mut hi) = ([f32::MAX; 2], [f32::MIN; 2]);
    for (x, y) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
        let (x, y) = (x * half_image, y * half_image);
        for axis in 0..2 {
            let offset = [shift.0, shift.1][axis];
            let at =
                (forward[axis][0] * x + forward[axis][1] * y + offset + half_canvas) * FINER as f32;
            lo[axis] = lo[axis].min(at);
            hi[axis] = hi[axis].max(at);
        }
    }
    let range = |axis: usize| {
        let first = (lo[axis].floor() as isize - MARGIN as isize).max(0) as usize;
        let last = (hi[axis].ceil() as usize + MARGIN).min(CANVAS);
        first..last.max(first)
    };
    (range(0), range(1))
}

/// The image's value at the continuous point `(x, y)` (pixel `i` spans `i..i + 1`).
fn bilinear(image: &[f32], x: f32, y: f32) -> f32 {
    let (fx, fy) = (x - 0.5, y - 0.5);
    let (x0, y0) = (fx.floor(), fy.floor());
    let (tx, ty) = (fx - x0, fy - y0);
    let at = |xi: f32, yi: f32| -> f32 {
        if xi < 0.0 || yi < 0.0 || xi >= SIDE as f32 || yi >= SIDE as f32 {
            0.0
        } else {
            image[yi as usize * SIDE + xi as usize]
        }
    };
    let top = at(x0, y0) * (1.0 - tx) + at(x0 + 1.0, y0) * tx;
    let bottom = at(x0, y0 + 1.0) * (1.0 - tx) + at(x0 + 1.0, y0 + 1.0) * tx;
    top * (1.0 - ty) + bottom * ty
}
