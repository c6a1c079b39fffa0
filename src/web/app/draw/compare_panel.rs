//! Compare two models on the same drawing: pick a kept run's model, and the worker answers each
//! drawing with it too, shown beside the main answer.

use crate::web::app::worker_bridge::context::use_worker;
use crate::web::app::storage::changes::{self, Change};
use crate::web::app::storage::runs;
use crate::web::app::state::page::{Answer, ComparedAnswer};
use crate::protocol::ToWorker;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub prediction: Option<Answer>,
    pub compared: Option<ComparedAnswer>,
}

fn top(p: &[f32]) -> (usize, f32) {
    p.iter().copied().enumerate().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap_or((0, 0.0))
}

#[function_component]
pub fn ComparePanel(props: &Props) -> Html {
    let worker = use_worker();
    let ids = use_state(|| Rc::new(Vec::<u32>::new()));
    let chosen = use_state(|| None::<u32>);
    let problem = use_state(|| None::<String>);
    // The list of kept models is read at first and when the choice gets focus, so new runs
    // show up.
    let refresh = {
        let ids = ids.clone();
        Callback::from(move |_: FocusEvent| load_ids(ids.clone()))
    };
    {
        let ids = ids.clone();
        use_effect_with((), move |_| {
            load_ids(ids.clone());
            let listener = changes::listen(Change::Runs, move || load_ids(ids.clone()));
            move || drop(listener)
        });
    }
    let on_change = {
        let (on_worker, chosen, problem) = (worker.send.clone(), chosen.clone(), problem.clone());
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let id = select.value().parse::<u32>().ok();
            chosen.set(id);
            let (on_worker, problem) = (on_worker.clone(), problem.clone());
            spawn_local(async move {
                let file = match id {
                    None => None,
                    Some(id) => match runs::get_model(id).await {
                        Ok(found) => found.map(|(model, _)| model),
                        Err(message) => return problem.set(Some(message)),
                    },
                };
                problem.set(None);
                let name = id.map_or_else(String::new, |id| format!("run {id}'s model"));
                on_worker.emit(ToWorker::CompareWith { name, file });
            });
        })
    };
    let current = props.prediction.as_ref().map(|a| a.request);
    let compared = props.compared.as_ref().filter(|c| chosen.is_some() && Some(c.request) == current);
    html! {
        <div class="compare-panel">
            <label for="compare-with">{ "Compare with: " }</label>
            <select id="compare-with" onchange={on_change} onfocus={refresh}>
                <option value="" selected={chosen.is_none()}>{ "no second model" }</option>
                { for ids.iter().map(|id| html! {
                    <option value={id.to_string()} selected={*chosen == Some(*id)}>{ format!("run {id}'s model") }</option>
                }) }
            </select>
            if let Some(message) = &*problem {
                <p class="error" role="alert">{ message }</p>
            }
            if let (Some(c), Some(main)) = (compared, props.prediction.as_ref()) {
                <p class="note" id="compared-answer" data-top={top(&c.probabilities).0.to_string()}>{ {
                    let (mine, p) = top(&main.probabilities);
                    let (theirs, q) = top(&c.probabilities);
                    format!("The answering model says {mine} ({:.0} %); {} says {theirs} ({:.0} %).", p * 100.0, c.name, q * 100.0)
                } }</p>
            }
        </div>
    }
}

fn load_ids(ids: UseStateHandle<Rc<Vec<u32>>>) {
    spawn_local(async move {
        if let Ok(sizes) = runs::model_sizes().await {
            ids.set(Rc::new(sizes.into_iter().map(|(id, _, _)| id).collect()));
        }
    });
}
