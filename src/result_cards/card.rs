//! One result card. Its model and settings are the share link's query (`model=…&epochs=…`), so
//! a card is read with the same checks as a link, and the board can load its model into the
//! builder by opening that link.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::exercise::run_record::RunRecord;
use crate::model::share_link::{self, ShareLinkError};
use crate::model::ModelSpec;
use crate::model::digit_groups::thousands;
use crate::hyperparameters::Hyperparameters;

/// The card's `format` field: what makes a text a ConvLab result card.
pub const FORMAT: &str = "convlab-result-card";
/// The card format's version this code writes and reads.
pub const VERSION: u32 = 1;
/// A name is what a student types: short enough to fit a table cell.
pub const MAX_NAME: usize = 40;
/// Machine words and the finishing time are ConvLab's own; anything longer is not.
const MAX_WORDS: usize = 80;
/// A week of training: longer is not a run this page made.
const MAX_SECONDS: f64 = 7.0 * 24.0 * 3600.0;
/// MNIST has 10 000 test images.
const MAX_TEST_IMAGES: usize = 10_000;

/// A run, as a card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultCard {
    pub format: String,
    pub version: u32,
    /// The student's name for the card, as typed.
    pub name: String,
    /// The model and settings: a share link's query.
    pub link: String,
    pub params: usize,
    /// Test images the accuracy was measured on.
    pub test_images: usize,
    /// 0 to 1.
    pub test_accuracy: f32,
    /// Training time, validation included, in seconds.
    pub seconds: f64,
    /// Which machine trained, in the page's words ("CPU", "WebGPU (…)").
    pub machine: String,
    /// How the run ended: "", "stopped" or "stopped early".
    #[serde(default)]
    pub ending: String,
    /// The learner's own digits added to the training images.
    #[serde(default)]
    pub learner_digits: usize,
    /// When the run finished (ISO 8601).
    pub finished_at: String,
}

/// Why a card cannot be made or read, in the page's words.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum CardError {
    #[error("it is not a ConvLab result card (its format is \"{0}\")")]
    NotACard(String),
    #[error("it was made by a newer ConvLab (card version {0}); this page reads version {VERSION}")]
    Newer(u32),
    #[error("it has no name")]
    NoName,
    #[error("its name is longer than {MAX_NAME} characters")]
    LongName,
    #[error("its {0} has characters that cannot be shown")]
    Unprintable(&'static str),
    #[error("its {0} is longer than {MAX_WORDS} characters")]
    LongWords(&'static str),
    #[error("its model or settings cannot be used: {0}")]
    Link(#[from] ShareLinkError),
    #[error("it says {} parameters, but its model has {}", thousands(*.said), thousands(*.counted))]
    WrongParams { said: usize, counted: usize },
    #[error("its test accuracy, {0}, is not between 0 and 1")]
    Accuracy(f32),
    #[error("it was tested on {0} images; a run is tested on 1 to {MAX_TEST_IMAGES}")]
    TestImages(usize),
    #[error("its training time, {0} seconds, is not between 0 and a week")]
    Seconds(f64),
    #[error("its ending, \"{0}\", is not one a run has")]
    Ending(String),
    #[error("the run has no test accuracy (its loss stopped being a number), so it has no card")]
    Diverged,
}

impl ResultCard {
    /// The card of `run`, named `name` (trimmed). A run without a test accuracy has none.
    pub fn from_run(run: &RunRecord, name: &str) -> Result<ResultCard, CardError> {
        let test_accuracy = run.test_accuracy.ok_or(CardError::Diverged)?;
        let card = ResultCard {
            format: FORMAT.to_string(),
            version: VERSION,
            name: name.trim().to_string(),
            link: share_link::encode(&run.spec, &run.hyperparameters),
            params: run.params,
            test_images: run.validation_images,
            test_accuracy,
            seconds: run.epochs.iter().map(|e| e.seconds).sum::<f64>()
                + run.partial_epoch.as_ref().map_or(0.0, |p| p.train_seconds),
            machine: run.backend.clone(),
            // "", "stopped" or "stopped early": a diverged run has no card (above).
            ending: run.ending().to_string(),
            learner_digits: run.learner_digits,
            finished_at: run.finished_at.clone(),
        };
        card.check()?;
        Ok(card)
    }

    /// Every field checked, as for a card read from a stranger: the model and settings as a
    /// share link is, its parameter count against the model's, figures within their ranges.
    /// Returns the model and settings.
    pub fn check(&self) -> Result<(ModelSpec, Hyperparameters), CardError> {
        if self.format != FORMAT {
            return Err(CardError::NotACard(share_link::excerpt(&self.format)));
        }
        if self.version > VERSION {
            return Err(CardError::Newer(self.version));
        }
        let name = self.name.trim();
        if name.is_empty() {
            return Err(CardError::NoName);
        }
        if name.chars().count() > MAX_NAME {
            return Err(CardError::LongName);
        }
        for (field, text) in [("name", name), ("machine", self.machine.as_str()), ("finishing time", self.finished_at.as_str())] {
            if text.chars().any(char::is_control) {
                return Err(CardError::Unprintable(field));
            }
        }
        for (field, text) in [("machine", &self.machine), ("finishing time", &self.finished_at)] {
            if text.chars().count() > MAX_WORDS {
                return Err(CardError::LongWords(field));
            }
        }
        let (spec, hyper) = share_link::decode(&self.link)?;
        let counted = spec.summary().map_err(ShareLinkError::from)?.total_params;
        if counted != self.params {
            return Err(CardError::WrongParams { said: self.params, counted });
        }
        if !(0.0..=1.0).contains(&self.test_accuracy) {
            return Err(CardError::Accuracy(self.test_accuracy));
        }
        if !(1..=MAX_TEST_IMAGES).contains(&self.test_images) {
            return Err(CardError::TestImages(self.test_images));
        }
        if !(0.0..=MAX_SECONDS).contains(&self.seconds) {
            return Err(CardError::Seconds(self.seconds));
        }
        if !["", "stopped", "stopped early"].contains(&self.ending.as_str()) {
            return Err(CardError::Ending(share_link::excerpt(&self.ending)));
        }
        Ok((spec, hyper))
    }

    /// The card as text to copy or save: a line a person reads, then the card itself on one
    /// line (what the board reads).
    pub fn to_text(&self) -> String {
        let json = serde_json::to_string(self).expect("a card is plain data");
        format!("{}\n{json}\n", self.headline())
    }

    /// "ConvLab result card, Ada: 97.12 % on 1 000 test images, 34 506 parameters, 41 s (CPU)".
    pub fn headline(&self) -> String {
        format!(
            "ConvLab result card, {}: {:.2} % on {} test images, {} parameters, {:.0} s ({})",
            self.name.trim(),
            self.test_accuracy * 100.0,
            thousands(self.test_images),
            thousands(self.params),
            self.seconds,
            self.machine
        )
    }

    /// What makes two cards the same run: pasting a card twice adds it once.
    pub fn same_run(&self, other: &ResultCard) -> bool {
        self.name.trim() == other.name.trim() && self.link == other.link && self.finished_at == other.finished_at
    }
}
