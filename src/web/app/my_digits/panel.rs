//! "My digits: teach it your handwriting". The digits the learner drew and labelled under the
//! canvas, kept in this browser: how many, the file actions, how the model answering drawings
//! does on them, and a gallery per digit with Delete. Reads the store when the page opens.

use crate::web::app::state::digit_book::use_book;
use super::digit_check::DigitCheck;
use super::digit_gallery::DigitGallery;
use super::digit_set_files::DigitSetFiles;
use crate::web::app::storage::changes::{self, Change};
use crate::web::app::storage::digits;
use super::fine_tune_panel::FineTunePanel;
use crate::web::app::browser::focus::focus_id;
use crate::web::app::state::digit_book::{BookAction, DigitBook, reload};
use crate::wording::{agree, count};
use crate::web::app::state::page::{DigitsAnswer, FineTuneNews};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub answer: Option<DigitsAnswer>,
    pub answering: Option<String>,
    /// The latest fine-tuning news, whether one could start now, and who hears it asked for.
    pub fine_tuning: Option<(u64, std::rc::Rc<FineTuneNews>)>,
    pub can_fine_tune: bool,
    pub on_fine_tune: Callback<u64>,
}

#[function_component]
pub fn MyDigitsPanel(props: &Props) -> Html {
    let book = use_book();
    {
        let book = book.dispatcher();
        use_effect_with((), move |_| {
            let first = book.clone();
            spawn_local(async move { reload(&first).await });
            // Another tab kept, imported or deleted digits: show what the store holds now.
            let listener = changes::listen(Change::Digits, move || {
                let book = book.clone();
                spawn_local(async move { reload(&book).await });
            });
            move || drop(listener)
        });
    }
    let problem = use_state(|| None::<String>);
    let on_delete = {
        let (book, problem) = (book.clone(), problem.clone());
        Callback::from(move |id: u32| {
            // Focus goes to the neighbour's Delete (the next of the same digit, else the one
            // before), else to Export, never to the page's body.
            let next_focus = neighbour(&book, id).map_or("my-digits-export".to_string(), |n| format!("my-digit-{n}-delete"));
            let (dispatch, problem) = (book.dispatcher(), problem.clone());
            spawn_local(async move {
                let result = digits::delete(&[id]).await;
                reload(&dispatch).await;
                problem.set(result.err());
                focus_id(&next_focus);
            });
        })
    };
    let book = &book;
    let total = book.digits.len();
    let on_collect = {
        let dispatch = book.dispatcher();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(BookAction::Collect(true));
            focus_id("draw-canvas");
        })
    };
    html! {
        <div class="my-digits">
            <p class="note">{ "Does the model read your handwriting as well as MNIST's? Press Collect my digits under the canvas, draw a digit, and press which digit it is (or type it while the drawing area has focus). Your digits are kept in this browser only; export them to share a set with a class." }</p>
            if let Some(message) = &book.store_problem {
                <p id="my-digits-store-problem" class="error" role="alert">{ message }</p>
            }
            <p id="my-digits-count">
                { if !book.loaded { "Reading your kept digits…".to_string() } else { format!("{} kept.", count(total, "digit")) } }
                if !book.collecting {
                    { " " }
                    <button type="button" class="small" id="my-digits-start" onclick={on_collect}>{ "Collect my digits" }</button>
                }
            </p>
            if !book.unreadable.is_empty() {
                <p id="my-digits-unreadable" class="note">{ format!(
                    "{} could not be read (written by another version?); Delete all removes {}.",
                    count(book.unreadable.len(), "stored digit"), agree(book.unreadable.len(), "it", "them")
                ) }</p>
            }
            <DigitSetFiles />
            if let Some(message) = &*problem {
                <p id="my-digits-delete-problem" class="error" role="alert">{ message }</p>
            }
            <DigitCheck digits={book.digits.clone()} answer={props.answer.clone()} answering={props.answering.clone()} />
            <FineTunePanel news={props.fine_tuning.clone()} can_start={props.can_fine_tune} on_requested={props.on_fine_tune.clone()} />
            <DigitGallery digits={book.digits.clone()} {on_delete} />
        </div>
    }
}

/// The digit whose Delete takes the focus when `id` is deleted: the next of the same label in
/// the gallery (which shows the newest first), else the one before.
fn neighbour(book: &DigitBook, id: u32) -> Option<u32> {
    let label = book.digits.iter().find(|k| k.id == id)?.digit.label;
    let shown: Vec<u32> = book.digits.iter().rev().filter(|k| k.digit.label == label).map(|k| k.id).collect();
    let at = shown.iter().position(|&k| k == id)?;
    shown.get(at + 1).or(at.checked_sub(1).and_then(|i| shown.get(i))).copied()
}
