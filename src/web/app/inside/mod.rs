//! Inside the network: every layer's feature maps of the latest drawing, one channel up close,
//! and the first layer's filters.

mod channel_detail;
mod channel_grid;
pub mod feature_maps;
pub mod filters_panel;
mod logit_bars;
