//! Section 7, "Share and export": the share link and the Keras script.

mod keras_panel;
pub mod section;
mod share_panel;
