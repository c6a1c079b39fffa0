//! What any part of the page needs of the worker, given through a yew context rather than props
//! handed down through every level: a way to send it a message, and which worker runs now.

use crate::protocol::ToWorker;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct WorkerContext {
    /// Sends a message to the worker running now.
    pub send: Callback<ToWorker>,
    /// Changes when a fresh worker replaces one that died (taking any request in flight), so
    /// views ask again for what they were waiting for.
    pub generation: u32,
}

/// The worker's context; `App` provides it around the whole page.
#[hook]
pub fn use_worker() -> WorkerContext {
    use_context::<WorkerContext>().expect("App provides the WorkerContext around the page")
}
