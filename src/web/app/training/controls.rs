//! The training settings (the tutorial's defaults, or a share link's) and the Train / Stop
//! buttons. Train sends the model from the builder, and is off while that model is impossible.

use crate::web::app::state::digit_book::use_book;
use crate::web::app::browser::drills::Drills;
use crate::web::app::browser::focus::{focus, focus_quietly, is_on_or_lost};
use crate::wording;
use crate::model::ModelSpec;
use crate::protocol::TrainRequest;
use crate::training::Hyperparameters;
use web_sys::HtmlInputElement;
use crate::web::app::widgets::meaning::Meaning;
use crate::vocabulary;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub ready: bool,
    pub running: bool,
    pub on_train: Callback<TrainRequest>,
    pub on_stop: Callback<()>,
    /// The model the builder holds.
    pub spec: ModelSpec,
    /// The settings the form starts with.
    pub initial: Hyperparameters,
    /// Every edit that leaves the settings valid.
    pub on_hyper: Callback<Hyperparameters>,
    /// The form's choices that are not training settings, kept outside it.
    pub extras: FormExtras,
    pub on_extras: Callback<FormExtras>,
}

/// What the form holds beside the training settings. The section keeps it, so a form remade
/// with new settings (a guided step's "Set up this run", a link) keeps the learner's choices.
#[derive(Clone, PartialEq)]
pub struct FormExtras {
    /// "Validation images" as typed.
    pub validation_images: String,
    /// "Add my digits to the training images".
    pub with_my_digits: bool,
}

impl Default for FormExtras {
    fn default() -> Self {
        Self { validation_images: "10000".into(), with_my_digits: false }
    }
}

/// The form's values as typed; parsed when Train is pressed.
#[derive(Clone, PartialEq)]
struct Form {
    epochs: String,
    batch_size: String,
    learning_rate: String,
    seed: String,
    train_subset: String,
    validation_subset: String,
    augment: bool,
    /// Early stopping's patience; empty: every epoch runs.
    patience: String,
}

impl Form {
    fn new(d: &Hyperparameters, extras: &FormExtras) -> Self {
        Self {
            epochs: d.epochs.to_string(),
            batch_size: d.batch_size.to_string(),
            learning_rate: d.learning_rate.to_string(),
            seed: d.seed.to_string(),
            train_subset: d.train_subset.unwrap_or(60_000).to_string(),
            validation_subset: extras.validation_images.clone(),
            augment: d.augment,
            patience: d.early_stopping.map_or_else(String::new, |p| p.to_string()),
        }
    }

    fn hyperparameters(&self) -> Result<Hyperparameters, String> {
        let train_subset = count(&self.train_subset, "Training images")?;
        let hyperparameters = Hyperparameters {
            epochs: count(&self.epochs, "Epochs")?,
            batch_size: count(&self.batch_size, "Batch size")?,
            learning_rate: number(&self.learning_rate, "Learning rate")?,
            seed: number(&self.seed, "Seed")?,
            train_subset: (train_subset < 60_000).then_some(train_subset),
            augment: self.augment,
            early_stopping: match self.patience.trim() {
                "" => None,
                typed => Some(count(typed, "Early stopping's patience")?),
            },
        };
        hyperparameters.validate()?;
        Ok(hyperparameters)
    }

    fn request(&self, spec: &ModelSpec) -> Result<TrainRequest, String> {
        let hyperparameters = self.hyperparameters()?;
        let validation_subset = count(&self.validation_subset, "Validation images")?;
        if validation_subset == 0 {
            return Err("Validation images must be at least 1".into());
        }
        spec.validate().map_err(|e| format!("The model cannot be built: {e}"))?;
        // Refused here, with the figures, rather than by a worker that runs out of memory.
        crate::training::memory::check(spec, &hyperparameters).map_err(|e| e.to_string())?;
        Ok(TrainRequest {
            spec: spec.clone(),
            hyperparameters,
            validation_subset: (validation_subset < 10_000).then_some(validation_subset),
            drill: Drills::from_page().run,
            extra_digits: None,
        })
    }
}

/// A count typed into the form. Read as u64 first, so a number too large for the page's 32-bit
/// `usize` is called too large rather than "not a number"; ranges are the core's to check.
fn count(text: &str, name: &str) -> Result<usize, String> {
    let wide: u64 = number(text, name)?;
    usize::try_from(wide).map_err(|_| format!("{name} is far too large: {wide}"))
}

fn number<T: std::str::FromStr>(text: &str, name: &str) -> Result<T, String> {
    text.trim().parse().map_err(|_| format!("{name} must be a number, not \"{text}\""))
}

#[function_component]
pub fn TrainingControls(props: &Props) -> Html {
    let book = use_book();
    let form = use_state(|| Form::new(&props.initial, &props.extras));
    let problem = use_state(|| None::<String>);
    let (train_button, stop_button) = (use_node_ref(), use_node_ref());
    // Train disables itself: its focus goes to Stop once the run starts, and back to Train when
    // the run ends with Stop (now disabled) focused.
    let focus_stop = use_mut_ref(|| false);
    let was_running = use_mut_ref(|| false);
    {
        let (train_button, stop_button, focus_stop) = (train_button.clone(), stop_button.clone(), focus_stop.clone());
        use_effect_with(props.running, move |&running| {
            let ended = was_running.replace(running) && !running;
            if running && focus_stop.replace(false) {
                focus(&stop_button);
            } else if ended && is_on_or_lost(&stop_button) {
                focus_quietly(&train_button);
            }
        });
    }
    let field = |id: &'static str, label: &'static str, value: &str, set: fn(&mut Form, String)| {
        let (form, on_hyper) = (form.clone(), props.on_hyper.clone());
        let (extras, on_extras) = (props.extras.clone(), props.on_extras.clone());
        let oninput = Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let mut next = (*form).clone();
            set(&mut next, input.value());
            if let Ok(hyper) = next.hyperparameters() {
                on_hyper.emit(hyper);
            }
            if next.validation_subset != extras.validation_images {
                on_extras.emit(FormExtras { validation_images: next.validation_subset.clone(), ..extras.clone() });
            }
            form.set(next);
        });
        html! {
            <label class="field">{ label }
                <input id={id} type="text" inputmode="decimal" value={value.to_string()} {oninput} disabled={props.running} />
            </label>
        }
    };
    let augment_box = {
        let checked = form.augment;
        let (form, on_hyper) = (form.clone(), props.on_hyper.clone());
        let onchange = Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let mut next = (*form).clone();
            next.augment = input.checked();
            if let Ok(hyper) = next.hyperparameters() {
                on_hyper.emit(hyper);
            }
            form.set(next);
        });
        html! {
            <label class="field check" title="Each training image is tilted, slanted, stretched, drawn thicker or thinner and blurred a little, differently every time: more like digits drawn on a screen">
                <input id="augment" type="checkbox" {checked} {onchange} disabled={props.running} />
                { "Augment the training images" }
            </label>
        }
    };
    let on_train = {
        let (form, problem, on_train, spec) = (form.clone(), problem.clone(), props.on_train.clone(), props.spec.clone());
        let focus_stop = focus_stop.clone();
        let (book, with_mine) = (book.clone(), props.extras.with_my_digits);
        Callback::from(move |_| match form.request(&spec) {
            Ok(mut request) => {
                if with_mine && !book.digits.is_empty() {
                    request.extra_digits = Some(book.labelled_digits());
                }
                problem.set(None);
                *focus_stop.borrow_mut() = true;
                on_train.emit(request);
            }
            Err(message) => problem.set(Some(message)),
        })
    };
    let on_stop = props.on_stop.reform(|_| ());
    let mine = book.digits.len();
    let mine_box = {
        let checked = props.extras.with_my_digits && mine > 0;
        let (extras, on_extras) = (props.extras.clone(), props.on_extras.clone());
        let onchange = Callback::from(move |event: Event| {
            let with_my_digits = event.target_unchecked_into::<HtmlInputElement>().checked();
            on_extras.emit(FormExtras { with_my_digits, ..extras.clone() });
        });
        html! {
            <label class="field check" title="Your kept digits (section 6, My digits) are added to the training images of this run">
                <input id="with-my-digits" type="checkbox" {checked} {onchange} disabled={props.running || mine == 0} />
                { format!("Add my {} to the training images", wording::count(mine, "digit")) }
            </label>
        }
    };
    let spec_error = props.spec.validate().err();
    html! {
        <div class="controls">
            <div class="fields">
                { field("epochs", "Epochs", &form.epochs, |f, v| f.epochs = v) }
                { field("batch-size", "Batch size", &form.batch_size, |f, v| f.batch_size = v) }
                { field("learning-rate", "Learning rate", &form.learning_rate, |f, v| f.learning_rate = v) }
                { field("seed", "Seed", &form.seed, |f, v| f.seed = v) }
                { field("train-subset", "Training images", &form.train_subset, |f, v| f.train_subset = v) }
                { field("validation-subset", "Validation images", &form.validation_subset, |f, v| f.validation_subset = v) }
                { field("patience", "Stop early: patience (epochs)", &form.patience, |f, v| f.patience = v) }
                { augment_box }
                { mine_box }
            </div>
            <Meaning id="patience-meaning" about="early stopping's patience" text={vocabulary::EARLY_STOPPING} />
            <div class="buttons">
                <button id="train" ref={train_button} onclick={on_train} disabled={!props.ready || props.running || spec_error.is_some()}
                    aria-describedby={spec_error.as_ref().map(|_| "train-blocked")}>{ "Train" }</button>
                <button id="stop" ref={stop_button} onclick={on_stop} disabled={!props.running}>{ "Stop" }</button>
            </div>
            if let Some(error) = &spec_error {
                <p id="train-blocked" class="error" role="alert">{ format!("Train is off because the model cannot be built: {error}. Fix it in section 2.") }</p>
            }
            if let Some(message) = &*problem {
                <p class="error" role="alert">{ message }</p>
            }
        </div>
    }
}
