//! A step's "try it": the change it makes to the page (a model in the builder, the training form
//! set to the course's quick run, or the way to the drawing canvas), and what it did.

use crate::exercise::builder::Edit;
use crate::exercise::steps::{QUICK_RUN_IMAGES, Step, TryIt, quick_run};
use crate::model::ModelSpec;
use crate::training::Hyperparameters;
use crate::web::app::state::lab::{Lab, LabAction};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub step: &'static Step,
    pub lab: UseReducerHandle<Lab>,
}

fn model_name(spec: &ModelSpec) -> &'static str {
    if *spec == ModelSpec::dense_baseline() { "the dense baseline" } else { "the tutorial model" }
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
                model_name(&spec), crate::exercise::answer::grouped(QUICK_RUN_IMAGES).replace(',', " "),
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
        TryIt::Draw => html! { <a id="step-try" class="button-link" href="#draw-title">{ "Go to the drawing canvas" }</a> },
    };
    html! {
        <div class="try-it">
            <p><strong>{ "Try it: " }</strong>{ step.suggestion }</p>
            { button }
            if let Some(text) = done_text {
                <p id="step-try-done" class="note" role="status">{ text }
                    if matches!(step.try_it, TryIt::QuickRun | TryIt::QuickRunAugmented) { { " " }<a href="#train-title">{ "Go to Training" }</a> }
                </p>
            }
        </div>
    }
}
