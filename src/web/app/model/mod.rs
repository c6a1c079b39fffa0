//! Section 2, "The model": the builder, its live summary with formulas, and the guided steps.

mod builder;
mod guided_steps;
mod layer_editor;
pub mod section;
mod summary;
