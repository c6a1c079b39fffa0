//! Section 1, "The machine and the data": which backend trains, what the browser offers, and the
//! MNIST download.

mod backend_line;
mod browser_features;
mod data_status;
mod mnist_samples;
pub mod section;
