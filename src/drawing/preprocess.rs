//! A drawing → an MNIST-like 28×28 digit, the way MNIST itself was made: the ink is cropped,
//! scaled so its longer side is 20 px (area-averaged, so edges come out grey), and placed in the
//! 28×28 frame with its centre of mass at pixel (14, 14).
//!
//! Plain Rust on plain slices: the page converts its canvas, the worker feeds the result to
//! `training::predict`, and everything here is tested natively.

use core::fmt;

use crate::data::{PIXELS, SIDE};

/// Canvas values at or below this are noise, not ink: they do not count for the bounding box.
/// (A tenth of full ink ignores faint smudges yet keeps a stroke's anti-aliased edge.)
pub const INK_THRESHOLD: f32 = 0.1;

/// The longer side of the digit once scaled, in pixels (MNIST's 20 × 20 box).
pub const DIGIT_BOX: usize = 20;

/// Where the centre of mass goes, in pixel indices (row and column). MNIST's test digits have
/// their mean centre of mass at (14.0, 14.0) in index coordinates, so that is the target.
pub const CENTRE: f32 = 14.0;

/// Why there is no image to predict on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NothingToPredict {
    /// The canvas holds no ink above [`INK_THRESHOLD`].
    Blank,
    /// The pixel buffer does not have `width × height` values (× 4 for RGBA).
    SizeMismatch {
        width: usize,
        height: usize,
        expected: usize,
        actual: usize,
    },
}

impl fmt::Display for NothingToPredict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NothingToPredict::Blank => f.write_str("the canvas is empty: draw a digit"),
            NothingToPredict::SizeMismatch {
                width,
                height,
                expected,
                actual,
            } => write!(
                f,
                "a {width}×{height} canvas needs {expected} values, got {actual}"
            ),
        }
    }
}

impl std::error::Error for NothingToPredict {}

/// A 28 × 28 digit, grey levels 0..1 (1 = ink), row-major like the training data.
#[derive(Clone, Debug, PartialEq)]
pub struct Digit28 {
    pixels: Vec<f32>,
}

impl Digit28 {
    /// The 784 values in the order `Split::scaled_pixels` gives them (row after row), ready
    /// for `training::predict`.
    pub fn pixels(&self) -> &[f32] {
        &self.pixels
    }

    /// The 784 values, owned.
    pub fn into_pixels(self) -> Vec<f32> {
        self.pixels
    }

    /// The value at `row`, `col` (both 0..28).
    pub fn at(&self, row: usize, col: usize) -> f32 {
        self.pixels[row * SIDE + col]
    }
}

/// Ink per pixel (0..1) from canvas RGBA bytes (row-major, 4 bytes a pixel), for dark ink on a
/// light or transparent background: each pixel is composited over white and its darkness taken,
/// `alpha × (1 − luminance)`. So a transparent or white pixel is 0, opaque black is 1, and a
/// half-transparent anti-aliased stroke edge is grey, whichever way the page paints.
pub fn ink_from_rgba(
    rgba: &[u8],
    width: usize,
    height: usize,
) -> Result<Vec<f32>, NothingToPredict> {
    let expected = checked_area(width, height, 4, rgba.len())?;
    Ok(rgba[..expected]
        .chunks_exact(4)
        .map(|p| {
            let [r, g, b, a] = [p[0], p[1], p[2], p[3]].map(|c| f32::from(c) / 255.0);
            let luminance = 0.299 * r + 0.587 * g + 0.114 * b;
            a * (1.0 - luminance)
        })
        .collect())
}

/// Turns a canvas of ink values (`width × height`, row-major, 0..1 where 1 = ink) into an
/// MNIST-like digit, or says why there is nothing to predict. Values outside 0..1 (and NaN) are
/// clamped.
pub fn preprocess(ink: &[f32], width: usize, height: usize) -> Result<Digit28, NothingToPredict> {
    checked_area(width, height, 1, ink.len())?;
    let value = |x: usize, y: usize| clean(ink[y * width + x]);
    let (x0, y0, x1, y1) = ink_box(width, height, value).ok_or(NothingToPredict::Blank)?;
    let (box_w, box_h) = (x1 - x0 + 1, y1 - y0 + 1);

    // One scale for both axes keeps the aspect ratio; the longer side maps onto exactly 20 px.
    let scale = DIGIT_BOX as f32 / box_w.max(box_h) as f32;
    let out_w = target_len(box_w, scale);
    let out_h = target_len(box_h, scale);
    let cols = box_weights(box_w, out_w, scale);
    let rows = box_weights(box_h, out_h, scale);

    // Separable box filter: rows first (box_h × out_w), then columns (out_h × out_w).
    let mut across = vec![0.0f32; box_h * out_w];
    for y in 0..box_h {
        for (tx, weights) in cols.iter().enumerate() {
            across[y * out_w + tx] = weights
                .iter()
                .map(|&(sx, w)| w * value(x0 + sx, y0 + y))
                .sum();
        }
    }
    let mut small = vec![0.0f32; out_h * out_w];
    for (ty, weights) in rows.iter().enumerate() {
        for tx in 0..out_w {
            small[ty * out_w + tx] = weights
                .iter()
                .map(|&(sy, w)| w * across[sy * out_w + tx])
                .sum();
        }
    }

    // MNIST digits reach full ink; a light pen would otherwise look unlike anything trained on.
    let max = small.iter().copied().fold(0.0f32, f32::max);
    if max <= 0.0 {
        return Err(NothingToPredict::Blank);
    }
    small.iter_mut().for_each(|v| *v = (*v / max).min(1.0));

    let (com_x, com_y) = centre_of_mass(&small, out_w);
    let left = place(com_x, out_w);
    let top = place(com_y, out_h);
    let mut pixels = vec![0.0f32; PIXELS];
    for y in 0..out_h {
        let row = (top + y) * SIDE + left;
        pixels[row..row + out_w].copy_from_slice(&small[y * out_w..(y + 1) * out_w]);
    }
    Ok(Digit28 { pixels })
}

/// `width × height × channels`, checked against the buffer length (and for overflow).
fn checked_area(
    width: usize,
    height: usize,
    channels: usize,
    actual: usize,
) -> Result<usize, NothingToPredict> {
    let expected = width
        .checked_mul(height)
        .and_then(|n| n.checked_mul(channels));
    match expected {
        Some(expected) if expected == actual => Ok(expected),
        _ => Err(NothingToPredict::SizeMismatch {
            width,
            height,
            expected: expected.unwrap_or(usize::MAX),
            actual,
        }),
    }
}

/// Clamps to 0..1; NaN counts as no ink.
fn clean(v: f32) -> f32 {
    if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) }
}

/// The inclusive box `(x0, y0, x1, y1)` around every pixel above [`INK_THRESHOLD`].
fn ink_box(
    width: usize,
    height: usize,
    value: impl Fn(usize, usize) -> f32,
) -> Option<(usize, usize, usize, usize)> {
    let mut found: Option<(usize, usize, usize, usize)> = None;
    for y in 0..height {
        for x in 0..width {
            if value(x, y) > INK_THRESHOLD {
                found = Some(match found {
                    None => (x, y, x, y),
                    Some((a, b, c, d)) => (a.min(x), b.min(y), c.max(x), d.max(y)),
                });
            }
        }
    }
    found
}

/// Output pixels needed to hold `len` source pixels at `scale`: at least 1, at most 20.
fn target_len(len: usize, scale: f32) -> usize {
    // The small tolerance keeps 19.999… from becoming a 21st, nearly empty pixel.
    ((len as f32 * scale - 1e-3).ceil() as usize).clamp(1, DIGIT_BOX)
}

/// For each output pixel, the source pixels it covers and their weights: the overlap of the
/// output pixel's span `[t/scale, (t+1)/scale)` with each source pixel, divided by the span's
/// length. Area averaging, so a partly covered edge pixel comes out grey.
fn box_weights(src_len: usize, out_len: usize, scale: f32) -> Vec<Vec<(usize, f32)>> {
    let span = 1.0 / scale;
    (0..out_len)
        .map(|t| {
            let (start, end) = (t as f32 * span, (t + 1) as f32 * span);
            let first = start.floor() as usize;
            let last = (end.ceil() as usize).min(src_len);
            (first..last)
                .filter_map(|s| {
                    let overlap = end.min(s as f32 + 1.0) - start.max(s as f32);
                    (overlap > 0.0).then_some((s, overlap / span))
                })
                .collect()
        })
        .collect()
}

/// Centre of mass `(x, y)` in pixel indices of a `width`-wide image with some ink.
fn centre_of_mass(image: &[f32], width: usize) -> (f32, f32) {
    let (mut sum, mut sx, mut sy) = (0.0f64, 0.0f64, 0.0f64);
    for (i, &v) in image.iter().enumerate() {
        let v = f64::from(v);
        sum += v;
        sx += (i % width) as f64 * v;
        sy += (i / width) as f64 * v;
    }
    ((sx / sum) as f32, (sy / sum) as f32)
}

/// The offset that moves `com` onto [`CENTRE`], rounded to whole pixels and clamped so the
/// `len` pixels stay inside the frame.
fn place(com: f32, len: usize) -> usize {
    let offset = (CENTRE - com).round().max(0.0) as usize;
    offset.min(SIDE - len)
}
