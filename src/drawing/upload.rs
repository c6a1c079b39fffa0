//! An uploaded picture of a digit, made into a drawing: scaled to fit the canvas, and turned into
//! dark ink on white when it is light on dark (as MNIST's own images are).

/// Where a `width` × `height` image goes on a square canvas of `side` pixels: as large as fits
/// with its proportions kept, centred. Returns (x, y, width, height) in whole canvas pixels,
/// each side at least 1.
pub fn fit(width: u32, height: u32, side: u32) -> (u32, u32, u32, u32) {
    let (width, height) = (width.max(1) as f64, height.max(1) as f64);
    let scale = side as f64 / width.max(height);
    let w = ((width * scale).round() as u32).clamp(1, side);
    let h = ((height * scale).round() as u32).clamp(1, side);
    ((side - w) / 2, (side - h) / 2, w, h)
}

/// The mean brightness (0 black … 255 white) of RGBA pixels, by the usual luma weights; alpha is
/// ignored (draw the image over white first). An empty image counts as white.
pub fn mean_brightness(rgba: &[u8]) -> f64 {
    let pixels = rgba.len() / 4;
    if pixels == 0 {
        return 255.0;
    }
    let sum: f64 = rgba
        .chunks_exact(4)
        .map(|p| 0.299 * p[0] as f64 + 0.587 * p[1] as f64 + 0.114 * p[2] as f64)
        .sum();
    sum / pixels as f64
}

/// Makes the picture dark ink on a light ground: a picture that is mostly dark is taken to be a
/// light digit on a dark ground and inverted. Returns whether it was inverted.
pub fn ink_on_white(rgba: &mut [u8]) -> bool {
    let dark = mean_brightness(rgba) < 128.0;
    if dark {
        for pixel in rgba.chunks_exact_mut(4) {
            for channel in &mut pixel[..3] {
                *channel = 255 - *channel;
            }
        }
    }
    dark
}

/// The smallest difference between the darkest and the lightest pixel (luma, 0–255) for a
/// picture to show a digit at all: below it the picture is one shade (blank paper, a black
/// screen), and what the preprocessing would find in it is noise, not a stroke.
pub const MIN_CONTRAST: f64 = 48.0;

/// Whether the picture has a mark that stands out from its ground ([`MIN_CONTRAST`]).
pub fn shows_a_mark(rgba: &[u8]) -> bool {
    let luma = |p: &[u8]| 0.299 * p[0] as f64 + 0.587 * p[1] as f64 + 0.114 * p[2] as f64;
    let (low, high) = rgba
        .chunks_exact(4)
        .map(luma)
        .fold((f64::MAX, f64::MIN), |(low, high), l| (low.min(l), high.max(l)));
    high - low >= MIN_CONTRAST
}
