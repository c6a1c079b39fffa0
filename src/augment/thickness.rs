//! Pen thickness and blur on a grey image: a thicker or thinner pen, a softer edge.

/// How much the strokes change, in pixels of the canvas they are applied to (twice as fine as
/// the 28 × 28 image: one canvas pixel on each side is one image pixel of thickness).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thickness {
    /// One pixel thinner on each side (grey-level erosion, 3 × 3).
    Thinner,
    Same,
    /// `n` pixels thicker on each side (grey-level dilation, 3 × 3, `n` times).
    Thicker(u8),
}

/// Applies `thickness` to the `width × height` image.
pub(super) fn change_thickness(
    image: &mut Vec<f32>,
    width: usize,
    height: usize,
    thickness: Thickness,
) {
    match thickness {
        Thickness::Same => {}
        Thickness::Thinner => *image = filter3(image, width, height, f32::min),
        Thickness::Thicker(n) => {
            for _ in 0..n {
                *image = filter3(image, width, height, f32::max);
            }
        }
    }
}

/// The 3 × 3 neighbourhood's `pick` (max: dilation, min: erosion), separably: across, then
/// down. Outside the image counts as blank.
fn filter3(image: &[f32], width: usize, height: usize, pick: fn(f32, f32) -> f32) -> Vec<f32> {
    let across = pass(image, width, height, 1, |before, centre, after| {
        pick(pick(before, centre), after)
    });
    pass(&across, width, height, width, |before, centre, after| {
        pick(pick(before, centre), after)
    })
}

/// A slight blur: the [1, 2, 1] / 4 kernel across and down (outside counts as blank).
pub(super) fn blur(image: &[f32], width: usize, height: usize) -> Vec<f32> {
    let kernel = |before: f32, centre: f32, after: f32| 0.25 * before + 0.5 * centre + 0.25 * after;
    let across = pass(image, width, height, 1, kernel);
    pass(&across, width, height, width, kernel)
}

/// `combine(before, centre, after)` for every pixel, its neighbours `stride` apart in the
/// flat image (1: left and right, `width`: above and below), blank beyond the edges.
fn pass(
    image: &[f32],
    width: usize,
    height: usize,
    stride: usize,
    combine: impl Fn(f32, f32, f32) -> f32,
) -> Vec<f32> {
    let mut out = vec![0.0; width * height];
    for y in 0..height {
        for x in 0..width {
            let i = y * width + x;
            let (has_before, has_after) = if stride == 1 {
                (x > 0, x + 1 < width)
            } else {
                (y > 0, y + 1 < height)
            };
            let before = if has_before { image[i - stride] } else { 0.0 };
            let after = if has_after { image[i + stride] } else { 0.0 };
            out[i] = combine(before, image[i], after);
        }
    }
    out
}
