//! An uploaded picture: where it goes on the canvas, and light-on-dark pictures turned into dark
//! ink on white; a picture of one even shade is said to show no digit.

use convlab::drawing::{MIN_CONTRAST, fit, ink_on_white, mean_brightness, shows_a_mark};

#[test]
fn pictures_fit_the_canvas_with_their_proportions_centred() {
    assert_eq!(fit(28, 28, 280), (0, 0, 280, 280), "MNIST's 28 × 28 fills the canvas");
    assert_eq!(fit(1000, 500, 280), (0, 70, 280, 140), "wide pictures are letterboxed");
    assert_eq!(fit(100, 400, 280), (105, 0, 70, 280), "tall pictures are pillarboxed");
    assert_eq!(fit(5000, 1, 280), (0, 139, 280, 1), "never thinner than a pixel");
    assert_eq!(fit(0, 0, 280), (0, 0, 280, 280), "a degenerate size does not divide by zero");
}

fn rgba(greys: &[u8]) -> Vec<u8> {
    greys.iter().flat_map(|&g| [g, g, g, 255]).collect()
}

#[test]
fn brightness_is_the_mean_luma() {
    assert_eq!(mean_brightness(&rgba(&[0, 255])), 127.5);
    assert_eq!(mean_brightness(&[]), 255.0);
    let red = mean_brightness(&[255, 0, 0, 255]);
    assert!((red - 0.299 * 255.0).abs() < 1e-9);
}

#[test]
fn a_light_digit_on_black_is_inverted_and_a_dark_one_on_white_is_kept() {
    // MNIST style: mostly black, a white stroke.
    let mut mnist = rgba(&[0, 0, 0, 255, 0, 0]);
    assert!(ink_on_white(&mut mnist));
    assert_eq!(mnist, rgba(&[255, 255, 255, 0, 255, 255]));

    let mut paper = rgba(&[255, 255, 20, 255, 255, 255]);
    let before = paper.clone();
    assert!(!ink_on_white(&mut paper));
    assert_eq!(paper, before);
}

#[test]
fn alpha_is_left_alone_when_inverting() {
    let mut pixels = vec![10, 10, 10, 200];
    assert!(ink_on_white(&mut pixels));
    assert_eq!(pixels, vec![245, 245, 245, 200]);
}

#[test]
fn a_picture_of_one_shade_shows_no_mark() {
    assert!(!shows_a_mark(&rgba(&[255; 100])), "blank paper");
    assert!(!shows_a_mark(&rgba(&[0; 100])), "a black screen");
    assert!(!shows_a_mark(&[]), "no pixels");
    // Paper with a faint shadow across it: still no digit.
    let shaded: Vec<u8> = (0..100).map(|i| 230 - (i % 10) as u8 * 3).collect();
    assert!(!shows_a_mark(&rgba(&shaded)));
    // A stroke that stands out, dark on light or light on dark, is one.
    let mut stroke = vec![240u8; 100];
    stroke[45] = 240 - MIN_CONTRAST as u8;
    assert!(shows_a_mark(&rgba(&stroke)));
    let mut light = vec![10u8; 100];
    light[45] = 200;
    assert!(shows_a_mark(&rgba(&light)));
}
