//! "How does the model do on my digits?": sends the kept digits to the worker, where the model
//! that answers drawings reads each (`ToWorker::EvaluateDigits`), and shows the table of
//! `handwriting::score` for the digits as they were when asked. A later change (a digit kept or
//! deleted, another model answering) is said, with the button to check again.

use crate::web::app::worker_bridge::context::use_worker;
use super::digit_score_table::DigitScoreTable;
use crate::web::app::storage::digits::KeptDigit;
use crate::wording::count;
use crate::web::app::state::in_flight::use_in_flight;
use crate::web::app::state::page::DigitsAnswer;
use crate::my_digits::score;
use crate::protocol::ToWorker;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub digits: Rc<Vec<KeptDigit>>,
    pub answer: Option<DigitsAnswer>,
    /// The model answering drawings now.
    pub answering: Option<String>,
}

/// A request sent: its number and the digits it carried.
type Asked = (u64, Rc<Vec<KeptDigit>>);

#[function_component]
pub fn DigitCheck(props: &Props) -> Html {
    let worker = use_worker();
    let next = use_mut_ref(|| 0u64);
    let asked = use_state(|| None::<Asked>);
    let note = use_state(|| None::<String>);
    {
        let (asked, note) = (asked.clone(), note.clone());
        use_effect_with(worker.generation, move |_| {
            if asked.is_some() {
                note.set(Some("The worker stopped before it answered: press the button again.".into()));
                asked.set(None);
            }
        });
    }
    let asked_request = asked.as_ref().map(|(request, _)| *request);
    let answered = props.answer.as_ref().is_some_and(|answer| Some(answer.request()) == asked_request);
    let busy = use_in_flight(asked_request.is_some() && !answered, asked_request);
    let on_check = {
        let (digits, on_worker, asked, note) = (props.digits.clone(), worker.send.clone(), asked.clone(), note.clone());
        Callback::from(move |_: MouseEvent| {
            if busy.replace(true) {
                return;
            }
            if digits.is_empty() {
                busy.replace(false);
                note.set(Some("Keep some digits first: press Collect my digits under the canvas, draw, and press which digit it is.".into()));
                return;
            }
            note.set(None);
            let request = {
                let mut next = next.borrow_mut();
                *next += 1;
                *next
            };
            let pixels = digits.iter().flat_map(|k| k.digit.pixels.iter().copied()).collect();
            asked.set(Some((request, digits.clone())));
            on_worker.emit(ToWorker::EvaluateDigits { request, pixels });
        })
    };
    let answer = props.answer.as_ref().zip(asked.as_ref()).filter(|(answer, (request, _))| answer.request() == *request);
    let body = match answer {
        None if asked.is_some() => html! { <p class="note" id="digits-checking">{ "Reading your digits…" }</p> },
        None => html! {},
        Some((DigitsAnswer::Failed { message, .. }, _)) => html! { <p class="error" id="digits-check-problem" role="alert">{ message }</p> },
        Some((DigitsAnswer::Read { model, predictions, confidences, .. }, (_, digits))) => {
            let labels: Vec<u8> = digits.iter().map(|k| k.digit.label).collect();
            match score(&labels, predictions, confidences) {
                Ok(table) => html! {
                    <>
                        <DigitScoreTable model={model.clone()} score={Rc::new(table)} digits={digits.clone()} />
                        if !Rc::ptr_eq(digits, &props.digits) && **digits != *props.digits {
                            <p class="note" id="digits-changed">{ "Your digits have changed since: check again to include them." }</p>
                        }
                        if props.answering.as_ref().is_some_and(|now| now != model) {
                            <p class="note" id="digits-model-changed">{ "Another model answers drawings now: check again to see how it does." }</p>
                        }
                    </>
                },
                Err(e) => html! { <p class="error" id="digits-check-problem" role="alert">{ format!("The answer could not be scored: {e}.") }</p> },
            }
        }
    };
    // Screen readers hear the outcome in one sentence, not the whole table.
    let announced = match answer {
        Some((DigitsAnswer::Read { predictions, .. }, (_, digits))) => {
            let right = digits.iter().zip(predictions.iter()).filter(|(k, p)| k.digit.label == **p).count();
            format!("Checked: {right} of your {} read right.", count(digits.len(), "digit"))
        }
        _ => String::new(),
    };
    html! {
        <div class="digit-check">
            <p id="digits-check-announcement" class="visually-hidden" aria-live="polite" aria-atomic="true">{ announced }</p>
            <button type="button" id="my-digits-check" onclick={on_check}>{ "How does the model do on my digits?" }</button>
            if let Some(text) = &*note {
                <p class="note" id="digits-check-note">{ text }</p>
            }
            { body }
        </div>
    }
}
