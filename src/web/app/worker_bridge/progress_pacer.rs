//! Paces the training worker's batch reports (of a run, and fine-tuning's steps) to the page's
//! rendering.
//!
//! On a fast CPU the worker reports 30–40 batches a second, and each report re-renders the
//! page: measured on the 2-core development machine during in-browser training, the page's
//! main thread, compositor and raster took about 0.4 of a core, taken from the compute threads.
//! Nobody reads a counter at 35 Hz, so a batch report goes through at once when none did in the
//! last [`RENDER_INTERVAL_MS`], and later ones in that interval are applied together when it
//! ends (every report is still applied, so the loss curve keeps all its points). Any other
//! message first lets the waiting reports through, so the order is kept.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use yew::UseReducerDispatcher;

use crate::web::app::state::page::{PageAction, PageState};
use crate::protocol::FromWorker;
use crate::training::{FineTuneEvent, TrainingEvent};

/// At most this often the page re-renders for batch reports (10 per second).
pub const RENDER_INTERVAL_MS: u32 = 100;

/// One worker's messages on their way to the page state; dropped with the worker's bridge, which
/// cancels a pending delivery.
pub struct ProgressPacer {
    inner: Rc<Inner>,
}

struct Inner {
    dispatch: UseReducerDispatcher<PageState>,
    waiting: RefCell<Vec<FromWorker>>,
    /// Running while batch reports are being held back.
    interval: RefCell<Option<Timeout>>,
}

impl ProgressPacer {
    pub fn new(dispatch: UseReducerDispatcher<PageState>) -> Self {
        Self { inner: Rc::new(Inner { dispatch, waiting: RefCell::default(), interval: RefCell::default() }) }
    }

    /// Applies `message` now, or, a batch report within an interval, when the interval ends.
    pub fn deliver(&self, message: FromWorker) {
        let inner = &self.inner;
        if !is_batch_report(&message) {
            inner.release();
            inner.dispatch.dispatch(PageAction::Worker(message));
            return;
        }
        if inner.interval.borrow().is_some() {
            inner.waiting.borrow_mut().push(message);
        } else {
            inner.dispatch.dispatch(PageAction::Worker(message));
            Inner::start_interval(&self.inner);
        }
    }
}

/// A report of one more batch done, of a training run or of fine-tuning.
fn is_batch_report(message: &FromWorker) -> bool {
    matches!(
        message,
        FromWorker::Training(TrainingEvent::Batch(_)) | FromWorker::FineTuning { event: FineTuneEvent::Step(_), .. }
    )
}

impl Inner {
    /// Holds back batch reports for one interval; at its end the held ones are applied and, if
    /// there were any, another interval starts.
    fn start_interval(inner: &Rc<Inner>) {
        let weak: Weak<Inner> = Rc::downgrade(inner);
        let timeout = Timeout::new(RENDER_INTERVAL_MS, move || {
            let Some(inner) = weak.upgrade() else { return };
            inner.interval.borrow_mut().take();
            if inner.release() {
                Inner::start_interval(&inner);
            }
        });
        *inner.interval.borrow_mut() = Some(timeout);
    }

    /// Applies the held-back reports in one re-render; whether there were any.
    fn release(&self) -> bool {
        let waiting = std::mem::take(&mut *self.waiting.borrow_mut());
        if waiting.is_empty() {
            return false;
        }
        self.dispatch.dispatch(PageAction::Workers(waiting));
        true
    }
}
