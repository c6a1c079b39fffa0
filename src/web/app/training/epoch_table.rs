//! One row per finished epoch, with the numbers Keras prints, and what they mean (why
//! val_accuracy can beat accuracy after epoch 1, right where both figures stand).

use crate::vocabulary;
use crate::web::app::widgets::meaning::Meaning;
use crate::training::early_stopping::lowest_val_loss;
use crate::training::{EarlyStop, EpochSummary, PartialEpoch};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub epochs: Vec<EpochSummary>,
    /// The epoch Stop cut short: shown with its training figures, and no validation.
    #[prop_or_default]
    pub partial: Option<PartialEpoch>,
    /// Early stopping ended the run: said under the table.
    #[prop_or_default]
    pub early_stop: Option<EarlyStop>,
    /// The run's model has BatchNormalization: its slow start is said under the table.
    #[prop_or_default]
    pub batch_norm: bool,
}

#[function_component]
pub fn EpochTable(props: &Props) -> Html {
    if props.epochs.is_empty() && props.partial.is_none() {
        return html! {};
    }
    // The epoch with the lowest val_loss is marked once there are two to choose from.
    let lowest = (props.epochs.len() >= 2).then(|| lowest_val_loss(&props.epochs)).flatten();
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
                    <tr class={classes!("epoch-row", (lowest == Some(e.epoch)).then_some("lowest"))}>
                        <td class="epoch" data-label="epoch">{ format!("{}/{}", e.epoch, e.epochs) }
                            if lowest == Some(e.epoch) {
                                <br /><span class="note">{ "lowest val_loss" }</span>
                            }
                        </td>
                        <td data-label="loss">{ format!("{:.4}", e.loss) }</td>
                        <td data-label="accuracy">{ format!("{:.4}", e.accuracy) }</td>
                        <td data-label="val_loss">{ format!("{:.4}", e.val_loss) }</td>
                        <td data-label="val_accuracy">{ format!("{:.4}", e.val_accuracy) }</td>
                        <td data-label="seconds">{ format!("{:.1}", e.seconds) }</td>
                        <td data-label="images/s">{ format!("{:.0}", e.samples_per_sec) }</td>
                    </tr>
                }) }
                if let Some(p) = &props.partial {
                    <tr class="epoch-row partial" id="partial-epoch">
                        <td class="epoch" data-label="epoch">{ format!("{}/{}", p.epoch, p.epochs) }<br /><span class="note">{ format!("stopped after batch {} of {}", p.batch, p.batches) }</span></td>
                        <td data-label="loss">{ format!("{:.4}", p.loss) }</td>
                        <td data-label="accuracy">{ format!("{:.4}", p.accuracy) }</td>
                        <td colspan="2" class="text" data-label="validation">{ "not validated: stopped before the epoch's end" }</td>
                        <td data-label="seconds">{ format!("{:.1}", p.train_seconds) }</td>
                        <td data-label="images/s">{ format!("{:.0}", if p.train_seconds > 0.0 { p.samples as f64 / p.train_seconds } else { 0.0 }) }</td>
                    </tr>
                }
            </tbody>
        </table>
        </div>
        if let Some(stop) = &props.early_stop {
            <p id="early-stop" class="note">{ early_stop_words(stop) }</p>
        }
        if props.batch_norm {
            <p id="batch-norm-start" class="note">{ BATCH_NORM_START }</p>
        }
        <Meaning id="epoch-table-meaning" about="loss, accuracy, val_loss and val_accuracy"
            text={format!("{} {} {}", vocabulary::TRAINING_FIGURES, vocabulary::VALIDATION_FIGURES, vocabulary::VALIDATION_ABOVE_TRAINING)} />
        </>
    }
}

/// Why the run ended before its last epoch, and which weights the model keeps.
/// Why a model with BatchNormalization can do far worse on validation than on training early on,
/// said where the learner sees the two figures apart.
const BATCH_NORM_START: &str = "This model has BatchNormalization. When it is checked on the \
     validation images it uses a running average of each channel's mean and variance, which \
     starts at 0 and 1 and moves only 1 % of the way towards each batch's figures. For the \
     first few hundred steps that average is still mostly its starting value, so val_accuracy \
     can stay far below accuracy; it catches up as the average settles.";

pub fn early_stop_words(stop: &EarlyStop) -> String {
    format!(
        "Stopped early after epoch {}: val_loss had not gone below {:.4} for {}. The model keeps the weights of epoch {}, where val_loss was lowest.",
        stop.after_epoch,
        stop.best_val_loss,
        crate::wording::count(stop.patience, "epoch"),
        stop.best_epoch
    )
}
