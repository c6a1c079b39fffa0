//! The guided steps, a short course along the page: pick a step, predict (type a count or a
//! shape, or pick an answer), and only then see the answer and why; each step's "try it" changes
//! the page. A step about a training run keeps the prediction until the learner's run reveals
//! it. Progress is kept in localStorage, so a reload continues where the learner was.

use super::run_evidence::{Baseline, drawing_match, evidence, lesson_epochs, stored_lesson_epochs};
use super::step_cell_numbers::StepCellNumbers;
use super::step_choices::StepChoices;
use super::step_filter::StepFilter;
use super::step_reveal::StepReveal;
use super::step_storage::save;
use super::step_try_it::StepTryIt;
use crate::exercise::answer::Verdict;
use crate::exercise::progress::Progress;
use crate::exercise::steps::{Ask, LessonRun, RunEvidence, STEPS};
use crate::training::EpochSummary;
use crate::web::app::storage::runs;
use wasm_bindgen_futures::spawn_local;
use crate::web::app::state::draw_order::DrawAction;
use crate::web::app::state::inside::InsideView;
use crate::web::app::state::lab::Lab;
use crate::web::app::state::page::RunView;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Shared with the summary, which hides what the open step asks.
    pub progress: UseStateHandle<Progress>,
    pub lab: UseReducerHandle<Lab>,
    pub run: Rc<RunView>,
    pub inside: Rc<InsideView>,
    /// A step's "try it" that changes the drawing.
    pub on_draw: Callback<DrawAction>,
}

/// Where focus goes after the element that had it disappears.
#[derive(Clone, Copy)]
enum FocusNext {
    /// A step was solved or given up: its form is gone, the revealed answer is there.
    Reveal,
    /// "Next step" was pressed: it is gone, the new step's answer field (or first option) is there.
    Answer,
}

/// Focuses `element` and scrolls it to the middle of the window: the default ("nearest") can
/// leave the step's tabs under the sticky table of contents, where nothing can press them.
fn focus_centred(element: Option<web_sys::HtmlElement>) {
    let Some(element) = element else { return };
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
    let centre = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&centre, &"block".into(), &"center".into());
    if let Ok(scroll) = js_sys::Reflect::get(&element, &"scrollIntoView".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = scroll.call1(&element, &centre);
    }
}

/// The early-stopping step's answer: when the run would have ended, and whose weights it keeps.
fn stop_words(after: usize, kept: usize) -> String {
    if after == kept {
        format!("{after}: val_loss never failed to go lower 3 epochs in a row, so the run trains all its epochs and keeps its last weights")
    } else {
        format!("{after}: val_loss was lowest so far at epoch {kept}, then 3 epochs without a lower one; the model keeps epoch {kept}'s weights")
    }
}

/// The val_loss of each epoch of the learner's lesson run, for the early-stopping step.
fn val_losses(epochs: &[EpochSummary]) -> Html {
    let items = epochs.iter().map(|e| html! { <li>{ format!("epoch {}: {:.4}", e.epoch, e.val_loss) }</li> });
    html! { <ol class="val-losses" id="step-val-losses" aria-label="val_loss of your run, epoch by epoch">{ for items }</ol> }
}

#[function_component]
pub fn GuidedSteps(props: &Props) -> Html {
    let progress = props.progress.clone();
    let typed = use_state(String::new);
    let verdict = use_state(|| None::<Verdict>);
    let unsaved = use_state(|| false);
    // What the page showed when each run step's prediction was kept (this visit only).
    let baselines = use_mut_ref(BTreeMap::<&'static str, Baseline>::new);
    // The latest whole lesson run without dropout: this visit's (by run serial), else the
    // latest in the runs store, read once; the dropout and early-stopping steps need it.
    let stored_lesson = use_state(|| None::<Rc<Vec<EpochSummary>>>);
    {
        let stored_lesson = stored_lesson.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok((records, _)) = runs::all().await {
                    stored_lesson.set(stored_lesson_epochs(&records).map(Rc::new));
                }
            })
        });
    }
    let seen_lesson = use_mut_ref(|| None::<(u32, Rc<Vec<EpochSummary>>)>);
    if let Some(epochs) = lesson_epochs(&props.run, LessonRun::Plain) {
        let serial = props.run.serial;
        if seen_lesson.borrow().as_ref().is_none_or(|(seen, _)| *seen != serial) {
            *seen_lesson.borrow_mut() = Some((serial, Rc::new(epochs.to_vec())));
        }
    }
    let earlier: Option<Rc<Vec<EpochSummary>>> = seen_lesson.borrow().as_ref().map(|(_, e)| e.clone()).or_else(|| (*stored_lesson).clone());
    let earlier_epochs = earlier.as_deref().map(Vec::as_slice);
    let (answer_field, reveal) = (use_node_ref(), use_node_ref());
    let focus_next = use_mut_ref(|| None::<FocusNext>);
    {
        let (answer_field, reveal, focus_next) = (answer_field.clone(), reveal.clone(), focus_next.clone());
        use_effect(move || match focus_next.borrow_mut().take() {
            Some(FocusNext::Reveal) => focus_centred(reveal.cast()),
            // A typed step's field, else a choice step's first option.
            Some(FocusNext::Answer) => focus_centred(answer_field.cast().or_else(|| {
                let option = web_sys::window()?.document()?.get_element_by_id("step-option-1")?;
                option.dyn_into().ok()
            })),
            None => {}
        });
    }
    let update = {
        let (progress, typed, verdict, unsaved) = (progress.clone(), typed.clone(), verdict.clone(), unsaved.clone());
        move |change: &dyn Fn(&mut Progress), fresh_input: bool| {
            let mut next = (*progress).clone();
            change(&mut next);
            unsaved.set(!save(&next));
            progress.set(next);
            if fresh_input {
                typed.set(String::new());
                verdict.set(None);
            }
        }
    };
    // A run (or a confusion matrix) that arrives after a prediction reveals its step.
    {
        let (update, baselines) = (update.clone(), baselines.clone());
        let waiting: Vec<(&'static str, Verdict)> = STEPS
            .iter()
            .filter(|step| step.needs_run() && !progress.is_solved(step.id))
            .filter_map(|step| {
                let choice = progress.prediction(step.id)?;
                let baseline = baselines.borrow().get(step.id).cloned().unwrap_or_default();
                Some((step.id, step.check_choice(choice, &evidence(&props.run, &props.inside, &baseline, earlier_epochs))?))
            })
            .collect();
        use_effect_with(waiting, move |waiting| {
            // One update for all: a run can answer two steps at once.
            if !waiting.is_empty() {
                update(&|p: &mut Progress| waiting.iter().for_each(|&(id, verdict)| p.reveal(id, verdict == Verdict::Right)), false);
            }
        });
    }
    // A class link may assign some steps only: those are the course, in their order.
    let assigned: Vec<usize> = props.lab.class.as_ref().map_or_else(|| (0..STEPS.len()).collect(), |class| class.step_indices());
    let index = if assigned.contains(&progress.current) { progress.current } else { assigned[0] };
    let step: &'static _ = &STEPS[index];
    let solved = progress.is_solved(step.id);
    // The preset step asks about the learner's current drawing, as the page computes it: once
    // per drawing (seven kernels slid over it, 224 correlations), not on every re-render of the
    // page (a run re-renders it ten times a second).
    let matched = {
        let inside = props.inside.clone();
        let drawing = inside.drawing.as_ref().map(|d| d.request);
        (*use_memo((step.needs_drawing(), drawing), move |&(needs, _)| needs.then(|| drawing_match(&inside)).flatten())).clone()
    };

    let tabs = STEPS.iter().enumerate().filter(|(i, _)| assigned.contains(i)).map(|(i, s)| {
        let update = update.clone();
        let onclick = Callback::from(move |_: MouseEvent| update(&|p: &mut Progress| p.open(i), true));
        let done = progress.is_solved(s.id);
        // Numbers only, one short row even on a phone; the open step's title is its heading,
        // and each number's full name is in its label and tooltip.
        let name = format!("Step {}: {}{}", i + 1, s.title, if done { " (done)" } else { "" });
        html! {
            <li>
                <button type="button" id={format!("step-tab-{}", i + 1)} class={classes!("step-tab", done.then_some("done"))}
                    aria-current={(i == index).then_some("step")} aria-label={name.clone()} title={name} {onclick}>
                    { (i + 1).to_string() }
                    if done { <span class="check" aria-hidden="true">{ " ✓" }</span> }
                </button>
            </li>
        }
    });
    let on_input = {
        let typed = typed.clone();
        Callback::from(move |event: InputEvent| typed.set(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_check = {
        let (typed, verdict, update, focus_next) = (typed.clone(), verdict.clone(), update.clone(), focus_next.clone());
        let earlier = earlier.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let run = RunEvidence { earlier_lesson_run: earlier.as_deref().map(Vec::as_slice), ..RunEvidence::default() };
            let result = step.check_typed_against(&typed, &run).unwrap_or(Verdict::NotANumber);
            verdict.set(Some(result));
            if result == Verdict::Right {
                *focus_next.borrow_mut() = Some(FocusNext::Reveal);
                update(&|p: &mut Progress| p.reveal(step.id, true), false);
            }
        })
    };
    let on_pick = {
        let (verdict, update, focus_next) = (verdict.clone(), update.clone(), focus_next.clone());
        let (run, inside, baselines) = (props.run.clone(), props.inside.clone(), baselines.clone());
        let drawing = RunEvidence { preset: matched.as_ref().map(|(_, _, found)| *found), ..RunEvidence::default() };
        Callback::from(move |choice: usize| {
            if step.needs_run() {
                baselines.borrow_mut().insert(step.id, Baseline::now(&run, &inside));
                update(&|p: &mut Progress| p.predict(step.id, choice), true);
                return;
            }
            let result = step.check_choice(choice, &drawing).unwrap_or(Verdict::Wrong);
            verdict.set(Some(result));
            if result == Verdict::Right {
                *focus_next.borrow_mut() = Some(FocusNext::Reveal);
                update(&|p: &mut Progress| p.reveal(step.id, true), false);
            }
        })
    };
    let on_give_up = {
        let (update, focus_next) = (update.clone(), focus_next.clone());
        Callback::from(move |_: MouseEvent| {
            *focus_next.borrow_mut() = Some(FocusNext::Reveal);
            update(&|p: &mut Progress| p.reveal(step.id, false), false)
        })
    };
    let on_next = assigned.iter().copied().find(|&i| i > index).map(|next| {
        let (update, focus_next) = (update.clone(), focus_next.clone());
        Callback::from(move |_: MouseEvent| {
            *focus_next.borrow_mut() = Some(FocusNext::Answer);
            update(&|p: &mut Progress| p.open(next), true)
        })
    });
    let stop = step.expected_stop(&RunEvidence { earlier_lesson_run: earlier_epochs, ..RunEvidence::default() });
    let answer = match (&matched, stop) {
        (Some((_, _, found)), _) => found.accepted().iter().map(|p| p.name()).collect::<Vec<_>>().join(", or "),
        (None, Some((after, kept))) => stop_words(after, kept),
        (None, None) => step.answer_text(),
    };
    let feedback = verdict.map(|v| match v {
        Verdict::Right => format!("Right: {answer}."),
        Verdict::TooLow => format!("Not quite: that is too low. Hint: {}", step.hint),
        Verdict::TooHigh => format!("Not quite: that is too high. Hint: {}", step.hint),
        Verdict::Wrong => format!("Not quite. Hint: {}", step.hint),
        Verdict::NotANumber => "Type a whole number, such as 1234.".to_string(),
        Verdict::NotAShape => "Type the shape as numbers, such as 28 × 28 × 1.".to_string(),
    });
    let give_up = html! { <button type="button" id="step-give-up" class="secondary" onclick={on_give_up}>{ "Show the answer" }</button> };
    let predicted = progress.prediction(step.id).and_then(|i| step.options().get(i).copied());
    let form = match (step.ask, predicted) {
        _ if solved => html! {},
        (Ask::PresetLike, _) if matched.is_none() => html! {
            <p class="note" id="step-draw-first">{ "This question is about your own drawing: draw a digit under " }
                <a href="#draw-title">{ "6. Draw a digit" }</a>{ " first, and the page picks the filter to ask about." }</p>
        },
        (Ask::StopEpoch, _) if earlier.is_none() => html! {
            <p class="note" id="step-run-first">{ "This question is about your run of 15 epochs on 1 000 images without dropout \
                (step 15): set it up there and train it first, and its val_loss appears here." }</p>
        },
        (Ask::Count(_) | Ask::Shape(_) | Ask::CellValue(_) | Ask::FieldSize { .. } | Ask::StopEpoch, _) => html! {
            <form class="step-form" onsubmit={on_check}>
                <label class="field" for="step-answer">{ "Your prediction" }</label>
                <input id="step-answer" ref={answer_field} type="text" inputmode={if matches!(step.ask, Ask::Count(_)) { "numeric" } else { "text" }}
                    autocomplete="off" value={(*typed).clone()} oninput={on_input} />
                <button type="submit" id="step-check">{ "Check" }</button>
                { give_up }
            </form>
        },
        (Ask::RunAccuracy | Ask::ConfusedPair | Ask::ValLossCurve | Ask::DropoutGap, Some(predicted)) => html! {
            <div class="step-waiting">
                <p id="step-prediction">{ format!("Your prediction: {predicted}. ") }
                    { match step.ask {
                        Ask::RunAccuracy => "The answer comes with your run: when it ends, the page compares its test accuracy with your prediction.",
                        Ask::ValLossCurve => "The answer comes with your run: when all 15 epochs have ended, the page compares its val_loss with your prediction.",
                        Ask::DropoutGap => "The answer comes with your run with dropout: when all 15 epochs have ended, the page compares its gap with \
                                            your run's without dropout (step 15's; train that one too if you have not).",
                        _ => "The answer comes with a confusion matrix: the one computed at the end of your next run (or under 4. Evaluation) is compared with your prediction.",
                    } }
                </p>
                <div class="buttons">
                    // Go on while the run is still to come: the next step can be predicted before it too.
                    if let Some(onclick) = on_next.clone() {
                        <button type="button" id="step-next" class="secondary" {onclick}>{ "Next step" }</button>
                    }
                    { give_up }
                </div>
            </div>
        },
        (Ask::RunAccuracy | Ask::ConfusedPair | Ask::ValLossCurve | Ask::DropoutGap, None) => html! {
            <StepChoices step={step.id} options={step.options()} submit="Keep my prediction" {on_pick}>{ give_up }</StepChoices>
        },
        (Ask::Choice { .. } | Ask::PresetLike, _) => html! {
            <StepChoices step={step.id} options={step.options()} submit="Check" {on_pick}>{ give_up }</StepChoices>
        },
    };
    html! {
        <div class="guided" id="guided-steps">
            <h3>{ "Guided steps" } <span class="note" id="steps-done">{ format!(" {} of {} done", assigned.iter().filter(|&&i| progress.is_solved(STEPS[i].id)).count(), assigned.len()) }</span></h3>
            <p class="note">{ "A short course: each step asks you to predict something before the page shows it. \
                               While a step asks for a number, the summary above hides it." }</p>
            <ol class="step-tabs" aria-label="Steps">{ for tabs }</ol>
            if *unsaved {
                <p class="note" id="steps-unsaved" role="status">{
                    "Your progress cannot be saved in this browser (its storage is blocked or full, as in some private windows): the steps work, but a reload starts them afresh."
                }</p>
            }
            <div class="step" id={format!("step-{}", step.id)} aria-live="polite">
                <h4>{ format!("Step {}: {}", index + 1, step.title) }</h4>
                <p>{ step.question }</p>
                if let Ask::CellValue(cell) = step.ask { <StepCellNumbers {cell} /> }
                if let (Ask::StopEpoch, Some(epochs)) = (step.ask, earlier.as_ref()) { { val_losses(epochs) } }
                if let Some((layer, map, found)) = matched.clone() { <StepFilter {layer} filter={found.filter} {map} /> }
                { form }
                if let Some(text) = feedback.filter(|_| !solved || *verdict == Some(Verdict::Right)) {
                    <p id="step-feedback" class={classes!(if *verdict == Some(Verdict::Right) { "ok" } else { "error" })} role="status">{ text }</p>
                }
                if solved {
                    <StepReveal {step} progress={(*progress).clone()} run={props.run.clone()} inside={props.inside.clone()}
                        drawing_match={matched.clone()} earlier={earlier.clone()}
                        node={reveal} next={on_next} />
                }
                <StepTryIt {step} lab={props.lab.clone()} inside={props.inside.clone()} on_draw={props.on_draw.clone()} />
            </div>
        </div>
    }
}
