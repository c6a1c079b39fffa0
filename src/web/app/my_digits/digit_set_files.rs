//! The kept digits as a file, so a class can share a set: **Export** saves them as
//! `convlab-my-digits.json` (`handwriting::DigitSet`), **Import** reads such a file and keeps
//! the digits not already kept, **Delete all** (after a second press) empties the store. A bad
//! file is refused with the reason and nothing stored changes: it is checked whole before
//! anything is written, and its digits are written in one transaction.

use crate::web::app::state::digit_book::{BookAction, DigitBook, use_book};
use crate::web::app::storage::digits::{self, KeptDigit};
use crate::web::app::browser::file_download::download;
use crate::web::app::browser::focus::focus;
use crate::web::app::state::digit_book::reload;
use crate::wording::count;
use crate::my_digits::{DigitSet, MAX_FILE_BYTES};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

/// The export's file name.
pub const FILE_NAME: &str = "convlab-my-digits.json";

/// What the last action did: (text, whether it failed).
type Outcome = Option<(String, bool)>;

#[function_component]
pub fn DigitSetFiles() -> Html {
    let book = use_book();
    let outcome = use_state(|| None::<(String, bool)>);
    let confirming = use_state(|| false);
    let (delete_all, cancel) = (use_node_ref(), use_node_ref());
    {
        // Focus follows the buttons that replace each other (not when the page opens).
        let (delete_all, cancel, shown) = (delete_all.clone(), cancel.clone(), use_mut_ref(|| false));
        use_effect_with(*confirming, move |confirming| {
            if shown.replace(true) {
                focus(if *confirming { &cancel } else { &delete_all });
            }
        });
    }
    let digits = book.digits.clone();
    let on_export = {
        let (digits, outcome) = (digits.clone(), outcome.clone());
        Callback::from(move |_: MouseEvent| outcome.set(Some(export(&digits))))
    };
    let on_import = {
        let (outcome, book, known) = (outcome.clone(), book.dispatcher(), digits.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            // Choosing the same file again is a change too.
            input.set_value("");
            let (outcome, book, known) = (outcome.clone(), book.clone(), known.clone());
            spawn_local(async move {
                let result = import(&file, &known, &book).await;
                outcome.set(Some(match result {
                    Ok(text) => (text, false),
                    Err(reason) => (format!("{} cannot be imported: {reason}. Nothing was changed.", file.name()), true),
                }));
            });
        })
    };
    let on_delete_all = {
        let (confirming, outcome, empty) = (confirming.clone(), outcome.clone(), digits.is_empty() && book.unreadable.is_empty());
        Callback::from(move |_: MouseEvent| {
            if empty {
                outcome.set(Some(("There are no digits to delete.".into(), false)));
            } else {
                confirming.set(true);
            }
        })
    };
    let on_cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let on_confirm = {
        let (confirming, outcome, book, deleted) = (confirming.clone(), outcome.clone(), book.dispatcher(), digits.len());
        Callback::from(move |_: MouseEvent| {
            let (confirming, outcome, book) = (confirming.clone(), outcome.clone(), book.clone());
            spawn_local(async move {
                let result = digits::delete_all().await;
                reload(&book).await;
                confirming.set(false);
                outcome.set(Some(match result {
                    Ok(()) => (format!("Deleted {}.", count(deleted, "digit")), false),
                    Err(message) => (message, true),
                }));
            });
        })
    };
    html! {
        <div class="digit-files">
            <button type="button" id="my-digits-export" onclick={on_export}>{ "Export my digits (.json)" }</button>
            <span class="file-field">
                <label for="my-digits-file">{ "Import a digit set (.json): " }</label>
                <input type="file" id="my-digits-file" accept=".json,application/json" onchange={on_import} />
            </span>
            if *confirming {
                <span class="confirm" role="group" aria-labelledby="delete-all-question">
                    <span id="delete-all-question">{ format!("Delete {} {}? Export them first to keep a copy.", if digits.len() == 1 { "your" } else { "all" }, count(digits.len(), "kept digit")) }</span>
                    <button type="button" id="my-digits-delete-confirm" onclick={on_confirm}>{ "Yes, delete them" }</button>
                    <button type="button" id="my-digits-delete-cancel" ref={cancel} onclick={on_cancel}>{ "Keep them" }</button>
                </span>
            } else {
                <button type="button" id="my-digits-delete-all" ref={delete_all} onclick={on_delete_all}>{ "Delete all my digits" }</button>
            }
            { outcome_line(&outcome) }
        </div>
    }
}

fn outcome_line(outcome: &Outcome) -> Html {
    match outcome {
        Some((text, true)) => html! { <p id="my-digits-problem" class="error" role="alert">{ text }</p> },
        Some((text, false)) => html! { <p id="my-digits-message" class="note" role="status">{ text }</p> },
        None => html! {},
    }
}

/// Offers the kept digits as a file; the sentence to show.
fn export(digits: &[KeptDigit]) -> (String, bool) {
    if digits.is_empty() {
        return ("There are no digits to export yet: collect some under the canvas first.".into(), false);
    }
    let set = match DigitSet::new(digits.iter().map(|k| k.digit.clone()).collect()) {
        Ok(set) => set,
        Err(e) => return (format!("Your digits could not be exported: {e}."), true),
    };
    match download(FILE_NAME, "application/json", &set.to_json()) {
        Ok(()) => (format!("Exported {} as {FILE_NAME}.", count(set.len(), "digit")), false),
        Err(e) => (format!("Your digits could not be exported: {e}."), true),
    }
}

/// Reads, checks and keeps the digits of `file` not already kept (checked against the store as
/// it writes, so two tabs importing one file keep it once); the sentence to show, or why nothing
/// was kept. The digits added join the page's; nothing else is read again.
async fn import(file: &File, known: &[KeptDigit], book: &UseReducerDispatcher<DigitBook>) -> Result<String, String> {
    let size = file.size() as usize;
    if size > MAX_FILE_BYTES {
        return Err(format!("the file is {size} bytes; a digit set file may have at most {MAX_FILE_BYTES}"));
    }
    let text = JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()).ok_or("the file could not be read")?;
    let set = DigitSet::from_json(&text).map_err(|e| e.to_string())?;
    let (added, skipped) = digits::import(&set, known).await?;
    let added_count = added.len();
    if added_count > 0 {
        book.dispatch(BookAction::Imported(added));
    }
    let skipped = if skipped > 0 { format!(" ({skipped} already kept, skipped)") } else { String::new() };
    Ok(format!("Imported {} from {}{skipped}.", count(added_count, "digit"), file.name()))
}
