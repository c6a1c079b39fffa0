//! Which guided steps the learner has solved and which one is open, as saved between visits.
//! Reading is lenient: saved progress from another version, or garbage, never breaks the page.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::steps::STEPS;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    /// Ids of the steps whose answer has been revealed (by a right answer or by giving up).
    pub solved: BTreeSet<String>,
    /// Ids of the steps revealed without a right answer.
    pub gave_up: BTreeSet<String>,
    /// The open step, 0-based.
    pub current: usize,
    /// The option picked for a step answered by a training run, kept until the run reveals it.
    /// Saves from before this field existed read as none.
    pub predictions: BTreeMap<String, usize>,
}

impl Progress {
    /// Saved progress, or a fresh start when `text` is missing or unreadable. Ids of steps
    /// that no longer exist are dropped and `current` is kept within the steps.
    pub fn from_json(text: Option<&str>) -> Self {
        let mut progress: Progress = text
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_default();
        let known = |id: &String| STEPS.iter().any(|step| step.id == id);
        progress.solved.retain(known);
        progress.gave_up.retain(|id| progress.solved.contains(id));
        progress.predictions.retain(|id, _| known(id));
        progress.current = progress.current.min(STEPS.len() - 1);
        progress
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serialises")
    }

    pub fn is_solved(&self, id: &str) -> bool {
        self.solved.contains(id)
    }

    /// Marks step `id` as revealed; `right` says whether it was answered correctly.
    pub fn reveal(&mut self, id: &str, right: bool) {
        self.solved.insert(id.to_string());
        if right {
            self.gave_up.remove(id);
        } else {
            self.gave_up.insert(id.to_string());
        }
    }

    /// Keeps option `choice` as the prediction for step `id`, to be judged once its run is there.
    pub fn predict(&mut self, id: &str, choice: usize) {
        self.predictions.insert(id.to_string(), choice);
    }

    /// The kept prediction for step `id`.
    pub fn prediction(&self, id: &str) -> Option<usize> {
        self.predictions.get(id).copied()
    }

    /// Opens step `index` (clamped to the last step).
    pub fn open(&mut self, index: usize) {
        self.current = index.min(STEPS.len() - 1);
    }

    /// How many steps are solved.
    pub fn done(&self) -> usize {
        self.solved.len()
    }
}
