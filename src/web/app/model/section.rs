//! Section "The model": the explanation, the builder, its live summary and the guided steps.

use super::guided_steps::GuidedSteps;
use crate::exercise::hidden::hidden_cells;
use crate::exercise::progress::Progress;
use crate::web::app::state::draw_order::DrawAction;
use crate::web::app::state::inside::InsideView;
use crate::web::app::state::lab::{Lab, LabAction};
use crate::web::app::state::page::RunView;
use std::rc::Rc;
use super::builder::ModelBuilder;
use super::summary::ModelSummary;
use crate::web::app::widgets::tutorial_text::{Part, TutorialText};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lab: UseReducerHandle<Lab>,
    /// The current run and the inside views: the steps about a run are judged against them.
    pub run: Rc<RunView>,
    pub inside: Rc<InsideView>,
    /// The course's progress (the page keeps it: the views under the drawing hide what it asks).
    pub progress: UseStateHandle<Progress>,
    /// A step's "try it" that changes the drawing.
    pub on_draw: Callback<DrawAction>,
}

#[function_component]
pub fn ModelSection(props: &Props) -> Html {
    let on_edit = {
        let lab = props.lab.clone();
        Callback::from(move |edit| lab.dispatch(LabAction::Edit(edit)))
    };
    // The summary hides what the open step asks.
    let progress = props.progress.clone();
    let hidden = props.lab.spec.summary().ok().and_then(|summary| hidden_cells(&progress, &summary));
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
            <ModelSummary spec={props.lab.spec.clone()} {hidden} />
            <GuidedSteps {progress} lab={props.lab.clone()} run={props.run.clone()} inside={props.inside.clone()}
                on_draw={props.on_draw.clone()} />
        </section>
    }
}
