//! The pooling step's "try it": the digit the model sees, moved a few pixels, is the same digit
//! further along, with paper where it came from.

use convlab::drawing::shifted;

const SIDE: usize = 28;

/// A digit-like image whose every pixel differs, so any misplaced pixel shows.
fn digit() -> Vec<f32> {
    (0..SIDE * SIDE).map(|i| (i as f32 + 1.0) / (SIDE * SIDE) as f32).collect()
}

#[test]
fn a_shift_moves_every_pixel_and_uncovers_paper() {
    let image = digit();
    let right = shifted(&image, SIDE, 2, 0);
    for row in 0..SIDE {
        for col in 0..SIDE {
            let expected = if col < 2 { 0.0 } else { image[row * SIDE + col - 2] };
            assert_eq!(right[row * SIDE + col], expected, "row {row}, column {col}");
        }
    }
    let up_left = shifted(&image, SIDE, -3, -1);
    assert_eq!(up_left[0], image[SIDE + 3]);
    assert_eq!(up_left[SIDE * SIDE - 1], 0.0, "uncovered at the bottom right");
    assert_eq!(shifted(&image, SIDE, 0, 0), image);
    assert!(shifted(&image, SIDE, SIDE as isize, 0).iter().all(|&v| v == 0.0), "moved out entirely");
}

#[test]
fn shifting_back_restores_what_stayed_in_the_image() {
    let mut image = vec![0.0; SIDE * SIDE];
    for row in 4..24 {
        image[row * SIDE + 14] = 1.0;
    }
    assert_eq!(shifted(&shifted(&image, SIDE, 2, 0), SIDE, -2, 0), image, "a centred 1 loses nothing");
}
