//! Section 5, "Runs": every recorded run, its kept model, and model files; a run's result card
//! and the class board that gathers a class's cards.

mod board_chart;
mod class_board;
pub mod kept_model_actions;
mod model_files;
mod result_card_panel;
pub mod runs_table;
