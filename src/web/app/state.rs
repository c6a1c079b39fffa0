//! The page's state, changed only by the worker's messages.

use crate::protocol::{BackendReport, FromWorker};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

/// Bytes received and expected, per MNIST file.
pub type Downloads = BTreeMap<String, (u64, Option<u64>)>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageState {
    pub backend: Option<BackendReport>,
    pub downloads: Rc<Downloads>,
    /// Training and test image shapes once the data is decoded.
    pub shapes: Option<(String, String)>,
    pub error: Option<String>,
}

impl Reducible for PageState {
    type Action = FromWorker;

    fn reduce(self: Rc<Self>, action: FromWorker) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FromWorker::Backend(report) => next.backend = Some(report),
            FromWorker::Download { file, loaded, total } => {
                Rc::make_mut(&mut next.downloads).insert(file, (loaded, total));
            }
            FromWorker::DataReady { train_shape, test_shape } => next.shapes = Some((train_shape, test_shape)),
            FromWorker::Error(message) => next.error = Some(message),
        }
        Rc::new(next)
    }
}
