//! A run's result card: the learner types a name (remembered for the next card), sees the card
//! as it will be shared, and copies it or saves it as a file for the teacher's class board.

use crate::exercise::run_record::RunRecord;
use crate::result_cards::{CardError, ResultCard};
use crate::web::app::browser::file_download::download;
use crate::web::app::browser::focus::focus;
use crate::web::app::storage::card_name;
use crate::web::app::widgets::copy_button::CopyButton;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub run: RunRecord,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn ResultCardPanel(props: &Props) -> Html {
    let name = use_state(card_name::remembered);
    let saved = use_state(|| None::<Result<String, String>>);
    let name_field = use_node_ref();
    {
        // Opened from a row's Card button, perhaps far above: the name field takes the focus.
        let name_field = name_field.clone();
        use_effect_with((), move |_| focus(&name_field));
    }
    let id = props.run.id.unwrap_or_default();
    let card = ResultCard::from_run(&props.run, &name);
    let on_name = {
        let (name, saved) = (name.clone(), saved.clone());
        Callback::from(move |event: InputEvent| {
            let value = event.target_unchecked_into::<HtmlInputElement>().value();
            card_name::remember(&value);
            saved.set(None);
            name.set(value);
        })
    };
    let on_save = {
        let (card, saved) = (card.clone(), saved.clone());
        Callback::from(move |_: MouseEvent| {
            if let Ok(card) = &card {
                let file = format!("convlab-card-{}.txt", file_word(&card.name));
                saved.set(Some(download(&file, "text/plain", &card.to_text()).map(|()| file)));
            }
        })
    };
    let on_close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    html! {
        <div class="result-card" id="result-card" role="group" aria-labelledby="result-card-title">
            <h3 id="result-card-title">{ format!("Result card of run {id}") }</h3>
            <p class="note">{ "A card shares this run with your class: your name, the model and settings, the test accuracy, the time and the machine. Copy it or save it, and give it to your teacher, who collects the cards on a class board. Nothing is sent anywhere." }</p>
            <label for="card-name">{ "Your name on the card: " }</label>
            <input type="text" id="card-name" ref={name_field} maxlength="40" autocomplete="name" value={(*name).clone()} oninput={on_name} />
            {
                match &card {
                    Ok(card) => html! {
                        <>
                        <textarea id="card-text" class="card-text" readonly=true rows="3" aria-label="The card's text" value={card.to_text()} />
                        <div class="buttons">
                            <CopyButton text={card.to_text()} field_id="card-text" id="card-copy" status_id="card-copy-status" label="Copy the card" />
                            <button type="button" id="card-save" class="secondary" onclick={on_save}>{ "Save as a file" }</button>
                            <button type="button" id="card-close" class="secondary" onclick={on_close}>{ "Close" }</button>
                        </div>
                        </>
                    },
                    Err(reason) => html! {
                        <>
                        <p class="note" id="card-problem">{
                            if *reason == CardError::NoName { "Type your name to make the card.".to_string() } else { format!("This run has no card: {reason}.") }
                        }</p>
                        <div class="buttons">
                            <button type="button" id="card-close" class="secondary" onclick={on_close}>{ "Close" }</button>
                        </div>
                        </>
                    },
                }
            }
            {
                match &*saved {
                    Some(Ok(file)) => html! { <p class="note" role="status" id="card-saved">{ format!("Saved as {file}.") }</p> },
                    Some(Err(reason)) => html! { <p class="error" role="alert" id="card-saved">{ format!("The card could not be saved: {reason}") }</p> },
                    None => html! {},
                }
            }
        </div>
    }
}

/// The name as a file name's word: letters and digits, the rest as "-".
fn file_word(name: &str) -> String {
    let word: String = name.trim().chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    word.trim_matches('-').to_lowercase()
}
