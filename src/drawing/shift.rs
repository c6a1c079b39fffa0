//! Moving a digit the model sees by a few pixels, for the guided step on pooling: the same
//! digit, drawn the same way, only further to the right. The shift is made on the 28 × 28 input
//! itself, after preprocessing, because preprocessing centres every drawing by its centre of
//! mass and would undo a shift made on the canvas.

/// `pixels` (a `side × side` image, row-major) moved `right` columns to the right and `down`
/// rows down (negative: left, up). Pixels moved out of the image are lost; the ones uncovered
/// are 0 (paper).
pub fn shifted(pixels: &[f32], side: usize, right: isize, down: isize) -> Vec<f32> {
    assert_eq!(pixels.len(), side * side, "a square image");
    let mut out = vec![0.0; side * side];
    for row in 0..side {
        for col in 0..side {
            let (from_row, from_col) = (row as isize - down, col as isize - right);
            if (0..side as isize).contains(&from_row) && (0..side as isize).contains(&from_col) {
                out[row * side + col] = pixels[from_row as usize * side + from_col as usize];
            }
        }
    }
    out
}
