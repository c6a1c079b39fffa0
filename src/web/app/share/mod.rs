//! Section 7, "Share and export": the share link, the Keras script and a teacher's class link.

mod class_handout;
mod class_panel;
mod keras_panel;
pub mod section;
mod share_panel;
