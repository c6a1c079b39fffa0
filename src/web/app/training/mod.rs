//! Section 3, "Training": the settings and Train / Stop, progress, the epoch table and charts.

mod charts;
mod controls;
mod epoch_table;
mod progress;
pub mod section;
