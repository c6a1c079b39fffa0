//! Drawings from the page's canvas, made to look like MNIST digits before prediction, the two
//! other ways to make a drawing (a keyboard pen and an uploaded picture), and a digit moved a
//! few pixels ([`shifted`]). Points on the canvas are [`CanvasPoint`]s, in canvas pixels,
//! wherever they come from.

mod canvas_point;
mod keyboard_pen;
mod preprocess;
mod shift;
mod upload;

pub use canvas_point::CanvasPoint;
pub use keyboard_pen::{KeyboardPen, PenEffect, PenKey, VERTICAL_ONE};
pub use preprocess::{
    CENTRE, DIGIT_BOX, Digit28, INK_THRESHOLD, NothingToPredict, ink_from_rgba, preprocess,
};
pub use shift::shifted;
pub use upload::{MIN_CONTRAST, fit, ink_on_white, mean_brightness, shows_a_mark};
