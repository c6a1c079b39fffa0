//! The page's side of the training worker: starting it, hearing its crashes, and pacing its
//! progress reports to the page.

pub mod context;
mod crash_listener;
mod progress_pacer;
pub mod worker_handle;
