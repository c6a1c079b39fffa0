//! The guided exercise around the model builder, in plain Rust so it is tested natively:
//!
//! - [`builder`]: editing a spec (new layers, where to insert them, moving, presets).
//! - [`steps`]: the course's steps: what each asks, its "try it", and how an answer is judged.
//! - [`answer`]: reading a typed number or shape and judging a prediction.
//! - [`hidden`]: which summary cells stay hidden until the open step is answered.
//! - [`progress`]: which steps are solved, as saved in the browser.
//! - [`run_record`] and [`runs_csv`]: a finished training run as stored, and the CSV export.

pub mod answer;
pub mod builder;
pub mod hidden;
pub mod progress;
pub mod run_record;
pub mod runs_csv;
pub mod steps;
