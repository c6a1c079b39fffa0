//! The model: what the learner describes (spec), what it computes (shapes, summary) and the burn
//! network built from it.
//!
//! `spec`, `shape`, `validation`, `param_formula`, `summary`, `limits` and `error` are plain
//! data, usable without a backend; only `network`, `weights` and their helpers touch burn (feature `compute`).

pub mod digit_groups;
pub mod error;
#[cfg(feature = "compute")]
pub mod finite;
#[cfg(feature = "compute")]
pub mod host_copy;
#[cfg(feature = "compute")]
mod im2col;
pub mod keras_export;
pub mod limits;
pub mod receptive_field;
#[cfg(feature = "compute")]
pub mod max_pool_2x2;
#[cfg(feature = "compute")]
pub mod network;
pub mod param_formula;
pub mod share_link;
pub mod shape;
pub mod spec;
pub mod summary;
pub mod validation;
#[cfg(feature = "compute")]
pub mod weights;

pub use error::SpecError;
#[cfg(feature = "compute")]
pub use network::{LayerOutput, Mode, Network};
pub use param_formula::ParamFormula;
pub use shape::Shape;
pub use spec::{Activation, LayerKind, LayerSpec, ModelSpec, NUM_CLASSES, Padding, Rate};
pub use summary::{LayerSummary, Summary};
