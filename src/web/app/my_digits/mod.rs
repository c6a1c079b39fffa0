//! "My digits": the learner's own labelled digits — gallery, files, how the model does on
//! them, and fine-tuning on them.

mod digit_check;
mod digit_gallery;
mod digit_score_table;
mod digit_set_files;
mod fine_tune_panel;
pub mod panel;
