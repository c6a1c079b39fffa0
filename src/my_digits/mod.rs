//! "My digits" (the page's "teach it your handwriting"): the digits the learner drew and
//! labelled, in plain Rust so it is tested natively.
//!
//! - [`digit_set`]: a digit as kept (its label, its 28 × 28 image after the page's preprocessing
//!   and the strokes it was drawn with), and the file a set is exported to and imported from:
//!   versioned JSON, every field checked, each problem a typed [`DigitSetError`].
//! - [`score_table`]: how a model does on those digits, from its predictions: accuracy overall and per
//!   digit, and the digits it misread.
//! - [`stroke_recorder`]: recording the strokes of a drawing within the limits a kept digit has.
//!
//! The page keeps the digits in IndexedDB (`web/app/digit_store.rs`) and the worker predicts
//! them (`ToWorker::EvaluateDigits`); everything that decides something is here.

pub mod digit_set;
pub mod score_table;
pub mod stroke_recorder;

pub use digit_set::{
    CANVAS_SIDE, DigitSet, DigitSetError, FORMAT, FORMAT_VERSION, MAX_DIGITS, MAX_FILE_BYTES,
    MAX_POINTS, MAX_STROKES, MyDigit, Stroke, not_yet_kept,
};
pub use score_table::{ClassScore, DigitScore, Misread, ScoreError, score};
pub use stroke_recorder::StrokeRecorder;
