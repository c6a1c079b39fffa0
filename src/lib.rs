//! ConvLab: the parts that run anywhere (natively and in the browser's worker), and on wasm32
//! the browser glue on top.
//!
//! - [`model`]: the model spec, its shape inference, summary with formulas, and the burn network.
//! - [`data`]: MNIST in IDX format.
//! - [`augment`]: training images distorted the way people draw (an option of the training).
//! - [`drawing`]: a canvas drawing made to look like an MNIST digit.
//! - [`drawn_digits`]: an evaluation set of digits drawn as pen strokes, not from MNIST.
//! - [`exercise`]: the model builder's edits, the guided steps and the recorded runs.
//! - [`handwriting`]: the learner's own digits: the exported set's file format and the score of
//!   a model on them.
//! - [`training`]: the training loop, evaluation and prediction.
//! - [`inspect`]: inside the network: feature maps, kernels, saliency, confusion matrix, chart axes.
//! - [`protocol`] and [`backend_choice`]: the page ↔ worker messages and the backend decision.
//! - `web` (wasm32 only): the Web Worker and the yew page.
//!
//! Feature `compute` (default) brings burn: the network, training, prediction and the worker.
//! The page's wasm is built without it.

pub mod augment;
pub mod backend_choice;
pub mod data;
pub mod drawing;
pub mod drawn_digits;
pub mod exercise;
pub mod handwriting;
pub mod inspect;
pub mod model;
pub mod protocol;
pub mod training;

#[cfg(target_arch = "wasm32")]
pub mod web;
