//! Unfolding k × k patches (im2col) of NCHW images with stride 1 and the same zero padding on
//! every side, and its backward pass (col2im), on plain `f32` slices.
//!
//! The unfolded layout is burn's `unfold4d`: `[batch, channels · k · k, out_h · out_w]`, row
//! `(c, ky, kx)` holding the pixel at `(oy + ky − p, ox + kx − p)` of channel `c` for every output
//! position, so a `[filters, channels · k · k]` kernel matrix times it is the convolution.
//! Each row is a shifted copy of one input plane; its backward adds each row back, shifted, onto
//! the plane: copies of contiguous row pieces, no per-element index arithmetic.
//!
//! Natively the work is shared among rayon's threads (burn's CPU backend's pool), by rows forward
//! and by input planes backward; the same in the browser's threaded worker, one thread in the other.

#[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
use rayon::prelude::*;

/// The geometry of one unfolding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Patches {
    pub height: usize,
    pub width: usize,
    pub kernel: usize,
    pub padding: usize,
}

impl Patches {
    /// Output height and width (stride 1): `h + 2p − k + 1`, `w + 2p − k + 1`.
    pub fn output_size(&self) -> (usize, usize) {
        let size = |side: usize| (side + 2 * self.padding + 1).saturating_sub(self.kernel);
        (size(self.height), size(self.width))
    }

    /// Along one axis, for kernel offset `offset`: the outputs `first..last` whose input lies
    /// inside the image, and the input index of `first`.
    fn inside(&self, offset: usize, out_len: usize, in_len: usize) -> (usize, usize, usize) {
        // Output o reads input o + offset − padding; keep the outputs where that is in 0..in_len.
        let first = self.padding.saturating_sub(offset);
        let last = (in_len + self.padding).saturating_sub(offset).min(out_len);
        let start_input = first + offset - self.padding;
        (first, last.max(first), start_input)
    }
}

/// `images` (`planes` planes of `height × width`, `planes = batch · channels`) → the unfolded
/// rows, `planes · k · k` rows of `out_h · out_w`.
pub fn unfold(images: &[f32], patches: Patches) -> Vec<f32> {
    let Patches { height, width, kernel, .. } = patches;
    let (out_height, out_width) = patches.output_size();
    let row_len = out_height * out_width;
    let planes = if height * width == 0 { 0 } else { images.len() / (height * width) };
    let mut rows = vec![0.0f32; planes * kernel * kernel * row_len];
    if row_len == 0 {
        return rows;
    }
    let fill = |(index, row): (usize, &mut [f32])| {
        let (plane, shift) = (index / (kernel * kernel), index % (kernel * kernel));
        let image = &images[plane * height * width..][..height * width];
        unfold_row(image, row, patches, shift / kernel, shift % kernel);
    };
    #[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
    rows.par_chunks_exact_mut(row_len).enumerate().for_each(fill);
    #[cfg(all(target_arch = "wasm32", not(feature = "threads")))]
    rows.chunks_exact_mut(row_len).enumerate().for_each(fill);
    rows
}

/// The unfolded rows' gradient `rows` → the images' gradient (`planes` planes of h × w): each
/// row added back onto its plane at its shift.
pub fn fold(rows: &[f32], planes: usize, patches: Patches) -> Vec<f32> {
    let Patches { height, width, kernel, .. } = patches;
    let (out_height, out_width) = patches.output_size();
    let plane_rows = kernel * kernel * out_height * out_width;
    assert_eq!(rows.len(), planes * plane_rows, "k · k rows of out_h · out_w per plane");
    let mut images = vec![0.0f32; planes * height * width];
    if plane_rows == 0 || height * width == 0 {
        return images;
    }
    let add = |(image, rows): (&mut [f32], &[f32])| {
        for (shift, row) in rows.chunks_exact(out_height * out_width).enumerate() {
            fold_row(row, image, patches, shift / kernel, shift % kernel);
        }
    };
    #[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
    images.par_chunks_exact_mut(height * width).zip(rows.par_chunks_exact(plane_rows)).for_each(add);
    #[cfg(all(target_arch = "wasm32", not(feature = "threads")))]
    images.chunks_exact_mut(height * width).zip(rows.chunks_exact(plane_rows)).for_each(add);
    images
}

/// Row `(ky, kx)` of one plane: `row[oy, ox] = image[oy + ky − p, ox + kx − p]`, 0 outside.
/// `row` starts zeroed, so only the inside is written.
fn unfold_row(image: &[f32], row: &mut [f32], patches: Patches, ky: usize, kx: usize) {
    let (out_height, out_width) = patches.output_size();
    let (first_y, last_y, start_y) = patches.inside(ky, out_height, patches.height);
    let (first_x, last_x, start_x) = patches.inside(kx, out_width, patches.width);
    let len = last_x - first_x;
    if len == 0 {
        return;
    }
    for (oy, iy) in (first_y..last_y).zip(start_y..) {
        let source = &image[iy * patches.width + start_x..][..len];
        row[oy * out_width + first_x..][..len].copy_from_slice(source);
    }
}

/// The backward of [`unfold_row`]: `image[oy + ky − p, ox + kx − p] += row[oy, ox]` inside.
fn fold_row(row: &[f32], image: &mut [f32], patches: Patches, ky: usize, kx: usize) {
    let (out_height, out_width) = patches.output_size();
    let (first_y, last_y, start_y) = patches.inside(ky, out_height, patches.height);
    let (first_x, last_x, start_x) = patches.inside(kx, out_width, patches.width);
    let len = last_x - first_x;
    if len == 0 {
        return;
    }
    for (oy, iy) in (first_y..last_y).zip(start_y..) {
        let target = &mut image[iy * patches.width + start_x..][..len];
        for (value, add) in target.iter_mut().zip(&row[oy * out_width + first_x..][..len]) {
            *value += add;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, one element at a time.
    fn unfold_slowly(images: &[f32], patches: Patches) -> Vec<f32> {
        let Patches { height, width, kernel, padding } = patches;
        let (out_height, out_width) = patches.output_size();
        let planes = images.len() / (height * width);
        let mut rows = Vec::new();
        for plane in 0..planes {
            for ky in 0..kernel {
                for kx in 0..kernel {
                    for oy in 0..out_height {
                        for ox in 0..out_width {
                            let (y, x) = ((oy + ky) as isize - padding as isize, (ox + kx) as isize - padding as isize);
                            let inside = (0..height as isize).contains(&y) && (0..width as isize).contains(&x);
                            rows.push(if inside { images[plane * height * width + y as usize * width + x as usize] } else { 0.0 });
                        }
                    }
                }
            }
        }
        rows
    }

    #[test]
    fn unfold_matches_the_definition_and_fold_is_its_transpose() {
        for (height, width, kernel, padding) in [(5, 4, 3, 1), (6, 6, 3, 0), (3, 5, 5, 2), (4, 4, 1, 0), (2, 3, 3, 1), (7, 5, 2, 0)] {
            let patches = Patches { height, width, kernel, padding };
            let images: Vec<f32> = (0..2 * height * width).map(|i| (i as f32 * 0.37).sin()).collect();
            let rows = unfold(&images, patches);
            assert_eq!(rows, unfold_slowly(&images, patches), "{patches:?}");
            // <unfold(x), r> = <x, fold(r)> for any r: fold is unfold's transpose.
            let probe: Vec<f32> = (0..rows.len()).map(|i| (i as f32 * 0.11).cos()).collect();
            let folded = fold(&probe, 2, patches);
            let lhs: f64 = rows.iter().zip(&probe).map(|(a, b)| f64::from(a * b)).sum();
            let rhs: f64 = images.iter().zip(&folded).map(|(a, b)| f64::from(a * b)).sum();
            assert!((lhs - rhs).abs() < 1e-3, "{patches:?}: {lhs} vs {rhs}");
        }
    }
}
