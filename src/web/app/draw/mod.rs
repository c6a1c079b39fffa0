//! Section 6, "Draw a digit": the canvas (pointer, keyboard, upload), the answer as bars and
//! the 28 × 28 image the model sees, and a second model to compare.

mod canvas;
pub mod compare_panel;
pub mod draw_panel;
mod image_upload;
mod label_bar;
mod map_strip;
mod prediction_announcer;
mod pen_cursor;
mod probability_bars;
mod saliency_preview;
mod use_keyboard_pen;
mod use_pointer_pen;
mod use_prediction;
