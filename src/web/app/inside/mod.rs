//! Inside the network: every layer's feature maps of the latest drawing, one channel up close,
//! how one value of it is computed, and the first layer's filters.

mod batch_norm_value;
mod cell_panel;
mod cell_picker;
mod channel_detail;
mod channel_grid;
mod conv_arithmetic;
mod dense_terms;
pub mod feature_maps;
mod field_on_digit;
mod field_slider;
pub mod filters_panel;
pub mod kernel_editor;
mod kernel_slide;
mod kernel_terms;
mod logit_bars;
mod number_grid;
mod pool_window;
