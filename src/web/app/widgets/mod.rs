//! Pieces of the page that several sections share: images of byte levels and digits, a line
//! chart, a Copy button, a "what this means" toggle, a figure hidden until its step is answered, and the short explanations beside each section.

pub mod byte_image;
pub mod copy_button;
pub mod digit_image;
pub mod hidden_answer;
pub mod line_chart;
pub mod meaning;
pub mod tutorial_text;
