//! Loss and accuracy as training goes: the running training figures per batch, and the
//! validation figures per epoch.

use crate::training::early_stopping::lowest_val_loss;
use crate::vocabulary;
use crate::web::app::widgets::meaning::Meaning;
use crate::web::app::widgets::line_chart::{LineChart, Series, YAxis};
use crate::web::app::state::page::RunView;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub run: Rc<RunView>,
}

#[function_component]
pub fn TrainingCharts(props: &Props) -> Html {
    let run = &props.run;
    if run.curve.is_empty() {
        return html! {};
    }
    let epochs = run.request.as_ref().map_or(1, |r| r.hyperparameters.epochs) as f64;
    let train = |pick: fn(&(f64, f32, f32)) -> f32| run.curve.iter().map(|p| (p.0, pick(p) as f64)).collect();
    let val = |pick: fn(&crate::training::EpochSummary) -> f32| run.epochs.iter().map(|e| (e.epoch as f64, pick(e) as f64)).collect();
    let series = |label: &str, points, class, dots| Series { label: label.to_string(), points, class, dots };
    // Where the validation loss was lowest (once there are two epochs to choose from): where
    // early stopping would keep the weights, and where overfitting begins when it rises after.
    let mark = (run.epochs.len() >= 2)
        .then(|| lowest_val_loss(&run.epochs))
        .flatten()
        .map(|epoch| (epoch as f64, AttrValue::from(format!("lowest val_loss: epoch {epoch}"))));
    html! {
        <div class="charts">
            <LineChart id="loss-chart" title="Loss (log scale)" x_max={epochs} y_axis={YAxis::Log} mark={mark} series={vec![
                series("training (running mean)", train(|p| p.1), "train", false),
                series("validation (test images)", val(|e| e.val_loss), "validation", true),
            ]} />
            <LineChart id="accuracy-chart" title="Accuracy" x_max={epochs} y_axis={YAxis::Accuracy} series={vec![
                series("training (running mean)", train(|p| p.2), "train", false),
                series("validation (test images)", val(|e| e.val_accuracy), "validation", true),
            ]} />
            <Meaning id="charts-meaning" about="the two curves"
                text={format!("{} {} {}", vocabulary::TRAINING_FIGURES, vocabulary::VALIDATION_FIGURES, vocabulary::VALIDATION_ABOVE_TRAINING)} />
        </div>
    }
}
