//! Section 4, "Evaluation and visualisation": the test figures of the last run, test images with
//! its predictions, and the confusion matrix.

use crate::vocabulary;
use crate::web::app::widgets::meaning::Meaning;
use crate::wording::count;
use super::confusion_panel::ConfusionPanel;
use super::prediction_grid::PredictionGrid;
use crate::protocol::InspectRequest;
use crate::web::app::state::inside::InsideView;
use crate::web::app::state::page::RunView;
use crate::web::app::widgets::tutorial_text::{Part, TutorialText};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub run: Rc<RunView>,
    pub inside: Rc<InsideView>,
    pub on_inspect: Callback<InspectRequest>,
    /// MNIST is in the worker (the confusion matrix needs the test images).
    pub data_ready: bool,
}

#[function_component]
pub fn EvaluationSection(props: &Props) -> Html {
    let run = &props.run;
    html! {
        <section class="panel" aria-labelledby="results-title">
            <h2 id="results-title">{ "4. Evaluation and visualisation" }</h2>
            <TutorialText part={Part::Evaluation} />
            if let Some((loss, accuracy, images)) = run.test {
                <pre id="test-result">{ format!("Test loss: {loss:.4}\nTest accuracy: {accuracy:.4}") }</pre>
                <p class="note">{ format!("Measured on {} it never trained on.", count(images, "test image")) }</p>
                <Meaning id="test-result-meaning" about="test loss and test accuracy" text={vocabulary::TEST_FIGURES} />
            } else {
                <p class="note">{ "After training, the model is evaluated on the test images, and test images 100 to 149 are shown with its predictions." }</p>
            }
            if let Some(grid) = run.grid.clone() {
                <PredictionGrid digits={grid} />
            }
            <h3 id="confusion-title">{ "Where the model errs: the confusion matrix" }</h3>
            <TutorialText part={Part::Confusion} />
            <ConfusionPanel inside={props.inside.clone()} on_inspect={props.on_inspect.clone()} data_ready={props.data_ready} />
        </section>
    }
}
