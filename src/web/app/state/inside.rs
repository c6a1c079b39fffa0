//! What the inside views show (issue 12): the worker's `InspectReply` messages, kept for the
//! page. Results of a model that no longer answers are dropped as soon as another one does.

use crate::inspect::{ActivationMaps, CellExplanation, ConfusionMatrix, KernelImages, Saliency};
use crate::model::ModelSpec;
use crate::protocol::{InspectReply, InspectTopic, ModelTag, TestImage};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

/// One drawing seen from inside the model.
#[derive(Debug, PartialEq)]
pub struct DrawingInside {
    /// The drawing request it answers.
    pub request: u64,
    pub model: ModelTag,
    pub maps: ActivationMaps,
    pub saliency: Saliency,
    /// Milliseconds the worker took for the maps and the saliency.
    pub compute_ms: f64,
}

/// A confusion matrix and the model it counts.
#[derive(Debug, PartialEq)]
pub struct ConfusionView {
    /// The page's request, or `None` for the matrix of a finished run.
    pub request: Option<u64>,
    pub model: ModelTag,
    pub matrix: ConfusionMatrix,
    pub loss: f32,
    pub accuracy: f32,
}

/// How one output value is computed, as the worker worked it out.
#[derive(Debug, PartialEq)]
pub struct CellView {
    /// The cell request it answers.
    pub request: u64,
    pub model: ModelTag,
    pub explanation: CellExplanation,
    pub compute_ms: f64,
}

/// A request the worker could not answer.
#[derive(Clone, Debug, PartialEq)]
pub struct InspectFailure {
    pub topic: InspectTopic,
    pub request: u64,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct InsideView {
    /// The model answering drawings and its layers.
    pub model: Option<(ModelTag, Rc<ModelSpec>)>,
    pub drawing: Option<Rc<DrawingInside>>,
    /// Kernels of the answering model, by layer index.
    pub kernels: BTreeMap<usize, Rc<KernelImages>>,
    pub confusion: Option<Rc<ConfusionView>>,
    /// How far the confusion matrix asked for has counted: (request, done, total).
    pub counting: Option<(u64, usize, usize)>,
    /// The latest test images asked for, with the request they answer.
    pub test_images: Option<(u64, Rc<Vec<TestImage>>)>,
    /// The latest value explained ("convolution up close").
    pub cell: Option<Rc<CellView>>,
    /// The latest failure of each kind of request.
    pub failures: Vec<InspectFailure>,
}

impl InsideView {
    pub fn apply(&mut self, reply: InspectReply) {
        match reply {
            InspectReply::Model { model, spec } => {
                if self.model_id() != Some(model.id) {
                    self.kernels.clear();
                }
                self.model = Some((model, Rc::new(spec)));
            }
            InspectReply::Drawing { request, model, maps, saliency, compute_ms } => {
                self.drawing = Some(Rc::new(DrawingInside { request, model, maps, saliency, compute_ms }));
            }
            InspectReply::Kernels { model, kernels, .. } => {
                if self.model_id() == Some(model.id) {
                    self.kernels.insert(kernels.layer, Rc::new(kernels));
                }
            }
            InspectReply::Confusion { request, model, matrix, loss, accuracy } => {
                self.confusion = Some(Rc::new(ConfusionView { request, model, matrix, loss, accuracy }));
                self.test_images = None;
            }
            InspectReply::Counting { request, done, total } => self.counting = Some((request, done, total)),
            InspectReply::TestImages { request, images, .. } => self.test_images = Some((request, Rc::new(images))),
            InspectReply::Cell { request, model, explanation, compute_ms } => {
                self.cell = Some(Rc::new(CellView { request, model, explanation, compute_ms }));
            }
            InspectReply::Failed { topic, request, message } => {
                self.failures.retain(|f| f.topic != topic);
                self.failures.push(InspectFailure { topic, request, message });
            }
        }
    }

    pub fn model_id(&self) -> Option<u64> {
        self.model.as_ref().map(|(tag, _)| tag.id)
    }

    /// Why request `request` of kind `topic` failed, if it did.
    pub fn failure(&self, topic: InspectTopic, request: u64) -> Option<&str> {
        self.failures.iter().find(|f| f.topic == topic && f.request == request).map(|f| f.message.as_str())
    }

    /// The latest failure of kind `topic`.
    pub fn latest_failure(&self, topic: InspectTopic) -> Option<&InspectFailure> {
        self.failures.iter().find(|f| f.topic == topic)
    }
}

thread_local! {
    static LAST_REQUEST: Cell<u64> = const { Cell::new(0) };
}

/// A number for a new inspect request, unique on this page.
pub fn next_request() -> u64 {
    LAST_REQUEST.with(|last| {
        last.set(last.get() + 1);
        last.get()
    })
}

/// How many recent drawings the page keeps for the inside views to ask about.
const DRAWINGS_KEPT: usize = 8;

thread_local! {
    static DRAWINGS: RefCell<Vec<(u64, Rc<[f32]>)>> = const { RefCell::new(Vec::new()) };
}

/// Keeps drawing request `request`'s pixels (784 values in 0..1), so a view of its maps can ask
/// the worker about it again (the maps arrive after the drawing was sent).
pub fn remember_drawing(request: u64, pixels: &[f32]) {
    DRAWINGS.with(|kept| {
        let mut kept = kept.borrow_mut();
        kept.retain(|(r, _)| *r != request);
        kept.push((request, Rc::from(pixels)));
        let extra = kept.len().saturating_sub(DRAWINGS_KEPT);
        kept.drain(..extra);
    });
}

/// The pixels of drawing request `request`, if it is one of the latest few.
pub fn drawing_pixels(request: u64) -> Option<Rc<[f32]>> {
    DRAWINGS.with(|kept| kept.borrow().iter().find(|(r, _)| *r == request).map(|(_, p)| p.clone()))
}
