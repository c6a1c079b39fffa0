//! Predict before reveal: while the open step asks for a count or a shape, the summary cells
//! that would show it are hidden (their text replaced, not blurred, so screen readers and the
//! page's text do not give the answer away either). Whatever model the builder holds, any cell
//! equal to the asked answer is hidden, so loading a step's model reveals nothing. The same
//! goes for any other count the page prints (the runs table's parameters): see [`asked_count`].
//! The views under the drawing keep back what the open step asks in the same words: the receptive field
//! of the size asked for, and which learned filter the learner's kernel looks like.

use super::progress::Progress;
use super::steps::{Ask, STEPS};
use crate::model::Summary;

/// The summary cells to hide, and the step whose answer they would give away.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HiddenCells {
    /// 1-based number of the open step.
    pub step: usize,
    /// Layers (0-based) whose parameter count and formula are hidden.
    pub params: Vec<usize>,
    /// Layers (0-based) whose output shape is hidden.
    pub shapes: Vec<usize>,
    /// Whether the total is hidden.
    pub total: bool,
}

impl HiddenCells {
    /// What a hidden cell says instead, to everyone.
    pub fn label(&self) -> String {
        hidden_label(self.step)
    }
}

/// What the views under the drawing keep back while the open step is unanswered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HiddenViews {
    /// 1-based number of the open step.
    pub step: usize,
    /// A receptive-field side the receptive-field views must not show (any layer whose field
    /// has this side, whatever model answers).
    pub field_side: Option<usize>,
    /// Whether the kernel editor must not name the learned filter closest to its kernel.
    pub closest_filter: bool,
}

impl HiddenViews {
    pub fn label(&self) -> String {
        hidden_label(self.step)
    }

    /// Whether a field of `side` pixels is kept back.
    pub fn hides_field(&self, side: usize) -> bool {
        self.field_side == Some(side)
    }
}

/// What the views under the drawing keep back while the learner is on their open step.
pub fn hidden_views(progress: &Progress) -> HiddenViews {
    let Some(step) = STEPS.get(progress.current).filter(|step| !progress.is_solved(step.id)) else {
        return HiddenViews::default();
    };
    HiddenViews {
        step: progress.current + 1,
        field_side: step.expected_field(),
        closest_filter: step.ask == Ask::PresetLike,
    }
}

/// The count the open step asks for while it is unanswered: the 1-based step number and the
/// count. Any figure on the page equal to it is hidden until then, wherever it comes from (a
/// run of the dense baseline would otherwise print step 9's answer in the runs table).
pub fn asked_count(progress: &Progress) -> Option<(usize, usize)> {
    let step = STEPS.get(progress.current)?;
    if progress.is_solved(step.id) {
        return None;
    }
    Some((progress.current + 1, step.expected_count()?))
}

/// What a figure hidden for step `step` says instead, to everyone.
pub fn hidden_label(step: usize) -> String {
    format!("hidden until you answer step {step}")
}

/// The cells of `summary` to hide while the learner is on their open step; `None` when that
/// step is answered or does not ask for a number.
pub fn hidden_cells(progress: &Progress, summary: &Summary) -> Option<HiddenCells> {
    let step = STEPS.get(progress.current)?;
    if progress.is_solved(step.id) {
        return None;
    }
    let mut hidden = HiddenCells { step: progress.current + 1, ..HiddenCells::default() };
    match step.ask {
        Ask::Count(_) => {
            let (_, count) = asked_count(progress)?;
            hidden.params = (0..summary.layers.len()).filter(|&i| summary.layers[i].params == count).collect();
            hidden.total = summary.total_params == count;
        }
        Ask::Shape(_) => {
            let shape = step.expected_shape()?;
            hidden.shapes = (0..summary.layers.len()).filter(|&i| summary.layers[i].output_shape == shape).collect();
        }
        _ => return None,
    }
    Some(hidden)
}
