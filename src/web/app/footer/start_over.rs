//! **Start over**: asks first, saying what will be deleted (the counts read from storage) and
//! what stays, then deletes it all and opens the page afresh, without the link's settings, as on
//! a first visit. If the deletion fails, nothing is reloaded and the reason is said here.

use crate::wording::count;
use crate::web::app::browser::focus::focus;
use crate::web::app::model::step_storage;
use crate::web::app::storage::start_over::{self, Kept};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
enum Stage {
    Closed,
    /// Asking, with what storage holds (or why it cannot be read).
    Asking(Result<Kept, String>),
    Deleting,
    Failed(String),
}

#[function_component]
pub fn StartOver() -> Html {
    let stage = use_state(|| Stage::Closed);
    let (open_button, cancel) = (use_node_ref(), use_node_ref());
    {
        // Focus follows the buttons that replace each other (not when the page opens).
        let (open_button, cancel, shown) = (open_button.clone(), cancel.clone(), use_mut_ref(|| false));
        let asking = matches!(*stage, Stage::Asking(_));
        use_effect_with(asking, move |asking| {
            if shown.replace(true) {
                focus(if *asking { &cancel } else { &open_button });
            }
        });
    }
    let on_open = {
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| {
            let stage = stage.clone();
            spawn_local(async move { stage.set(Stage::Asking(start_over::count().await)) });
        })
    };
    let on_cancel = {
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| stage.set(Stage::Closed))
    };
    let on_confirm = {
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| {
            let stage = stage.clone();
            stage.set(Stage::Deleting);
            spawn_local(async move {
                match start_over::delete_everything().await {
                    Ok(()) => {
                        step_storage::forget();
                        open_afresh();
                    }
                    Err(reason) => stage.set(Stage::Failed(reason)),
                }
            });
        })
    };
    html! {
        <div class="start-over">
            <h2 id="start-over-title">{ "Start over" }</h2>
            {
                match &*stage {
                    Stage::Asking(kept) => html! {
                        <div class="confirm" role="group" aria-labelledby="start-over-question">
                            <p id="start-over-question">{ question(kept) }</p>
                            <button type="button" id="start-over-confirm" onclick={on_confirm}>{ "Delete it all and start over" }</button>
                            <button type="button" id="start-over-cancel" class="secondary" ref={cancel} onclick={on_cancel}>{ "Keep everything" }</button>
                        </div>
                    },
                    Stage::Deleting => html! { <p class="note" role="status">{ "Deleting…" }</p> },
                    Stage::Closed | Stage::Failed(_) => html! {
                        <>
                        <p class="note">{ "Put ConvLab back as it was on your first visit: for the next learner on a shared computer, or to begin the course again." }</p>
                        <button type="button" id="start-over" ref={open_button} onclick={on_open}>{ "Start over…" }</button>
                        </>
                    },
                }
            }
            if let Stage::Failed(reason) = &*stage {
                <p id="start-over-problem" class="error" role="alert">{ reason }</p>
            }
        </div>
    }
}

/// What will be deleted and what stays.
fn question(kept: &Result<Kept, String>) -> String {
    let stored = match kept {
        Ok(kept) => format!(
            "{}, {} and {}",
            count(kept.runs as usize, "recorded run"),
            count(kept.models as usize, "kept model"),
            format!("{} in My digits", count(kept.digits as usize, "digit")),
        ),
        Err(reason) => format!("the runs and digits kept in this browser, if any ({reason})"),
    };
    format!(
        "This deletes, in this browser: {stored}; your progress in the guided steps; the choice of \
         model that answers drawings; and the name on your result cards. The model and the \
         training settings go back to the tutorial's. Other ConvLab tabs lose the same runs and \
         digits. The downloaded MNIST images stay, so nothing is downloaded again. Delete it all?"
    )
}

/// The page again, without the link's query or fragment (they would set a model and settings).
fn open_afresh() {
    if let Some(window) = web_sys::window() {
        let location = window.location();
        let path = location.pathname().unwrap_or_else(|_| "/".into());
        let _ = location.replace(&path);
    }
}
