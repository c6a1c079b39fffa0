//! "Prepare a class": a teacher chooses the class's name, the sections its students see, the
//! guided steps they are assigned and whether they download the light data, and gets a link
//! that opens the page so, with the model and training settings the page has now.

use crate::class_setup::{ClassSetup, SECTIONS};
use crate::data::DataChoice;
use crate::exercise::steps::STEPS;
use crate::model::share_link;
use crate::web::app::state::lab::Lab;
use crate::web::app::widgets::copy_button::CopyButton;
use super::class_handout::ClassHandout;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lab: UseReducerHandle<Lab>,
}

#[derive(Clone, PartialEq)]
struct Choices {
    name: String,
    sections: Vec<bool>,
    steps: Vec<bool>,
    light: bool,
}

#[function_component]
pub fn ClassPanel(props: &Props) -> Html {
    let handout = use_state(|| false);
    let choices = use_state(|| Choices { name: String::new(), sections: vec![true; SECTIONS.len()], steps: vec![false; STEPS.len()], light: true });
    let lab = &props.lab;
    let ticked = |flags: &[bool]| flags.iter().enumerate().filter(|(_, on)| **on).map(|(i, _)| i + 1).collect::<Vec<_>>();
    let setup = ClassSetup::new(&choices.name, ticked(&choices.sections), ticked(&choices.steps));
    let link = setup.as_ref().ok().map(|class| {
        let data = if choices.light { DataChoice::Light } else { DataChoice::Full };
        let fragment = format!("{}&{}", share_link::encode_with_data(&lab.spec, &lab.hyper, data), class.link_part());
        let page = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
        format!("{}#{fragment}", page.split('#').next().unwrap_or_default())
    });
    let edit = |change: fn(&mut Choices, &HtmlInputElement, usize), index: usize| {
        let choices = choices.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let mut next = (*choices).clone();
            change(&mut next, &input, index);
            choices.set(next);
        })
    };
    let on_name = {
        let choices = choices.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            choices.set(Choices { name: input.value(), ..(*choices).clone() });
        })
    };
    html! {
        <div class="class-panel" role="group" aria-labelledby="class-panel-title">
            <h3 id="class-panel-title">{ "Prepare a class" }</h3>
            <p class="note">{ "For a teacher: a link that opens ConvLab with only what your class needs. It carries the model and the training settings this page has now (set them above first), the sections to show, the guided steps to do, and the data. Students open it and see a line saying it was set up for their class, with a way to the full lab." }</p>
            <p>
                <label for="class-name">{ "Class name: " }</label>
                <input type="text" id="class-name" maxlength="40" value={choices.name.clone()} oninput={on_name} />
            </p>
            <fieldset>
                <legend>{ "Sections to show" }</legend>
                { for SECTIONS.iter().enumerate().map(|(i, name)| html! {
                    <label class="check">
                        <input type="checkbox" id={format!("class-show-{}", i + 1)} checked={choices.sections[i]}
                            onchange={edit(|c, input, i| c.sections[i] = input.checked(), i)} />
                        { format!(" {}. {name}", i + 1) }
                    </label>
                }) }
            </fieldset>
            <fieldset>
                <legend>{ "Guided steps to do (none ticked: all of them)" }</legend>
                { for STEPS.iter().enumerate().map(|(i, step)| html! {
                    <label class="check" title={step.title}>
                        <input type="checkbox" id={format!("class-step-{}", i + 1)} checked={choices.steps[i]}
                            onchange={edit(|c, input, i| c.steps[i] = input.checked(), i)} />
                        { format!(" {}", i + 1) }
                    </label>
                }) }
            </fieldset>
            <label class="check">
                <input type="checkbox" id="class-light" checked={choices.light} onchange={edit(|c, input, _| c.light = input.checked(), 0)} />
                { " Light data: the first 18 000 training and 2 000 test images, about 3.3 MB instead of 11.6 MB for each student" }
            </label>
            {
                match (&setup, link) {
                    (Ok(class), Some(link)) => html! {
                        <>
                        <p class="note" id="class-summary">{ format!("Students of {} will see {}.", class.name, class.words()) }</p>
                        <label for="class-link">{ "The class link:" }</label>
                        <textarea id="class-link" class="card-text" readonly=true rows="3" value={link.clone()} />
                        <div class="buttons">
                            <CopyButton text={link.clone()} field_id="class-link" id="class-copy" status_id="class-copy-status" label="Copy the class link" />
                            <button type="button" id="class-handout-open" class="secondary" aria-expanded={handout.to_string()}
                                onclick={{ let handout = handout.clone(); Callback::from(move |_: MouseEvent| handout.set(!*handout)) }}>
                                { if *handout { "Hide the handout" } else { "Show the printable handout" } }
                            </button>
                        </div>
                        if *handout {
                            <ClassHandout class={Rc::new(class.clone())} {link} hyper={lab.hyper.clone()}
                                data={if choices.light { DataChoice::Light } else { DataChoice::Full }} />
                        }
                        </>
                    },
                    (Err(reason), _) => html! { <p class="note" id="class-problem">{ format!("No link yet: {reason}.") }</p> },
                    _ => html! {},
                }
            }
        </div>
    }
}
