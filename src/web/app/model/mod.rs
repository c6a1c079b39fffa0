//! Section 2, "The model": the builder, its live summary with formulas, and the guided steps
//! (the course: a step's question, its choices, its reveal and its "try it").

mod builder;
mod guided_steps;
mod layer_editor;
mod run_evidence;
pub mod section;
mod step_cell_numbers;
mod step_choices;
mod step_filter;
mod step_reveal;
pub mod step_storage;
mod step_try_it;
mod summary;
