//! Fine-tuning on the learner's own digits (issue 14): a short run from the model that answers
//! drawings, on batches that mix the learner's digits with MNIST's training images, measured
//! before and after on digits of the learner's that it never trains on (the gain) and on MNIST
//! test images (what it forgot).
//!
//! The settings, the held-out split and the reports are plain data, so the page uses them
//! without burn; the loop needs the `compute` feature.

#[cfg(feature = "compute")]
mod batch;
mod held_out;
mod report;
mod settings;
#[cfg(feature = "compute")]
mod tuner;

pub use held_out::{HeldOutSplit, check_digits, digits_rule, hold_out};
pub use report::{FineTuneEvent, FineTuneFigures, FineTuneReport, Moment};
pub use settings::{FineTuneSettings, MAX_FINE_TUNE_STEPS, MIN_DIGITS, MNIST_TEST_SET};
#[cfg(feature = "compute")]
pub use tuner::FineTuner;
