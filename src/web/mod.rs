//! Browser glue, compiled for wasm32 only: the training worker and the yew page. Thin on
//! purpose — the work is done by the device-agnostic core.

pub mod app;
pub mod message_codec;
pub mod static_constructors;
#[cfg(feature = "threads")]
pub mod thread_pool;
#[cfg(feature = "compute")]
pub mod worker;
pub mod worker_link;
