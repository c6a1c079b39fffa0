//! What the learner's own run says about the steps that depend on one: the test accuracy of a
//! quick run and the latest confusion matrix, counted only when they came after the prediction
//! (a run finished before it would let the learner copy the answer); and, for the preset step,
//! which classic kernel looks like a learned filter on the current drawing. The overfitting
//! lesson's runs count by their epochs; the one without dropout also when it came before (the
//! dropout run is compared with it, and the early-stopping step asks about it).

use crate::data::SIDE;
use crate::exercise::run_record::RunRecord;
use crate::exercise::steps::{LessonRun, RunEvidence, is_complete, is_quick_run, lesson_run_kind};
use crate::training::EpochSummary;
use crate::inspect::kernel_playground::{PresetMatch, clearest_preset_match};
use crate::inspect::{LayerValues, Quantised};
use crate::web::app::state::inside::{ConfusionView, InsideView, drawing_pixels};
use crate::web::app::state::page::RunView;
use std::rc::Rc;

/// What the page showed when a prediction was kept: the run counter and the confusion matrix.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    pub run_serial: u32,
    pub confusion: Option<Rc<ConfusionView>>,
}

impl Baseline {
    pub fn now(run: &RunView, inside: &InsideView) -> Self {
        Self { run_serial: run.serial, confusion: inside.confusion.clone() }
    }
}

/// The quick run's test accuracy and its images, when the latest run is the quick run.
pub fn quick_run_result(run: &RunView) -> Option<(f32, usize)> {
    let request = run.request.as_ref()?;
    let (_, accuracy, images) = run.test?;
    is_quick_run(&request.spec, &request.hyperparameters).then_some((accuracy, images))
}

/// The epochs of the latest run when it is a whole run of the overfitting lesson of this kind
/// (not stopped, not diverged, every epoch there).
pub fn lesson_epochs(run: &RunView, kind: LessonRun) -> Option<&[EpochSummary]> {
    let request = run.request.as_ref()?;
    let ended = !run.running && run.test.is_some() && run.finished.as_ref().is_some_and(|f| !f.stopped);
    let whole = ended && is_complete(&run.epochs) && lesson_run_kind(&request.spec, &request.hyperparameters) == Some(kind);
    whole.then_some(run.epochs.as_slice())
}

/// The epochs of the latest stored whole run of the lesson without dropout.
pub fn stored_lesson_epochs(runs: &[RunRecord]) -> Option<Vec<EpochSummary>> {
    let lesson = |r: &&RunRecord| {
        !r.stopped && r.diverged.is_none() && is_complete(&r.epochs) && lesson_run_kind(&r.spec, &r.hyperparameters) == Some(LessonRun::Plain)
    };
    runs.iter().rev().find(lesson).map(|r| r.epochs.clone())
}

/// The preset step's question and answer on the current drawing: the first layer's name, the
/// filter's map, and how the classic kernels compare with it. `None` without a drawing, or
/// when the answering model does not start with a convolution of 28 × 28 maps or so.
pub fn drawing_match(inside: &InsideView) -> Option<(String, Quantised, PresetMatch)> {
    let drawing = inside.drawing.as_ref()?;
    let pixels = drawing_pixels(drawing.request)?;
    let layer = drawing.maps.layers.first().filter(|layer| layer.name.starts_with("conv2d"))?;
    let LayerValues::Channels(channels) = &layer.values else { return None };
    let maps: Vec<Vec<f32>> = channels.iter().map(Quantised::values).collect();
    let found = clearest_preset_match(&pixels, SIDE, &maps)?;
    Some((layer.name.clone(), channels[found.filter].clone(), found))
}

/// The evidence newer than `baseline` (after a reload there is none: everything is newer), and
/// `earlier`, the latest lesson run without dropout the page knows of, whenever it ran.
pub fn evidence<'a>(run: &'a RunView, inside: &'a InsideView, baseline: &Baseline, earlier: Option<&'a [EpochSummary]>) -> RunEvidence<'a> {
    let fresh = run.serial > baseline.run_serial;
    let fresh_confusion = match (&inside.confusion, &baseline.confusion) {
        (Some(now), Some(then)) if Rc::ptr_eq(now, then) => None,
        (now, _) => now.as_ref(),
    };
    RunEvidence {
        quick_run_accuracy: quick_run_result(run).filter(|_| fresh).map(|(accuracy, _)| accuracy),
        confusion: fresh_confusion.map(|view| &view.matrix.counts),
        preset: None,
        lesson_run: lesson_epochs(run, LessonRun::Plain).filter(|_| fresh),
        dropout_run: lesson_epochs(run, LessonRun::Dropout).filter(|_| fresh),
        earlier_lesson_run: earlier,
    }
}
