//! Section "The model": the explanation, the builder, its live summary and the guided steps.

use super::guided_steps::GuidedSteps;
use crate::exercise::builder::Edit;
use crate::web::app::state::lab::{Lab, LabAction};
use super::builder::ModelBuilder;
use super::summary::ModelSummary;
use crate::web::app::widgets::tutorial_text::{Part, TutorialText};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lab: UseReducerHandle<Lab>,
}

#[function_component]
pub fn ModelSection(props: &Props) -> Html {
    let on_edit = {
        let lab = props.lab.clone();
        Callback::from(move |edit| lab.dispatch(LabAction::Edit(edit)))
    };
    let on_load = on_edit.reform(Edit::Load);
    html! {
        <section class="panel" aria-labelledby="model-title" id="model">
            <h2 id="model-title">{ "2. The model" }</h2>
            <TutorialText part={Part::Model} />
            if let Some(problem) = &props.lab.link_problem {
                <p id="link-problem" class="error" role="alert">{ problem }</p>
            }
            <h3>{ "Layers" }</h3>
            <ModelBuilder spec={props.lab.spec.clone()} {on_edit} />
            <h3>{ "Summary" }</h3>
            <ModelSummary spec={props.lab.spec.clone()} />
            <GuidedSteps on_apply={on_load} />
        </section>
    }
}
