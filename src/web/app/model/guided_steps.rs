//! The guided steps: pick a step, type a prediction, check it against the number the core
//! computes from the step's model, and only then see the answer, its formula, and a training
//! run to try. Progress is kept in localStorage, so a reload continues where the learner was.

use crate::web::app::browser::focus::focus;
use crate::exercise::answer::{Verdict, check, grouped};
use crate::exercise::progress::Progress;
use crate::exercise::steps::STEPS;
use crate::model::ModelSpec;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// localStorage key of the saved progress.
const STORAGE_KEY: &str = "convlab.guided-steps";

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Loads a step's model into the builder.
    pub on_apply: Callback<ModelSpec>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load() -> Progress {
    let saved = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    Progress::from_json(saved.as_deref())
}

/// Where focus goes after the element that had it disappears.
#[derive(Clone, Copy)]
enum FocusNext {
    /// A step was solved or given up: its form is gone, the revealed answer is there.
    Reveal,
    /// "Next step" was pressed: it is gone, the new step's answer field is there.
    Answer,
}

/// Saves `progress`; false when the browser refuses (storage blocked, private mode, or full):
/// the steps still work for this visit, and the page says so.
fn save(progress: &Progress) -> bool {
    storage().is_some_and(|storage| storage.set_item(STORAGE_KEY, &progress.to_json()).is_ok())
}

#[function_component]
pub fn GuidedSteps(props: &Props) -> Html {
    let progress = use_state(load);
    let typed = use_state(String::new);
    let verdict = use_state(|| None::<Verdict>);
    let unsaved = use_state(|| false);
    let (answer_field, reveal) = (use_node_ref(), use_node_ref());
    let focus_next = use_mut_ref(|| None::<FocusNext>);
    {
        let (answer_field, reveal, focus_next) = (answer_field.clone(), reveal.clone(), focus_next.clone());
        use_effect(move || match focus_next.borrow_mut().take() {
            Some(FocusNext::Reveal) => focus(&reveal),
            Some(FocusNext::Answer) => focus(&answer_field),
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
    let index = progress.current;
    let step: &'static _ = &STEPS[index];
    let solved = progress.is_solved(step.id);
    let expected = step.expected();

    let tabs = STEPS.iter().enumerate().map(|(i, s)| {
        let update = update.clone();
        let onclick = Callback::from(move |_: MouseEvent| update(&|p: &mut Progress| p.open(i), true));
        let done = progress.is_solved(s.id);
        html! {
            <li>
                <button type="button" id={format!("step-tab-{}", i + 1)} class={classes!("step-tab", done.then_some("done"))}
                    aria-current={(i == index).then_some("step")} {onclick}>
                    { format!("{}. {}", i + 1, s.title) }
                    if done { <span class="check" aria-hidden="true">{ " ✓" }</span><span class="visually-hidden">{ " (done)" }</span> }
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
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let result = check(&typed, expected);
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
    let on_apply = props.on_apply.reform(move |_: MouseEvent| step.spec());
    let on_next = {
        let (update, focus_next) = (update.clone(), focus_next.clone());
        Callback::from(move |_: MouseEvent| {
            *focus_next.borrow_mut() = Some(FocusNext::Answer);
            update(&|p: &mut Progress| p.open(index + 1), true)
        })
    };
    let feedback = verdict.map(|v| match v {
        Verdict::Right => format!("Right: {}.", grouped(expected)),
        Verdict::TooLow => format!("Not quite: that is too low. Hint: {}", step.hint),
        Verdict::TooHigh => format!("Not quite: that is too high. Hint: {}", step.hint),
        Verdict::NotANumber => "Type a whole number, such as 1234.".to_string(),
    });
    html! {
        <div class="guided" id="guided-steps">
            <h3>{ "Guided steps" } <span class="note" id="steps-done">{ format!(" {} of {} done", progress.done(), STEPS.len()) }</span></h3>
            <p class="note">{ "Each step asks you to predict a number before you see it. The page checks your answer against the count it works out from the step's model." }</p>
            <ol class="step-tabs">{ for tabs }</ol>
            if *unsaved {
                <p class="note" id="steps-unsaved" role="status">{
                    "Your progress cannot be saved in this browser (its storage is blocked or full, as in some private windows): the steps work, but a reload starts them afresh."
                }</p>
            }
            <div class="step" id={format!("step-{}", step.id)} aria-live="polite">
                <h4>{ format!("Step {}: {}", index + 1, step.title) }</h4>
                <p>{ step.question }</p>
                if !solved {
                    <form class="step-form" onsubmit={on_check}>
                        <label class="field" for="step-answer">{ "Your prediction" }</label>
                        <input id="step-answer" ref={answer_field} type="text" inputmode="numeric" autocomplete="off" value={(*typed).clone()} oninput={on_input} />
                        <button type="submit" id="step-check">{ "Check" }</button>
                        <button type="button" id="step-give-up" class="secondary" onclick={on_give_up}>{ "Show the answer" }</button>
                    </form>
                }
                if let Some(text) = feedback.filter(|_| !solved || *verdict == Some(Verdict::Right)) {
                    <p id="step-feedback" class={classes!(if *verdict == Some(Verdict::Right) { "ok" } else { "error" })} role="status">{ text }</p>
                }
                if solved {
                    <div class="reveal" id="step-reveal" ref={reveal} tabindex="-1">
                        <p><strong>{ format!("The answer: {}", grouped(expected)) }</strong>
                            if progress.gave_up.contains(step.id) { <span class="note">{ " (shown without a right guess)" }</span> }
                        </p>
                        if let Some(formula) = step.formula() {
                            <p class="formula">{ Html::from_html_unchecked(AttrValue::from(formula.mathml())) }</p>
                        }
                        <p>{ step.explanation }</p>
                        <p><strong>{ "Try it: " }</strong>{ step.suggestion }</p>
                        <div class="buttons">
                            <button type="button" id="step-apply" onclick={on_apply}>{ "Load this model into the builder" }</button>
                            if index + 1 < STEPS.len() {
                                <button type="button" id="step-next" class="secondary" onclick={on_next}>{ "Next step" }</button>
                            }
                        </div>
                    </div>
                }
            </div>
        </div>
    }
}
