//! "Fine-tune on my digits": a short run from the model answering drawings, on the learner's
//! kept digits mixed with MNIST, then what it gained on held-out digits and what it lost on
//! MNIST (see `training::fine_tune`). Stop ends it and leaves the model as it was.

use crate::web::app::worker_bridge::context::use_worker;
use crate::web::app::state::digit_book::use_book;
use crate::wording::{count, digit_list};
use crate::web::app::state::page::FineTuneNews;
use crate::exercise::answer::grouped;
use crate::protocol::ToWorker;
use crate::training::fine_tune::{Moment, check_digits, digits_rule};
use crate::training::{FineTuneEvent, FineTuneFigures, FineTuneReport, FineTuneSettings};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The latest news of fine-tuning number `.0`.
    pub news: Option<(u64, Rc<FineTuneNews>)>,
    /// The data is loaded and nothing is training.
    pub can_start: bool,
    /// A fine-tuning with this number was asked for.
    pub on_requested: Callback<u64>,
}

#[function_component]
pub fn FineTunePanel(props: &Props) -> Html {
    let worker = use_worker();
    let book = use_book();
    let sent = use_mut_ref(|| 0u64);
    let labels: Vec<u8> = book.digits.iter().map(|k| k.digit.label).collect();
    // The rule stated above the button is the one that greys it and the one the worker checks.
    let refusal = check_digits(&labels, FineTuneSettings::default().hold_out_every).err();
    let running = matches!(props.news.as_ref().map(|(_, n)| &**n), Some(FineTuneNews::Event(e)) if !ended(e));
    let on_start = {
        let (book, on_worker, on_requested, sent) = (book.clone(), worker.send.clone(), props.on_requested.clone(), sent.clone());
        Callback::from(move |_: MouseEvent| {
            let request = *sent.borrow() + 1;
            *sent.borrow_mut() = request;
            on_requested.emit(request);
            on_worker.emit(ToWorker::FineTune { request, digits: book.labelled_digits(), settings: FineTuneSettings::default() });
        })
    };
    let on_stop = worker.send.reform(|_: MouseEvent| ToWorker::Stop);
    let steps = FineTuneSettings::default().steps;
    html! {
        <div class="fine-tune">
            <p class="note">{ format!(
                "Fine-tuning trains the model answering drawings for {steps} more steps, half of each batch your digits and half MNIST's, \
                 all augmented. Every 5th of your digits of each kind is kept aside and never trained on: the change on those shows \
                 what it learnt about your handwriting, the change on MNIST what it forgot."
            ) }</p>
            <p id="fine-tune-rule" class="note">{ digits_rule() }</p>
            if let Some(refusal) = &refusal {
                <p id="fine-tune-needs" class="note">{ format!("Not yet: {refusal}.") }</p>
            }
            <p class="buttons">
                <button type="button" id="fine-tune" onclick={on_start}
                    disabled={!props.can_start || running || refusal.is_some()}>{ "Fine-tune on my digits" }</button>
                if running {
                    { " " }
                    <button type="button" id="fine-tune-stop" onclick={on_stop}>{ "Stop" }</button>
                }
            </p>
            { news(props.news.as_ref().filter(|(request, _)| *request == *sent.borrow()).map(|(_, n)| &**n)) }
        </div>
    }
}

/// Whether an event ends a fine-tuning.
fn ended(event: &FineTuneEvent) -> bool {
    matches!(event, FineTuneEvent::Finished(_) | FineTuneEvent::Stopped { .. })
}

fn news(news: Option<&FineTuneNews>) -> Html {
    match news {
        None => html! {},
        Some(FineTuneNews::Failed(message)) => html! { <p id="fine-tune-problem" class="error" role="alert">{ message }</p> },
        Some(FineTuneNews::Done(report)) => result(report),
        Some(FineTuneNews::Event(event)) => html! { <p id="fine-tune-progress" role="status">{ progress(event) }</p> },
    }
}

fn progress(event: &FineTuneEvent) -> Html {
    match event {
        FineTuneEvent::Measuring { moment, done, total } => {
            let when = if *moment == Moment::Before { "before" } else { "after" };
            html! { { format!("Measuring the model {when} fine-tuning: {done} of {total} images.") } }
        }
        FineTuneEvent::Before(before) => html! { { format!(
            "Before: {} of your held-out digits and {} of MNIST right. Training…", percent(before.held_out_accuracy), percent(before.mnist_accuracy)
        ) } },
        FineTuneEvent::Step(step) => html! {
            <>
                { format!("Step {} of {}, loss {:.3}. ", step.batch, step.batches, step.batch_loss) }
                <progress max={step.batches.to_string()} value={step.batch.to_string()} aria-label="Fine-tuning steps" />
            </>
        },
        FineTuneEvent::Stopped { steps } => html! { { format!(
            "Stopped after {}: the model that answered before still answers.", count(*steps, "step")
        ) } },
        FineTuneEvent::Finished(report) => result(report),
    }
}

fn result(report: &FineTuneReport) -> Html {
    let row = |what: String, pick: fn(&FineTuneFigures) -> f32| {
        let (before, after) = (pick(&report.before), pick(&report.after));
        html! {
            <tr>
                <th scope="row" class="text">{ what }</th>
                <td>{ percent(before) }</td>
                <td>{ percent(after) }</td>
                <td>{ format!("{:+.1} points", (after - before) * 100.0) }</td>
            </tr>
        }
    };
    let held = report.held_out_digits;
    let missing: Vec<String> = report.missing_classes.iter().map(u8::to_string).collect();
    html! {
        <div id="fine-tune-result" role="status">
            <table class="fine-tune-table">
                <caption>{ format!("Fine-tuned for {} on {} of your digits", count(report.steps, "step"), report.train_digits) }</caption>
                <thead><tr><th scope="col" class="text">{ "measured on" }</th><th scope="col">{ "before" }</th>
                    <th scope="col">{ "after" }</th><th scope="col">{ "change" }</th></tr></thead>
                <tbody>
                    { row(format!("your {} (never trained on){}", count(held, "held-out digit"),
                        match digit_list(&report.held_out_labels).as_str() { "" => String::new(), list => format!(": {list}") }), |f| f.held_out_accuracy) }
                    { row(format!("{} MNIST test images", grouped(report.mnist_test_images)), |f| f.mnist_accuracy) }
                </tbody>
            </table>
            <p class="note">{ format!(
                "The fine-tuned model answers your drawings now. With {}, each one is {:.0} points.",
                count(held, "held-out digit"), 100.0 / held.max(1) as f32
            ) }</p>
            if !missing.is_empty() {
                <p class="note" id="fine-tune-missing">{ format!(
                    "You kept no {}: the model learnt nothing new about {}.", missing.join(", "), if missing.len() == 1 { "it" } else { "them" }
                ) }</p>
            }
        </div>
    }
}

fn percent(share: f32) -> String {
    format!("{:.1} %", share * 100.0)
}
