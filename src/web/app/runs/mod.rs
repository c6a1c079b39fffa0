//! Section 5, "Runs": every recorded run, its kept model, and model files.

pub mod kept_model_actions;
mod model_files;
pub mod runs_table;
