//! Section 7, "Share and export": the link that holds the model and settings, the Keras script,
//! a teacher's class link, and where to go beyond images.

use super::class_panel::ClassPanel;
use super::keras_panel::KerasPanel;
use super::share_panel::SharePanel;
use crate::web::app::state::lab::Lab;
use crate::web::app::widgets::tutorial_text::{Part, TutorialText};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lab: UseReducerHandle<Lab>,
}

#[function_component]
pub fn ShareSection(props: &Props) -> Html {
    let lab = &props.lab;
    html! {
        <section class="panel" aria-labelledby="share-title">
            <h2 id="share-title">{ "7. Share and export" }</h2>
            <SharePanel fragment={lab.fragment()} hold={lab.link_problem.is_some()} />
            <KerasPanel spec={lab.spec.clone()} hyper={lab.hyper.clone()} />
            <ClassPanel lab={lab.clone()} />
            <h3>{ "Beyond images" }</h3>
            <TutorialText part={Part::Beyond} />
        </section>
    }
}
