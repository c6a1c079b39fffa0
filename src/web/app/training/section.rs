//! Section 3, "Training": the settings and Train / Stop, the progress line, the epoch table and
//! the curves of the current (or last) run.

use super::charts::TrainingCharts;
use super::controls::{FormExtras, TrainingControls};
use super::epoch_table::EpochTable;
use super::progress::TrainingProgress;
use crate::model::LayerSpec;
use crate::protocol::TrainRequest;
use crate::web::app::state::lab::{Lab, LabAction};
use crate::web::app::state::page::RunView;
use crate::web::app::widgets::tutorial_text::{Part, TutorialText};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The model and settings being designed; the form edits the settings.
    pub lab: UseReducerHandle<Lab>,
    /// MNIST is in the worker.
    pub ready: bool,
    /// A run or a fine-tuning is going (they share the worker's one run slot).
    pub busy: bool,
    pub on_train: Callback<TrainRequest>,
    pub on_stop: Callback<()>,
    pub run: Rc<RunView>,
}

#[function_component]
pub fn TrainingSection(props: &Props) -> Html {
    let lab = &props.lab;
    let on_hyper = {
        let lab = lab.clone();
        Callback::from(move |hyper| lab.dispatch(LabAction::Hyper(hyper)))
    };
    // Kept here, not in the form: the form is remade whenever settings are set for the learner.
    let extras = use_state(FormExtras::default);
    // Validation images chosen with newly loaded settings go into the remade form at once (it
    // starts from the extras it is given), and are kept as the learner's from then on.
    let applied = use_mut_ref(|| lab.loaded);
    let mut form_extras = (*extras).clone();
    if *applied.borrow() != lab.loaded {
        *applied.borrow_mut() = lab.loaded;
        if let Some(images) = lab.validation_images {
            form_extras.validation_images = images.to_string();
            extras.set(form_extras.clone());
        }
    }
    let on_extras = {
        let extras = extras.clone();
        Callback::from(move |next| extras.set(next))
    };
    // On the light data the form starts from what it holds: 18 000 training, 2 000 validation.
    let mut initial = lab.hyper.clone();
    initial.train_subset = lab.data.training_images(initial.train_subset);
    if let Some(test) = lab.data.test_images(None) {
        if form_extras.validation_images == FormExtras::default().validation_images {
            form_extras.validation_images = test.to_string();
        }
    }
    let run = &props.run;
    html! {
        <section class="panel" aria-labelledby="train-title">
            <h2 id="train-title">{ "3. Training" }</h2>
            <TutorialText part={Part::Training} />
            // A new link (or a reset) remakes the form with its settings.
            <TrainingControls key={lab.loaded.to_string()} ready={props.ready} running={props.busy}
                on_train={{ let data = lab.data; props.on_train.reform(move |request: TrainRequest| request.on_data(data)) }} on_stop={props.on_stop.clone()}
                spec={lab.spec.clone()} {initial} {on_hyper} extras={form_extras} {on_extras} />
            <TrainingProgress run={run.clone()} />
            <EpochTable epochs={run.epochs.clone()} partial={run.finished.as_ref().and_then(|f| f.partial_epoch.clone())}
                early_stop={run.finished.as_ref().and_then(|f| f.early_stop.clone())}
                batch_norm={run.request.as_ref().is_some_and(|r| r.spec.layers.contains(&LayerSpec::BatchNormalization))} />
            <TrainingCharts run={run.clone()} />
        </section>
    }
}
