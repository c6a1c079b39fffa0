//! The page's foot: starting over.

mod start_over;

pub use start_over::StartOver;
