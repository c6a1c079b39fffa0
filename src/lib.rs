//! ConvLab: the parts that run anywhere (natively and in the browser's worker), and on wasm32
//! the browser glue on top.
//!
//! - [`model`]: the model spec, its shape inference, summary with formulas, and the burn network.
//! - [`data`]: MNIST in IDX format.
//! - [`augment`]: training images distorted the way people draw (an option of the training).
//! - [`drawing`]: a canvas drawing made to look like an MNIST digit.
//! - [`synthetic_digits`]: a generated evaluation set, not from MNIST: digits written as pen
//!   paths in several lettering styles by made-up hands and painted as the page's pen paints.
//! - [`exercise`]: the model builder's edits, the guided steps and the recorded runs.
//! - [`my_digits`]: the learner's own digits ("My digits" on the page): the exported set's file
//!   format, the recording of their strokes and the score of a model on them.
//! - [`hyperparameters`]: the training settings the learner chooses, which a model's files carry.
//! - [`training`]: the training loop, evaluation and prediction.
//! - [`inspect`]: inside the network: feature maps, kernels, saliency, confusion matrix, chart axes.
//! - [`vocabulary`]: training / validation / test said one way, and what each figure means.
//! - [`json_problem`]: what is wrong with a learner's JSON file, in plain words.
//! - [`wording`]: numbers with their nouns and articles as the page says them ("1 epoch", "an 8").
//! - [`class_setup`]: a teacher's class link: the sections shown, the steps assigned, the name.
//! - [`result_cards`]: a run as a card of text to share, and a class board that reads many.
//! - [`protocol`] and [`backend_choice`]: the page ↔ worker messages and the backend decision.
//! - [`browser_support`]: what the learner's browser offers and what the page does without it.
//! - `web` (wasm32 only): the Web Worker and the yew page.
//!
//! Feature `compute` (default) brings burn: the network, training, prediction and the worker.
//! The page's wasm is built without it.

pub mod augment;
pub mod backend_choice;
pub mod browser_support;
pub mod class_setup;
pub mod data;
pub mod drawing;
pub mod exercise;
pub mod hyperparameters;
pub mod inspect;
pub mod json_problem;
pub mod model;
pub mod my_digits;
pub mod protocol;
pub mod result_cards;
pub mod synthetic_digits;
pub mod training;
pub mod vocabulary;
pub mod wording;

#[cfg(target_arch = "wasm32")]
pub mod web;
