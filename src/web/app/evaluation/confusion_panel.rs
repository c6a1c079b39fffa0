//! The confusion matrix: for each true class (rows) how often the model answered each class
//! (columns) on the test images, with each class's accuracy. It comes after every finished run
//! and, on request, for the model that answers drawings. A cell (a button) lists its test
//! images, most confident first; the most confident mistakes have their own list; CSV export.

use crate::vocabulary;
use crate::web::app::widgets::meaning::Meaning;
use crate::wording::{self, capitalised, count_grouped};
use crate::web::app::worker_bridge::context::use_worker;
use crate::web::app::browser::file_download::download;
use crate::web::app::state::in_flight::use_in_flight;
use crate::web::app::state::inside::{ConfusionView, InsideView, next_request};
use super::test_image_list::TestImageList;
use crate::data::CLASSES;
use crate::exercise::answer::grouped;
use crate::protocol::{InspectRequest, InspectTopic};
use std::rc::Rc;
use yew::prelude::*;

/// Images listed at most for a cell or for the mistakes.
const LISTED: usize = 50;

/// What the list under the matrix shows.
#[derive(Clone, Copy, PartialEq)]
enum Listing {
    Cell { label: usize, predicted: usize },
    Mistakes,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub inside: Rc<InsideView>,
    pub on_inspect: Callback<InspectRequest>,
    /// Whether the test images are loaded (the button waits for them).
    pub data_ready: bool,
}

#[function_component]
pub fn ConfusionPanel(props: &Props) -> Html {
    let worker = use_worker();
    let asked = use_state(|| None::<u64>);
    // The list asked for: its request number and what it lists.
    let listing = use_state(|| None::<(u64, Listing)>);
    let problem = use_state(|| None::<String>);
    {
        let (asked, listing) = (asked.clone(), listing.clone());
        use_effect_with(worker.generation, move |_| {
            asked.set(None);
            listing.set(None);
        });
    }
    let inside = &props.inside;
    let confusion = inside.confusion.clone();
    {
        // Another matrix (a run ended, or the button's answer): the list was of the one before.
        let listing = listing.clone();
        use_effect_with(confusion.as_ref().map(|c| (c.model.id, c.request)), move |_| listing.set(None));
    }
    let pending = asked.filter(|&r| confusion.as_ref().and_then(|c| c.request) != Some(r) && inside.failure(InspectTopic::Confusion, r).is_none());
    let busy = use_in_flight(pending.is_some(), *asked);
    let on_compute = {
        let (asked, on_inspect) = (asked.clone(), props.on_inspect.clone());
        Callback::from(move |_: MouseEvent| {
            if busy.replace(true) {
                return;
            }
            let request = next_request();
            asked.set(Some(request));
            on_inspect.emit(InspectRequest::Confusion { request });
        })
    };
    let list = {
        let (listing, on_inspect, confusion) = (listing.clone(), props.on_inspect.clone(), confusion.clone());
        move |what: Listing| {
            let (listing, on_inspect, confusion) = (listing.clone(), on_inspect.clone(), confusion.clone());
            Callback::from(move |_: MouseEvent| {
                let Some(confusion) = &confusion else { return };
                let images = match what {
                    Listing::Cell { label, predicted } => confusion.matrix.cell_images(label, predicted, LISTED),
                    Listing::Mistakes => confusion.matrix.confident_mistakes(LISTED),
                };
                let request = next_request();
                listing.set(Some((request, what)));
                on_inspect.emit(InspectRequest::TestImages { request, indices: images.into_iter().map(|(i, _)| i).collect() });
            })
        }
    };
    let on_export = {
        let (confusion, problem) = (confusion.clone(), problem.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(confusion) = &confusion {
                let result = download("convlab-confusion-matrix.csv", "text/csv", &confusion.matrix.to_csv());
                problem.set(result.err());
            }
        })
    };
    let failure = asked.and_then(|r| inside.failure(InspectTopic::Confusion, r));
    html! {
        <div class="confusion" id="confusion-panel">
            <div class="buttons">
                <button type="button" id="confusion-compute" class="secondary" onclick={on_compute}
                    disabled={!props.data_ready || pending.is_some() || inside.model.is_none()}>
                    { "Confusion matrix of the model that answers now" }
                </button>
            </div>
            if let Some(request) = pending {
                <div class="note" id="confusion-pending" role="status">{ counting(inside.counting.filter(|c| c.0 == request)) }</div>
            }
            if let Some(message) = failure {
                <p class="error" role="alert" id="confusion-failure">{ message }</p>
            }
            if let Some(confusion) = confusion {
                { matrix_table(&confusion, &list) }
                <div class="buttons">
                    <button type="button" id="confusion-mistakes" class="secondary" onclick={list(Listing::Mistakes)}>
                        { "Most confident mistakes" }
                    </button>
                    <button type="button" id="confusion-export" class="secondary" onclick={on_export}>{ "Export as CSV" }</button>
                </div>
                if let Some(message) = &*problem {
                    <p class="error" role="alert">{ message }</p>
                }
                { listing_view(inside, &confusion, *listing) }
            } else if pending.is_none() {
                <p class="note" id="confusion-empty">{
                    "A confusion matrix appears here after each run, or press the button for the model that answers drawings now."
                }</p>
            }
        </div>
    }
}

/// How far the matrix asked for has counted, as the worker reports it after each part.
fn counting(progress: Option<(u64, usize, usize)>) -> Html {
    match progress {
        Some((_, done, total)) => html! {
            <>
                <label for="confusion-progress">{ format!("Counting the answers on the test images: {} of {}", grouped(done), grouped(total)) }</label>
                <progress id="confusion-progress" max={total.to_string()} value={done.to_string()} />
            </>
        },
        None => html! { { "Counting the answers on the test images…" } },
    }
}

/// The 10 × 10 counts with row totals and accuracies, and column totals.
fn matrix_table(confusion: &ConfusionView, list: &impl Fn(Listing) -> Callback<MouseEvent>) -> Html {
    let matrix = &confusion.matrix;
    let largest_mistake = (0..CLASSES)
        .flat_map(|t| (0..CLASSES).filter(move |&p| p != t).map(move |p| (t, p)))
        .map(|(t, p)| matrix.counts[t][p])
        .max()
        .unwrap_or(0)
        .max(1);
    let rows = (0..CLASSES).map(|label| {
        let row_total = matrix.class_total(label).max(1);
        let cells = (0..CLASSES).map(|predicted| {
            let count = matrix.counts[label][predicted];
            let strength = if label == predicted {
                f64::from(count) / f64::from(row_total)
            } else {
                (f64::from(count) / f64::from(largest_mistake)).sqrt()
            };
            let style = if count == 0 { String::new() } else { format!("background: {}", tint(label == predicted, strength)) };
            let id = format!("confusion-{label}-{predicted}");
            html! {
                <td {style} class={classes!((label == predicted).then_some("diagonal"))}>
                    if count > 0 {
                        <button type="button" class="cell-button" {id} onclick={list(Listing::Cell { label, predicted })}
                            aria-label={format!("true {label}, predicted {predicted}: {}; list them", wording::count(count as usize, "image"))}>{ count }</button>
                    } else {
                        <span {id} class="zero">{ "0" }</span>
                    }
                </td>
            }
        });
        let accuracy = matrix.class_accuracy(label).map_or_else(|| "–".to_string(), |a| format!("{:.2} %", a * 100.0));
        html! {
            <tr>
                <th scope="row">{ label }</th>
                { for cells }
                <td class="row-total">{ grouped(u64::from(matrix.class_total(label)) as usize) }</td>
                <td class="row-accuracy" id={format!("confusion-accuracy-{label}")}>{ accuracy }</td>
            </tr>
        }
    });
    let column_totals = (0..CLASSES).map(|p| html! { <td>{ (0..CLASSES).map(|t| matrix.counts[t][p]).sum::<u32>() }</td> });
    html! {
        <>
        // Said above the table, not in its caption: a caption is as wide as the table, so on a
        // phone it would be cut where the table scrolls.
        <p id="confusion-summary">{ format!(
            "{} (never trained on), read by {}: {} right ({:.2} %), loss {:.4}. Rows: the true digit; columns: the model's answer.",
            capitalised(&count_grouped(matrix.total() as usize, "test image")), confusion.model.name, grouped(matrix.correct() as usize),
            confusion.accuracy * 100.0, confusion.loss
        ) }</p>
        <Meaning id="confusion-meaning" about="the confusion matrix" text={vocabulary::CONFUSION_FIGURES} />
        <div class="table-scroll matrix-box">
            <table id="confusion-matrix" class="numbers confusion-matrix" data-total={matrix.total().to_string()}
                data-correct={matrix.correct().to_string()} aria-describedby="confusion-summary">
                <caption class="visually-hidden">{ "Confusion matrix: rows are the true digit, columns the model's answer" }</caption>
                <thead><tr>
                    // On a phone the matrix is cells sized to fit: this corner keeps its words for
                    // screen readers only (the sentence above says what rows and columns are).
                    <th scope="col" class="corner"><span class="corner-words">{ "true ↓ / predicted →" }</span></th>
                    { for (0..CLASSES).map(|p| html! { <th scope="col">{ p }</th> }) }
                    <th scope="col">{ "images" }</th>
                    <th scope="col">{ "accuracy" }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
                <tfoot><tr>
                    <th scope="row">{ "all" }</th>
                    { for column_totals }
                    <td id="confusion-total">{ grouped(matrix.total() as usize) }</td>
                    <td id="confusion-accuracy">{ format!("{:.2} %", matrix.accuracy() * 100.0) }</td>
                </tr></tfoot>
            </table>
        </div>
        </>
    }
}

/// The list asked for under the matrix, once its images are here.
fn listing_view(inside: &InsideView, confusion: &ConfusionView, listing: Option<(u64, Listing)>) -> Html {
    let Some((request, what)) = listing else { return html! {} };
    let title = match what {
        Listing::Cell { label, predicted } => {
            let count = confusion.matrix.counts[label][predicted];
            let shown = (count as usize).min(LISTED);
            format!("True {label}, predicted {predicted}: {shown} of {}, most confident first", wording::count(count as usize, "image"))
        }
        Listing::Mistakes => "The most confident mistakes: images the model got wrong while sure of itself".to_string(),
    };
    let body = match (&inside.test_images, inside.failure(InspectTopic::TestImages, request)) {
        (_, Some(message)) => html! { <p class="error" role="alert" id="cell-failure">{ message }</p> },
        (Some((answered, images)), _) if *answered == request => html! { <TestImageList images={images.clone()} /> },
        _ => html! { <p class="note">{ "Fetching the images…" }</p> },
    };
    html! {
        <div class="cell-listing" aria-live="polite">
            <h4 id="cell-title">{ title }</h4>
            if what == Listing::Mistakes {
                <p class="note">{ "Classic confusions: a 4 whose top is nearly closed looks like a 9, a 3 with a straight top \
                    like a 5, a 7 without its bar like a 1. Some of these labels would make a person hesitate too." }</p>
            }
            { body }
        </div>
    }
}

/// A light green (right answers) or red (mistakes) as strong as `strength` (0..1), light enough
/// for dark text at full strength.
fn tint(right: bool, strength: f64) -> String {
    let (r, g, b) = if right { (31.0, 138.0, 76.0) } else { (194.0, 59.0, 59.0) };
    let a = 0.08 + 0.37 * strength.clamp(0.0, 1.0);
    let mix = |c: f64| (255.0 * (1.0 - a) + c * a).round();
    format!("rgb({}, {}, {})", mix(r), mix(g), mix(b))
}
