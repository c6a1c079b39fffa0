//! What the learner's own run says about the steps that depend on one: the test accuracy of a
//! quick run and the latest confusion matrix, counted only when they came after the prediction
//! (a run finished before it would let the learner copy the answer); and, for the preset step,
//! which classic kernel looks like a learned filter on the current drawing.

use crate::data::SIDE;
use crate::exercise::steps::{RunEvidence, is_quick_run};
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

/// The evidence newer than `baseline` (after a reload there is none: everything is newer).
pub fn evidence<'a>(run: &RunView, inside: &'a InsideView, baseline: &Baseline) -> RunEvidence<'a> {
    let fresh_confusion = match (&inside.confusion, &baseline.confusion) {
        (Some(now), Some(then)) if Rc::ptr_eq(now, then) => None,
        (now, _) => now.as_ref(),
    };
    RunEvidence {
        quick_run_accuracy: quick_run_result(run).filter(|_| run.serial > baseline.run_serial).map(|(accuracy, _)| accuracy),
        confusion: fresh_confusion.map(|view| &view.matrix.counts),
        preset: None,
    }
}
