//! What the learner is designing: the model spec and the training settings. It starts from the
//! page's share link when there is one, and every component that edits or shows the design
//! reads it from here (the page state in `state.rs` is what the worker reports).

use crate::class_setup::{ClassSetup, class_in_link};
use crate::data::DataChoice;
use crate::exercise::builder::Edit;
use crate::model::ModelSpec;
use crate::model::share_link;
use crate::training::Hyperparameters;
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Debug, PartialEq)]
pub struct Lab {
    pub spec: ModelSpec,
    /// The last valid training settings of the form.
    pub hyper: Hyperparameters,
    /// Why the link the page was opened with could not be used, if it could not. While it is
    /// set the address bar keeps the broken link, so the learner can see what was wrong.
    pub link_problem: Option<String>,
    /// Counts the designs loaded from outside the form (a link opened, a guided step's "try
    /// it"), so the training form starts afresh from the new settings.
    pub loaded: u32,
    /// The validation images a guided step's "try it" chose with the settings it loaded (the
    /// overfitting lesson's 2 000); `None` leaves the form's field as the learner typed it.
    pub validation_images: Option<usize>,
    /// The data the link asks for (`data=light`), kept in the address as the design changes.
    pub data: DataChoice,
    /// A teacher's class link: the sections shown and steps assigned, kept in the address too.
    pub class: Option<Rc<ClassSetup>>,
}

pub enum LabAction {
    /// A change from the builder (or a whole model, as `Edit::Load`).
    Edit(Edit),
    Hyper(Hyperparameters),
    /// Settings chosen for the learner (a guided step's "try it"): the form shows them.
    Settings(Hyperparameters),
    /// Settings and a number of validation images chosen for the learner: the form shows both.
    SettingsValidating(Hyperparameters, usize),
    /// The address's fragment changed while the page was open: open the link it holds.
    FromLocation,
}

/// The page's URL fragment as the learner typed it. The browser keeps a typed link's spaces and
/// symbols percent-escaped ("%20"): read (and quote in a refusal) what the learner typed.
/// ConvLab's own links have no escapes.
fn location_fragment() -> String {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    js_sys::decode_uri_component(&hash).ok().and_then(|h| h.as_string()).unwrap_or(hash)
}

impl Lab {
    /// The design in the page's URL fragment (`#model=…`), or the tutorial's defaults.
    pub fn from_location() -> Self {
        let hash = location_fragment();
        let tutorial = |data| Self {
            spec: ModelSpec::tutorial(),
            hyper: Hyperparameters::default(),
            link_problem: None,
            loaded: 0,
            validation_images: None,
            data,
            class: None,
        };
        let refused = |error: String| Self {
            link_problem: Some(format!("The link could not be opened: {error}. The tutorial model is shown instead.")),
            ..tutorial(DataChoice::Full)
        };
        let class = match class_in_link(&hash) {
            Ok(class) => class.map(Rc::new),
            Err(error) => return refused(error.to_string()),
        };
        if !hash.contains("model=") {
            // A link may choose the data alone (a class's link with the tutorial's model).
            return match share_link::data_choice(&hash) {
                Ok(data) => Self { class, ..tutorial(data) },
                Err(error) => refused(error.to_string()),
            };
        }
        match share_link::decode_with_data(&hash) {
            Ok((spec, hyper, data)) => Self { spec, hyper, link_problem: None, loaded: 0, validation_images: None, data, class },
            Err(error) => refused(error.to_string()),
        }
    }

    /// The fragment for this design without the class setup: the full lab, same model,
    /// settings and data.
    pub fn full_lab_fragment(&self) -> String {
        share_link::encode_with_data(&self.spec, &self.hyper, self.data)
    }

    /// The fragment for this design (without `#`), when a link can carry it: a valid spec of a
    /// size links allow.
    pub fn fragment(&self) -> Option<String> {
        let mut fragment = self.full_lab_fragment();
        share_link::decode(&fragment).ok()?;
        if let Some(class) = &self.class {
            fragment.push('&');
            fragment.push_str(&class.link_part());
        }
        Some(fragment)
    }
}

impl Reducible for Lab {
    type Action = LabAction;

    fn reduce(self: Rc<Self>, action: LabAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            LabAction::Edit(edit) => {
                next.spec = edit.apply(&self.spec);
                next.link_problem = None;
            }
            LabAction::Hyper(hyper) => {
                if hyper != self.hyper {
                    next.link_problem = None;
                }
                next.hyper = hyper;
            }
            LabAction::Settings(hyper) => {
                next.hyper = hyper;
                next.loaded = self.loaded + 1;
                next.validation_images = None;
            }
            LabAction::SettingsValidating(hyper, images) => {
                next.hyper = hyper;
                next.loaded = self.loaded + 1;
                next.validation_images = Some(images);
            }
            LabAction::FromLocation => {
                let fragment = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
                // The page's own address updates do not fire `hashchange`, but be sure.
                if self.fragment().is_some_and(|own| fragment.trim_start_matches('#') == own) {
                    return self;
                }
                next = Self { loaded: self.loaded + 1, ..Self::from_location() };
            }
        }
        if next == *self { self } else { Rc::new(next) }
    }
}
