//! The class board: a teacher pastes the class's result cards or drops their files, and sees
//! them side by side, best first, and as accuracy against parameters; the best model loads into
//! the builder with its settings. Malformed cards are refused one by one, each with its line
//! and reason, and the good ones are kept. The board lives in this tab only.

use super::board_chart::BoardChart;
use crate::exercise::builder::Preset;
use crate::model::digit_groups::thousands;
use crate::result_cards::reading::MAX_TEXT_BYTES;
use crate::result_cards::{Board, ResultCard, ranked, read_cards};
use crate::wording::{count, settings_words};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{DragEvent, File, FileList, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What the last addition did: the sentence, and the cards refused with where and why.
#[derive(Clone, Default, PartialEq)]
struct Outcome {
    message: String,
    problems: Vec<String>,
}

#[function_component]
pub fn ClassBoard() -> Html {
    let board = use_state(Board::default);
    let outcome = use_state(|| None::<Outcome>);
    let paste = use_node_ref();
    let add = {
        let (board, outcome) = (board.clone(), outcome.clone());
        move |sources: Vec<(Option<String>, Result<String, String>)>| {
            let mut cards = board.cards.clone();
            let (mut added, mut duplicates, mut problems) = (0, 0, Vec::new());
            for (file, text) in sources {
                let place = |line: usize| file.as_ref().map_or_else(|| format!("Line {line}"), |f| format!("{f}, line {line}"));
                match text.and_then(|text| read_cards(&text, &cards)) {
                    Ok(reading) => {
                        added += reading.cards.len();
                        duplicates += reading.duplicates;
                        problems.extend(reading.problems.iter().map(|p| format!("{}: {}.", place(p.line), p.reason)));
                        cards.extend(reading.cards);
                    }
                    Err(reason) => problems.push(format!("{}: {reason}.", file.as_deref().unwrap_or("The pasted text"))),
                }
            }
            let mut message = format!("Added {} to the board", count(added, "card"));
            if duplicates > 0 {
                message.push_str(&format!(" ({duplicates} already on it)"));
            }
            message.push_str(&match problems.len() {
                0 => ".".to_string(),
                n => format!("; {} could not be read:", count(n, "card")),
            });
            let refused = !problems.is_empty();
            board.set(Board { cards });
            outcome.set(Some(Outcome { message, problems }));
            refused
        }
    };
    let on_add = {
        let (add, paste) = (add.clone(), paste.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(area) = paste.cast::<HtmlTextAreaElement>() else { return };
            // A text with refused cards stays, so the lines the problems name can be found and
            // mended; added again, its good cards count as already on the board.
            if !add(vec![(None, Ok(area.value()))]) {
                area.set_value("");
            }
        })
    };
    let on_files = {
        let add = add.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            // Taken out before the field is emptied: emptying it empties its list of files.
            let files = input.files().map(|list| files_of(&list)).unwrap_or_default();
            // Choosing the same files again is a change too.
            input.set_value("");
            let add = add.clone();
            spawn_local(async move {
                add(read_files(files).await);
            });
        })
    };
    let on_drop = {
        let add = add.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            if let Some(list) = dropped_files(&event) {
                let (add, files) = (add.clone(), files_of(&list));
                spawn_local(async move {
                    add(read_files(files).await);
                });
            }
        })
    };
    let on_drag_over = Callback::from(|event: DragEvent| event.prevent_default());
    let on_load_best = {
        let (board, outcome) = (board.clone(), outcome.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(best) = board.best() else { return };
            // The page applies a link opened while it is open: the model and its settings.
            if let Some(window) = web_sys::window() {
                let _ = window.location().set_hash(&best.link);
            }
            outcome.set(Some(Outcome {
                message: format!("{}'s model and settings are in the builder (2. Model) and the training form (3. Training).", best.name.trim()),
                problems: Vec::new(),
            }));
        })
    };
    let on_clear = {
        let (board, outcome) = (board.clone(), outcome.clone());
        Callback::from(move |_: MouseEvent| {
            board.set(Board::default());
            outcome.set(None);
        })
    };
    let ranked = ranked(&board.cards);
    html! {
        <div class="class-board" ondrop={on_drop} ondragover={on_drag_over}>
            <h3 id="board-title">{ "Class board" }</h3>
            <p class="note">{ "For a teacher: paste the result cards your students copied (each run's Card button above makes one), or choose or drop their files. The board shows them side by side, best first. It stays in this tab; nothing is sent anywhere." }</p>
            <label for="board-paste">{ "Result cards:" }</label>
            <textarea id="board-paste" ref={paste} rows="4" placeholder="ConvLab result card, …" />
            <div class="buttons">
                <button type="button" id="board-add" onclick={on_add}>{ "Add to the board" }</button>
                <span class="file-field">
                    <label for="board-files">{ "or card files: " }</label>
                    <input type="file" id="board-files" multiple=true accept=".txt,text/plain" onchange={on_files} />
                </span>
            </div>
            if let Some(outcome) = &*outcome {
                <p id="board-message" class="note" role="status">{ &outcome.message }</p>
                if !outcome.problems.is_empty() {
                    <ul id="board-problems" class="error" role="alert">
                        { for outcome.problems.iter().map(|p| html! { <li>{ p }</li> }) }
                    </ul>
                }
            }
            if !ranked.is_empty() {
                <div class="table-scroll">
                    <table id="board-table" class="numbers">
                        <thead><tr>
                            <th scope="col">{ "#" }</th><th scope="col" class="text">{ "name" }</th><th scope="col" class="text">{ "model" }</th>
                            <th scope="col">{ "params" }</th><th scope="col" class="text">{ "settings" }</th>
                            <th scope="col">{ "test accuracy" }</th><th scope="col">{ "seconds" }</th><th scope="col" class="text">{ "machine" }</th>
                        </tr></thead>
                        <tbody>{ for ranked.iter().enumerate().map(|(i, card)| row(i + 1, card)) }</tbody>
                    </table>
                </div>
                <BoardChart cards={ranked.clone()} />
                <div class="buttons">
                    <button type="button" id="board-load-best" onclick={on_load_best}>{ "Load the best model into the builder" }</button>
                    <button type="button" id="board-clear" class="secondary" onclick={on_clear}>{ "Clear the board" }</button>
                </div>
            }
        </div>
    }
}

fn row(rank: usize, card: &ResultCard) -> Html {
    // Checked when read, so these cannot fail; a card that somehow did shows its link instead.
    let (model, settings) = match card.check() {
        Ok((spec, hyper)) => (
            Preset::matching(&spec).map_or_else(|| crate::model::share_link::encode_model(&spec), |p| p.label().to_string()),
            settings_words(&hyper, hyper.train_subset.unwrap_or(60_000), card.learner_digits),
        ),
        Err(_) => (card.link.clone(), String::new()),
    };
    let ending = if card.ending.is_empty() { String::new() } else { format!(" ({})", card.ending) };
    html! {
        <tr class="board-row">
            <td data-label="#">{ rank }</td>
            <td class="text" data-label="name">{ card.name.trim() }</td>
            <td class="text model-code" data-label="model">{ format!("{model}{ending}") }</td>
            <td data-label="params">{ thousands(card.params) }</td>
            <td class="text settings" data-label="settings">{ settings }</td>
            <td class="accuracy" data-label="test accuracy" title={format!("on {} test images", thousands(card.test_images))}>{ format!("{:.2} %", card.test_accuracy * 100.0) }</td>
            <td data-label="seconds">{ format!("{:.0}", card.seconds) }</td>
            <td class="text" data-label="machine">{ &card.machine }</td>
        </tr>
    }
}

/// The files dropped with `event`. Read by reflection: web-sys' `DataTransfer` feature is not
/// enabled for this one use.
fn dropped_files(event: &DragEvent) -> Option<FileList> {
    let transfer = js_sys::Reflect::get(event, &"dataTransfer".into()).ok()?;
    js_sys::Reflect::get(&transfer, &"files".into()).ok()?.dyn_into().ok()
}

fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Each file's name and text, or why it cannot be read.
async fn read_files(files: Vec<File>) -> Vec<(Option<String>, Result<String, String>)> {
    let mut read = Vec::new();
    for file in files {
        let size = file.size() as usize;
        let text = if size > MAX_TEXT_BYTES {
            Err(format!("the file is {size} bytes; a board reads at most {MAX_TEXT_BYTES} at once"))
        } else {
            JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()).ok_or_else(|| "the file could not be read".to_string())
        };
        read.push((Some(file.name()), text));
    }
    read
}
