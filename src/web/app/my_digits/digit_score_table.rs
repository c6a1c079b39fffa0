//! How a model did on the learner's digits: the accuracy over all of them, a row per digit 0–9,
//! and every misread digit as the model saw it, "drawn 9, read as 8". Computed by
//! `handwriting::score`; `id` prefixes the element ids, so a second table (before and after
//! fine-tuning) can stand beside the first.

use crate::web::app::widgets::digit_image::DigitImage;
use crate::web::app::storage::digits::KeptDigit;
use crate::wording::{capitalised, count};
use crate::my_digits::DigitScore;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    #[prop_or(AttrValue::Static("digits-score"))]
    pub id: AttrValue,
    /// The model that read the digits, as the worker names it.
    pub model: String,
    pub score: Rc<DigitScore>,
    /// The digits scored, in the order scored (the misread are shown from them).
    pub digits: Rc<Vec<KeptDigit>>,
}

#[function_component]
pub fn DigitScoreTable(props: &Props) -> Html {
    let score = &props.score;
    let id = |part: &str| format!("{}-{part}", props.id);
    let percent = |share: Option<f32>| share.map_or("—".to_string(), |a| format!("{:.0} %", a * 100.0));
    html! {
        <div class="digit-score" id={props.id.clone()}>
            <p id={id("accuracy")}>{ format!(
                "{} read {} of your {} right: {}.",
                capitalised(&props.model), score.correct, count(score.total, "digit"), percent(score.accuracy())
            ) }</p>
            <div class="table-scroll">
                <table id={id("table")} class="numbers score-table">
                    <caption>{ "Per digit" }</caption>
                    <thead><tr><th scope="col">{ "Digit" }</th><th scope="col">{ "Kept" }</th><th scope="col">{ "Read right" }</th><th scope="col">{ "Accuracy" }</th></tr></thead>
                    <tbody>
                        { for score.classes.iter().map(|row| html! {
                            <tr class={classes!((row.count > 0 && row.correct < row.count).then_some("has-misread"))}>
                                <th scope="row">{ row.label }</th>
                                <td>{ row.count }</td>
                                <td>{ row.correct }</td>
                                <td>{ percent(row.accuracy()) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if score.misread.is_empty() {
                <p class="note" id={id("misread")}>{ "No digit was misread." }</p>
            } else {
                <h4>{ format!("Misread ({})", score.misread.len()) }</h4>
                <ul class="misread" id={id("misread")}>
                    { for score.misread.iter().filter_map(|m| {
                        let kept = props.digits.get(m.index)?;
                        let text = format!("drawn {}, read as {} ({:.0} %)", m.label, m.read_as, m.confidence * 100.0);
                        Some(html! {
                            <li class="misread-digit">
                                <DigitImage pixels={Rc::new(kept.digit.levels())} label={format!("Your digit {}", m.label)} />
                                <span>{ text }</span>
                            </li>
                        })
                    }) }
                </ul>
            }
        </div>
    }
}
