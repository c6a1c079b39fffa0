//! Section 1, "The machine and the data": which backend trains, and the MNIST download.

mod backend_line;
mod data_status;
mod mnist_samples;
pub mod section;
