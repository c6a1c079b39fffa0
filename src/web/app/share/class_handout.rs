//! The class handout: one page to print or project, with the class link as text and as a QR code
//! a phone can read, the guided steps the class does, and a plan for the lesson's minutes. On
//! paper only the handout prints (www/style.css, `@media print`).

use crate::class_setup::{ClassSetup, qr_svg, time_plan};
use crate::data::DataChoice;
use crate::exercise::steps::STEPS;
use crate::training::Hyperparameters;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub class: Rc<ClassSetup>,
    pub link: String,
    pub hyper: Hyperparameters,
    pub data: DataChoice,
}

#[function_component]
pub fn ClassHandout(props: &Props) -> Html {
    let minutes = use_state(|| 50usize);
    let on_minutes = {
        let minutes = minutes.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Ok(value) = input.value().trim().parse::<usize>() {
                minutes.set(value.clamp(10, 180));
            }
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let class = &props.class;
    let plan = time_plan(class, &props.hyper, props.data, *minutes);
    let needed: usize = plan.iter().map(|(m, _)| m).sum();
    let qr = match qr_svg(&props.link) {
        Ok(svg) => Html::from_html_unchecked(AttrValue::from(svg)),
        Err(reason) => html! { <p class="error" role="alert">{ reason }</p> },
    };
    html! {
        <section id="class-handout" class="handout" aria-labelledby="handout-title">
            <h3 id="handout-title">{ format!("ConvLab for class {}", class.name) }</h3>
            <div class="handout-top">
                <div id="class-qr" class="handout-qr" role="img" aria-label="QR code of the class link">{ qr }</div>
                <p>{ "Scan the code, or type the link:" }<br /><code id="handout-link">{ &props.link }</code></p>
            </div>
            if class.shows(2) {
                <h4>{ "Your guided steps" }</h4>
                <ol id="handout-steps">
                    { for class.step_indices().into_iter().map(|i| html! { <li value={(i + 1).to_string()}>{ STEPS[i].title }</li> }) }
                </ol>
            }
            <h4>
                <label for="handout-minutes">{ "The lesson, in minutes: " }</label>
                <input type="number" id="handout-minutes" min="10" max="180" value={minutes.to_string()} oninput={on_minutes} />
            </h4>
            <table id="handout-plan" class="numbers">
                <tbody>{ for plan.iter().map(|(m, line)| html! { <tr><td>{ format!("{m} min") }</td><td class="text">{ line }</td></tr> }) }</tbody>
            </table>
            if needed > *minutes {
                <p class="note" id="handout-too-long">{ format!("This plan needs {needed} minutes: fewer epochs or images, or fewer steps, make it fit.") }</p>
            }
            <div class="buttons no-print">
                <button type="button" id="handout-print" onclick={on_print}>{ "Print the handout" }</button>
            </div>
        </section>
    }
}
