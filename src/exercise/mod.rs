//! The guided exercise around the model builder, in plain Rust so it is tested natively:
//!
//! - [`builder`]: editing a spec (new layers, where to insert them, moving, presets).
//! - [`steps`]: the guided steps, each with its model and the answer the core computes from it.
//! - [`answer`]: reading a typed number and judging a prediction.
//! - [`progress`]: which steps are solved, as saved in the browser.
//! - [`run_record`] and [`runs_csv`]: a finished training run as stored, and the CSV export.

pub mod answer;
pub mod builder;
pub mod progress;
pub mod run_record;
pub mod runs_csv;
pub mod steps;
