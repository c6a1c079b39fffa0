//! A step's answer once revealed: the answer (or, for a run step, what the learner's own run
//! did beside the prediction), the formula behind a count, and why.

use crate::exercise::progress::Progress;
use crate::exercise::steps::{ACCURACY_RANGES, Ask, PAIRS, Step, accuracy_range, most_confused};
use crate::web::app::state::inside::InsideView;
use crate::web::app::state::page::RunView;
use super::run_evidence::quick_run_result;
use crate::inspect::Quantised;
use crate::inspect::kernel_playground::PresetMatch;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub step: &'static Step,
    pub progress: Progress,
    pub run: Rc<RunView>,
    pub inside: Rc<InsideView>,
    /// The preset step's finding on the current drawing, as the steps above computed it.
    pub drawing_match: Option<(String, Quantised, PresetMatch)>,
    pub node: NodeRef,
    /// Next step, when there is one.
    pub next: Option<Callback<MouseEvent>>,
}

fn pair_words(pairs: &[(usize, usize)]) -> String {
    pairs.iter().map(|(a, b)| format!("{a} and {b}")).collect::<Vec<_>>().join(", or ")
}

/// For a run step, what the learner's run did, when the page still has it; for the preset step,
/// what the page found on the learner's drawing.
fn from_the_run(step: &Step, run: &RunView, inside: &InsideView, drawing_match: Option<&(String, Quantised, PresetMatch)>) -> Option<String> {
    match step.ask {
        Ask::RunAccuracy => {
            let (accuracy, images) = quick_run_result(run)?;
            Some(format!(
                "Your run: test accuracy {:.1} % on {images} test images, in the range {}.",
                accuracy * 100.0,
                ACCURACY_RANGES[accuracy_range(accuracy)].0
            ))
        }
        Ask::ConfusedPair => {
            let matrix = &inside.confusion.as_ref()?.matrix;
            let most = most_confused(&matrix.counts);
            let (a, b) = *most.first()?;
            let times = matrix.counts[a][b] + matrix.counts[b][a];
            Some(format!("Your model's confusion matrix mixes up {} most often: {times} times, both ways added up.", pair_words(&most)))
        }
        Ask::PresetLike => {
            let (layer, _, found) = drawing_match?;
            let names: Vec<&str> = found.accepted().iter().map(|p| p.name()).collect();
            let next = found.runner_up.map_or(String::new(), |(p, r)| format!(" The next best, {}, reaches {r:.2}.", p.name()));
            Some(format!(
                "On your drawing, filter {} of {layer} looks most like the map of {} (correlation {:.2}).{next}",
                found.filter,
                names.join(" and of "),
                found.correlation
            ))
        }
        _ => None,
    }
}

#[function_component]
pub fn StepReveal(props: &Props) -> Html {
    let step = props.step;
    let gave_up = props.progress.gave_up.contains(step.id);
    let run_words = from_the_run(step, &props.run, &props.inside, props.drawing_match.as_ref());
    let answer = match (step.ask, &run_words) {
        (Ask::RunAccuracy, None) => format!("Quick runs of the tutorial model usually reach {}.", step.answer_text()),
        (Ask::PresetLike, None) => "The answer depends on your drawing: draw a digit under 6. Draw a digit and the page compares \
                                     the classic kernels with the filter it picks.".to_string(),
        (Ask::ConfusedPair, None) => {
            format!("The pre-trained model mixes up {} most often; a quick run usually does too.", pair_words(&PAIRS[..1]))
        }
        (_, Some(words)) => words.clone(),
        _ => format!("The answer: {}", step.answer_text()),
    };
    let predicted = props.progress.prediction(step.id).and_then(|i| step.options().get(i).copied());
    html! {
        <div class="reveal" id="step-reveal" ref={props.node.clone()} tabindex="-1">
            <p><strong>{ answer }</strong>
                if gave_up { <span class="note">{ " (shown without a right guess)" }</span> }
            </p>
            if let (true, Some(predicted)) = (step.needs_run(), predicted) {
                <p id="step-compare">{ format!("You predicted: {predicted}.") }
                    { if gave_up { "" } else { " Right." } }
                </p>
            }
            if let Some(working) = step.working() {
                <p class="formula working" id="step-working">{ working }</p>
            }
            if let Some(formula) = step.formula() {
                <p class="formula">{ Html::from_html_unchecked(AttrValue::from(formula.mathml())) }</p>
            }
            <p>{ step.explanation }</p>
            if let Some(onclick) = props.next.clone() {
                <div class="buttons">
                    <button type="button" id="step-next" class="secondary" {onclick}>{ "Next step" }</button>
                </div>
            }
        </div>
    }
}
