//! One row per finished epoch, with the numbers Keras prints, and what they mean (why
//! val_accuracy can beat accuracy after epoch 1, right where both figures stand).

use crate::vocabulary;
use crate::web::app::widgets::meaning::Meaning;
use crate::training::EpochSummary;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub epochs: Vec<EpochSummary>,
}

#[function_component]
pub fn EpochTable(props: &Props) -> Html {
    if props.epochs.is_empty() {
        return html! {};
    }
    html! {
        <>
        // On a phone each epoch becomes a card of labelled figures (www/style.css).
        <div class="table-scroll">
        <table id="epoch-table" class="numbers">
            <thead><tr>
                <th>{ "epoch" }</th><th>{ "loss" }</th><th>{ "accuracy" }</th>
                <th>{ "val_loss" }</th><th>{ "val_accuracy" }</th><th>{ "seconds" }</th><th>{ "images/s" }</th>
            </tr></thead>
            <tbody>
                { for props.epochs.iter().map(|e| html! {
                    <tr class="epoch-row">
                        <td class="epoch" data-label="epoch">{ format!("{}/{}", e.epoch, e.epochs) }</td>
                        <td data-label="loss">{ format!("{:.4}", e.loss) }</td>
                        <td data-label="accuracy">{ format!("{:.4}", e.accuracy) }</td>
                        <td data-label="val_loss">{ format!("{:.4}", e.val_loss) }</td>
                        <td data-label="val_accuracy">{ format!("{:.4}", e.val_accuracy) }</td>
                        <td data-label="seconds">{ format!("{:.1}", e.seconds) }</td>
                        <td data-label="images/s">{ format!("{:.0}", e.samples_per_sec) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
        </div>
        <Meaning id="epoch-table-meaning" about="loss, accuracy, val_loss and val_accuracy"
            text={format!("{} {} {}", vocabulary::TRAINING_FIGURES, vocabulary::VALIDATION_FIGURES, vocabulary::VALIDATION_ABOVE_TRAINING)} />
        </>
    }
}
