//! A step's answer once revealed: the answer (or, for a run step, what the learner's own run
//! did beside the prediction), the formula behind a count, and why.

use crate::exercise::progress::Progress;
use crate::exercise::steps::{ACCURACY_RANGES, Ask, LESSON_PATIENCE, LessonRun, PAIRS, Step, accuracy_range, last_gap, most_confused, stop_and_kept};
use crate::training::EpochSummary;
use crate::training::early_stopping::lowest_val_loss;
use crate::web::app::state::inside::InsideView;
use crate::web::app::state::page::RunView;
use super::run_evidence::{lesson_epochs, quick_run_result};
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
    /// The latest whole lesson run without dropout, for the dropout and early-stopping steps.
    pub earlier: Option<Rc<Vec<EpochSummary>>>,
    pub node: NodeRef,
    /// Next step, when there is one.
    pub next: Option<Callback<MouseEvent>>,
}

fn pair_words(pairs: &[(usize, usize)]) -> String {
    pairs.iter().map(|(a, b)| format!("{a} and {b}")).collect::<Vec<_>>().join(", or ")
}

/// "accuracy 99.8 %, val_accuracy 93.0 %: a gap of 6.8 points" for a run's last epoch.
fn gap_words(epochs: &[EpochSummary]) -> Option<String> {
    let last = epochs.last()?;
    Some(format!(
        "accuracy {:.1} %, val_accuracy {:.1} %: a gap of {:.1} points",
        last.accuracy * 100.0,
        last.val_accuracy * 100.0,
        last_gap(epochs)? * 100.0
    ))
}

/// For a run step, what the learner's run did, when the page still has it; for the preset step,
/// what the page found on the learner's drawing.
fn from_the_run(
    step: &Step,
    run: &RunView,
    inside: &InsideView,
    drawing_match: Option<&(String, Quantised, PresetMatch)>,
    earlier: Option<&[EpochSummary]>,
) -> Option<String> {
    match step.ask {
        Ask::ValLossCurve => {
            let epochs = lesson_epochs(run, LessonRun::Plain).or(earlier)?;
            let lowest = lowest_val_loss(epochs)?;
            let last = epochs.last()?;
            Some(format!(
                "Your run: val_loss was lowest at epoch {lowest} ({:.4}) and {:.4} at epoch {}, while accuracy ended at {:.1} %.",
                epochs[lowest - 1].val_loss,
                last.val_loss,
                last.epoch,
                last.accuracy * 100.0
            ))
        }
        Ask::DropoutGap => {
            let with = gap_words(lesson_epochs(run, LessonRun::Dropout)?)?;
            let without = gap_words(earlier?)?;
            Some(format!("At the last epoch, without dropout: {without}; with dropout: {with}."))
        }
        Ask::StopEpoch => {
            let (after, kept) = stop_and_kept(earlier?, LESSON_PATIENCE)?;
            Some(if after == kept {
                format!("Your run would not have stopped early: it trains all {after} epochs and keeps its last weights.")
            } else {
                format!("Your run would have stopped after epoch {after} and kept the weights of epoch {kept}, where val_loss was lowest.")
            })
        }
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
    let run_words = from_the_run(step, &props.run, &props.inside, props.drawing_match.as_ref(), props.earlier.as_deref().map(Vec::as_slice));
    let answer = match (step.ask, &run_words) {
        (Ask::RunAccuracy, None) => format!("Quick runs of the tutorial model usually reach {}.", step.answer_text()),
        (Ask::ValLossCurve, None) => format!("On 1 000 images for 15 epochs, usually: {}", step.answer_text()),
        (Ask::DropoutGap, None) => format!("Usually: {} Train both runs to see yours.", step.answer_text()),
        (Ask::StopEpoch, None) => "The answer depends on your run of step 15: train it, and the page works it out from its val_loss.".to_string(),
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
