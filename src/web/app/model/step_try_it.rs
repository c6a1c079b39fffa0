//! A step's "try it": the change it makes to the page (a model in the builder, the training form
//! set to the course's quick run or the overfitting lesson's run, a 1 drawn on the canvas, the drawing moved 2 pixels, a value of
//! layer 1 opened, or the way to the slider or the kernel editor), and what it did.

use crate::exercise::builder::Edit;
use crate::exercise::steps::{
    LESSON_EPOCHS, LESSON_IMAGES, LESSON_PATIENCE, LESSON_VALIDATION_IMAGES, QUICK_RUN_IMAGES, SHIFT_PIXELS, Step, TryIt, lesson_run,
    lesson_run_with_early_stopping, quick_run,
};
use crate::model::ModelSpec;
use crate::training::Hyperparameters;
use crate::web::app::browser::focus::focus_id;
use crate::web::app::state::draw_order::DrawAction;
use crate::web::app::state::inside::InsideView;
use crate::web::app::state::lab::{Lab, LabAction};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub step: &'static Step,
    pub lab: UseReducerHandle<Lab>,
    /// Whether there is a drawing to open a value of, or to look at through the slider.
    pub inside: Rc<InsideView>,
    pub on_draw: Callback<DrawAction>,
}

/// Opens layer 1's first map large (as a click on it does), unless it is open already, then puts
/// focus on its value picker once it is drawn.
fn open_first_map() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let first = document.query_selector("#feature-maps .map-grid .map-button").ok().flatten();
    if let Some(button) = first.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
        if button.get_attribute("aria-pressed").as_deref() != Some("true") {
            button.click();
        }
    }
    // The picker appears with the next render.
    gloo_timers::callback::Timeout::new(50, || focus_id("value-picker")).forget();
}

fn model_name(spec: &ModelSpec) -> &'static str {
    if *spec == ModelSpec::dense_baseline() {
        "the dense baseline"
    } else if *spec == ModelSpec::tutorial_with_dropout() {
        "the tutorial model with Dropout(0.25) after each pooling"
    } else {
        "the tutorial model"
    }
}

/// A number as the steps write it: 1 000, 6 400.
fn spaced(n: usize) -> String {
    crate::exercise::answer::grouped(n).replace(',', " ")
}

#[function_component]
pub fn StepTryIt(props: &Props) -> Html {
    let step = props.step;
    let done = use_state(|| None::<(&'static str, String)>);
    // What was done belongs to the step it was done for.
    let done_text = done.as_ref().filter(|(id, _)| *id == step.id).map(|(_, text)| text.clone());
    let name = model_name(&step.spec());
    let set_up = |augment: bool| {
        let (lab, done) = (props.lab.clone(), done.clone());
        Callback::from(move |_: MouseEvent| {
            let spec = step.spec();
            let settings = Hyperparameters { augment, ..quick_run(&lab.hyper) };
            lab.dispatch(LabAction::Edit(Edit::Load(spec.clone())));
            lab.dispatch(LabAction::Settings(settings));
            let with = if augment { ", with augmentation" } else { "" };
            done.set(Some((step.id, format!(
                "Set: {} in the builder, and the training form at 1 epoch on {} training images{with}. Press Train under 3. Training.",
                model_name(&spec), spaced(QUICK_RUN_IMAGES),
            ))));
        })
    };
    // The overfitting lesson's run, validating on fewer test images to keep it short.
    let set_up_lesson = |early_stopping: bool| {
        let (lab, done) = (props.lab.clone(), done.clone());
        Callback::from(move |_: MouseEvent| {
            let spec = step.spec();
            let settings = if early_stopping { lesson_run_with_early_stopping(&lab.hyper) } else { lesson_run(&lab.hyper) };
            lab.dispatch(LabAction::Edit(Edit::Load(spec.clone())));
            lab.dispatch(LabAction::SettingsValidating(settings, LESSON_VALIDATION_IMAGES));
            let with = if early_stopping { format!(", with early stopping after {LESSON_PATIENCE} epochs without a lower val_loss") } else { String::new() };
            done.set(Some((step.id, format!(
                "Set: {} in the builder, and the training form at {LESSON_EPOCHS} epochs on {} training images, {} validation images{with}. \
                 Press Train under 3. Training.",
                model_name(&spec), spaced(LESSON_IMAGES), spaced(LESSON_VALIDATION_IMAGES),
            ))));
        })
    };
    let button = match step.try_it {
        TryIt::LoadModel => {
            let (lab, done) = (props.lab.clone(), done.clone());
            let onclick = Callback::from(move |_: MouseEvent| {
                lab.dispatch(LabAction::Edit(Edit::Load(step.spec())));
                done.set(Some((step.id, format!("Loaded {} into the builder above.", model_name(&step.spec())))));
            });
            html! { <button type="button" id="step-try" {onclick}>{ format!("Load {name}") }</button> }
        }
        TryIt::QuickRun => html! { <button type="button" id="step-try" onclick={set_up(false)}>{ "Set up this run" }</button> },
        TryIt::QuickRunAugmented => {
            html! { <button type="button" id="step-try" onclick={set_up(true)}>{ "Set up the run with augmentation" }</button> }
        }
        TryIt::Lesson => html! { <button type="button" id="step-try" onclick={set_up_lesson(false)}>{ "Set up this run" }</button> },
        TryIt::LessonEarlyStopping => {
            html! { <button type="button" id="step-try" onclick={set_up_lesson(true)}>{ "Set up the run with early stopping" }</button> }
        }
        TryIt::DrawOne | TryIt::ShiftRight => {
            let (on_draw, done) = (props.on_draw.clone(), done.clone());
            let (action, label, said) = match step.try_it {
                TryIt::DrawOne => (DrawAction::DrawOne, "Draw a 1 for me".to_string(),
                    "Drew a 1 on the canvas under 6. Draw a digit, with the keyboard pen; its maps are beside it.".to_string()),
                _ => (DrawAction::ShiftRight, format!("Shift my drawing {SHIFT_PIXELS} px right"), format!(
                    "The model now reads your digit {SHIFT_PIXELS} pixels further right (a 1 was drawn first if the canvas was empty). \
                     The button beside the canvas moves it back and forth: compare the maps and the bars."
                )),
            };
            let onclick = Callback::from(move |_: MouseEvent| {
                on_draw.emit(action);
                done.set(Some((step.id, said.clone())));
            });
            html! { <button type="button" id="step-try" {onclick}>{ label }</button> }
        }
        TryIt::OpenCell | TryIt::FieldSlider | TryIt::KernelEditor if props.inside.drawing.is_none() => html! {
            <p class="note" id="step-try-draw-first">{ "This needs a drawing: draw a digit under " }
                <a href="#draw-title">{ "6. Draw a digit" }</a>{ " first." }</p>
        },
        TryIt::OpenCell => {
            let done = done.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                open_first_map();
                done.set(Some((step.id, "Opened layer 1's first map of your drawing: pick a pixel of it (tap, or the arrow keys) \
                    and the panel works out its value.".to_string())));
            });
            html! { <button type="button" id="step-try" {onclick}>{ "Open a value of layer 1" }</button> }
        }
        TryIt::FieldSlider => {
            let onclick = Callback::from(|_: MouseEvent| focus_id("field-slider-input"));
            html! { <button type="button" id="step-try" {onclick}>{ "Go to the slider" }</button> }
        }
        TryIt::KernelEditor => {
            let onclick = Callback::from(|_: MouseEvent| focus_id("own-kernel-presets"));
            html! { <button type="button" id="step-try" {onclick}>{ "Go to the classic kernels" }</button> }
        }
    };
    html! {
        <div class="try-it">
            <p><strong>{ "Try it: " }</strong>{ step.suggestion }</p>
            { button }
            if let Some(text) = done_text {
                <p id="step-try-done" class="note" role="status">{ text }
                    if matches!(step.try_it, TryIt::QuickRun | TryIt::QuickRunAugmented | TryIt::Lesson | TryIt::LessonEarlyStopping) { { " " }<a href="#train-title">{ "Go to Training" }</a> }
                </p>
            }
        </div>
    }
}
