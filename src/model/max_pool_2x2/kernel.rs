//! The 2 × 2, stride 2 max-pool on plain `f32` slices of NCHW planes, forward and backward.
//!
//! Each output reads one 2 × 2 block from two neighbouring input rows, and the forward pass keeps
//! which of the four won as a code 0..=3 (top-left, top-right, bottom-left, bottom-right), one
//! byte per output. The backward pass writes each block's gradient from its code, block by block:
//! no index arithmetic, no scatter. An odd last row or column is outside every block (burn's
//! valid padding, floor rounding) and gets no gradient.
//!
//! Ties and NaN follow burn's CPU kernel: the first of equal values in row-major order wins, and a
//! NaN wins over everything before it.
//!
//! Natively, and in the browser's threaded worker, the planes are shared among rayon's threads
//! (the pool burn's CPU backend uses); the browser's other worker has one thread.

#[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
use rayon::prelude::*;

/// Output height and width of a `height × width` plane.
pub fn output_size(height: usize, width: usize) -> (usize, usize) {
    (height / 2, width / 2)
}

/// Max-pools the `height × width` planes that make up `input`: returns the pooled values and
/// each one's winner code, both `planes · ⌊h/2⌋ · ⌊w/2⌋` long.
pub fn forward(input: &[f32], height: usize, width: usize) -> (Vec<f32>, Vec<u8>) {
    let (out_height, out_width) = output_size(height, width);
    let (in_plane, out_plane) = (height * width, out_height * out_width);
    let planes = if in_plane == 0 { 0 } else { input.len() / in_plane };
    let mut output = vec![0.0f32; planes * out_plane];
    let mut codes = vec![0u8; planes * out_plane];
    if out_plane == 0 {
        return (output, codes);
    }
    let pool = |((input, output), codes): ((&[f32], &mut [f32]), &mut [u8])| {
        pool_plane(input, width, output, codes, out_width)
    };
    #[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
    input
        .par_chunks_exact(in_plane)
        .zip(output.par_chunks_exact_mut(out_plane))
        .zip(codes.par_chunks_exact_mut(out_plane))
        .for_each(pool);
    #[cfg(all(target_arch = "wasm32", not(feature = "threads")))]
    input
        .chunks_exact(in_plane)
        .zip(output.chunks_exact_mut(out_plane))
        .zip(codes.chunks_exact_mut(out_plane))
        .for_each(pool);
    (output, codes)
}

/// The input gradient of `planes` planes of `height × width` from the output gradient `grad` and
/// the forward pass's `codes`: each output's gradient goes to its block's winner, every other
/// input position gets 0.
pub fn backward(grad: &[f32], codes: &[u8], planes: usize, height: usize, width: usize) -> Vec<f32> {
    let (out_height, out_width) = output_size(height, width);
    let (in_plane, out_plane) = (height * width, out_height * out_width);
    assert!(grad.len() == planes * out_plane && codes.len() == grad.len(), "one code per output gradient");
    // Zeroed memory: positions outside every block (odd edges) stay 0, the blocks are written.
    let mut input_grad = vec![0.0f32; planes * in_plane];
    if out_plane == 0 {
        return input_grad;
    }
    let unpool = |((grad, codes), input_grad): ((&[f32], &[u8]), &mut [f32])| {
        unpool_plane(grad, codes, out_width, input_grad, width)
    };
    #[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
    grad.par_chunks_exact(out_plane)
        .zip(codes.par_chunks_exact(out_plane))
        .zip(input_grad.par_chunks_exact_mut(in_plane))
        .for_each(unpool);
    #[cfg(all(target_arch = "wasm32", not(feature = "threads")))]
    grad.chunks_exact(out_plane)
        .zip(codes.chunks_exact(out_plane))
        .zip(input_grad.chunks_exact_mut(in_plane))
        .for_each(unpool);
    input_grad
}

/// One plane: each output row reads two input rows.
fn pool_plane(input: &[f32], width: usize, output: &mut [f32], codes: &mut [u8], out_width: usize) {
    let rows = output.chunks_exact_mut(out_width).zip(codes.chunks_exact_mut(out_width));
    for ((out_row, code_row), row_pair) in rows.zip(input.chunks_exact(2 * width)) {
        let (top, bottom) = row_pair.split_at(width);
        let blocks = top[..2 * out_width].chunks_exact(2).zip(bottom[..2 * out_width].chunks_exact(2));
        for ((out, code), (top, bottom)) in out_row.iter_mut().zip(code_row.iter_mut()).zip(blocks) {
            (*out, *code) = winner([top[0], top[1], bottom[0], bottom[1]]);
        }
    }
}

/// The largest of a block in row-major order and its position, by burn's rule: a later value
/// wins only if strictly larger, or if it is NaN.
#[inline(always)]
fn winner(block: [f32; 4]) -> (f32, u8) {
    let mut best = (block[0], 0u8);
    for (code, value) in (1u8..).zip(&block[1..]) {
        if *value > best.0 || value.is_nan() {
            best = (*value, code);
        }
    }
    best
}

/// One plane's gradient: each output's gradient to its block's winner, 0 to the block's others.
fn unpool_plane(grad: &[f32], codes: &[u8], out_width: usize, input_grad: &mut [f32], width: usize) {
    let rows = grad.chunks_exact(out_width).zip(codes.chunks_exact(out_width));
    for ((grad_row, code_row), row_pair) in rows.zip(input_grad.chunks_exact_mut(2 * width)) {
        let (top, bottom) = row_pair.split_at_mut(width);
        let blocks = top[..2 * out_width].chunks_exact_mut(2).zip(bottom[..2 * out_width].chunks_exact_mut(2));
        for ((&g, &code), (top, bottom)) in grad_row.iter().zip(code_row).zip(blocks) {
            let at = |position: u8| if code == position { g } else { 0.0 };
            (top[0], top[1], bottom[0], bottom[1]) = (at(0), at(1), at(2), at(3));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_each_blocks_largest_and_remembers_where() {
        // One 3 × 4 plane: the odd last row is dropped.
        #[rustfmt::skip]
        let input = [
            1.0, 5.0,   -3.0, -2.0,
            4.0, 2.0,   -1.0, -7.0,
            9.0, 9.0,    9.0,  9.0,
        ];
        let (output, codes) = forward(&input, 3, 4);
        assert_eq!(output, [5.0, -1.0]);
        assert_eq!(codes, [1, 2]);
        let grad = backward(&[10.0, 20.0], &codes, 1, 3, 4);
        #[rustfmt::skip]
        assert_eq!(grad, [
            0.0, 10.0,  0.0, 0.0,
            0.0,  0.0, 20.0, 0.0,
            0.0,  0.0,  0.0, 0.0,
        ]);
    }

    #[test]
    fn ties_go_to_the_first_and_nan_wins() {
        assert_eq!(winner([2.0, 2.0, 2.0, 2.0]), (2.0, 0));
        assert_eq!(winner([-1.0, 3.0, 3.0, 0.0]), (3.0, 1));
        let (value, code) = winner([1.0, f32::NAN, 5.0, 2.0]);
        assert!(value.is_nan() && code == 1);
    }

    #[test]
    fn planes_smaller_than_a_block_give_empty_outputs() {
        let (output, codes) = forward(&[1.0, 2.0, 3.0], 1, 3);
        assert!(output.is_empty() && codes.is_empty());
        assert_eq!(backward(&[], &[], 1, 1, 3), [0.0; 3]);
    }
}
