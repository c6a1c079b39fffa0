//! Drawings from the page's canvas, made to look like MNIST digits before prediction.

mod preprocess;

pub use preprocess::{
    CENTRE, DIGIT_BOX, Digit28, INK_THRESHOLD, NothingToPredict, ink_from_rgba, preprocess,
};
