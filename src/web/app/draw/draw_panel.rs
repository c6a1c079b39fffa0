//! Draw a digit: a canvas for mouse, touch and pen (Pointer Events), the 28 × 28 image the model
//! sees, and live class probabilities. At most one prediction is in flight; the latest drawing
//! wins. The keyboard pen and the picture upload are the other two ways to make a drawing.
//! While the learner collects their digits, the label buttons (or keys 0–9) keep the drawing,
//! with the strokes it was drawn with, and wipe the canvas. A guided step can draw a 1 here, or
//! move the digit the model sees 2 pixels right (a button beside Clear moves it back and forth).

use super::canvas::{SIDE, clear, context, digit_on};
use super::image_upload::ImageUpload;
use super::label_bar::LabelBar;
use super::map_strip::MapStrip;
use super::prediction_announcer::PredictionAnnouncer;
use super::probability_bars::ProbabilityBars;
use super::saliency_preview::SaliencyPreview;
use super::use_keyboard_pen::{PEN_HELP, use_keyboard_pen};
use super::use_pointer_pen::use_pointer_pen;
use super::use_prediction::use_prediction;
use crate::drawing::{CanvasPoint, VERTICAL_ONE};
use crate::exercise::steps::SHIFT_PIXELS;
use crate::web::app::browser::focus::focus_id;
use crate::web::app::state::draw_order::{DrawAction, DrawOrder};
use crate::my_digits::{MAX_DIGITS, MyDigit, StrokeRecorder};
use crate::web::app::state::digit_book::{BookAction, keep, use_book};
use crate::web::app::state::inside::InsideView;
use crate::web::app::state::page::{Answer, PredictionFailure};
use crate::web::app::worker_bridge::context::use_worker;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Sends a request number and the 784 preprocessed pixels to the worker.
    pub on_predict: Callback<(u64, Vec<f32>)>,
    pub prediction: Option<Answer>,
    pub answering: Option<String>,
    /// Why the pre-trained model cannot answer, if it cannot.
    pub model_problem: Option<String>,
    /// The latest drawing the worker could not answer.
    pub failure: Option<PredictionFailure>,
    /// The worker crashed and is not coming back by itself: nothing can answer until the
    /// learner starts it again.
    #[prop_or_default]
    pub worker_stopped: bool,
    /// The saliency of the latest answer (784 levels), laid over the preview on request.
    #[prop_or_default]
    pub saliency: Option<Rc<[u8]>>,
    /// What the answering model makes of the drawing, for the strip of its most active maps.
    #[prop_or_default]
    pub inside: Rc<InsideView>,
    /// What a guided step's "try it" asked for last.
    #[prop_or_default]
    pub order: Option<DrawOrder>,
}

#[function_component]
pub fn DrawPanel(props: &Props) -> Html {
    let canvas = use_node_ref();
    let book = use_book();
    let worker = use_worker();
    let strokes = use_mut_ref(StrokeRecorder::default);
    // The newest request the worker answered or could not answer.
    let answered = props.prediction.as_ref().map(|p| p.request).max(props.failure.as_ref().map(|f| f.request));
    let prediction =
        use_prediction(canvas.clone(), props.on_predict.clone(), answered, props.answering.clone(), worker.generation);
    let (request, end_stroke) = (prediction.request.clone(), prediction.end_stroke.clone());
    let (preview, empty, latency, announce) =
        (prediction.preview.clone(), prediction.empty.clone(), prediction.latency.clone(), prediction.announce.clone());
    let (shift, set_shift) = (prediction.shift, prediction.set_shift.clone());
    let on_start = {
        let latency = latency.clone();
        Callback::from(move |()| latency.set(None))
    };
    let pointer = use_pointer_pen(canvas.clone(), strokes.clone(), request.clone(), end_stroke.clone(), on_start);
    let record: Rc<dyn Fn(CanvasPoint, CanvasPoint)> = {
        let strokes = strokes.clone();
        Rc::new(move |from: CanvasPoint, to: CanvasPoint| {
            let mut strokes = strokes.borrow_mut();
            if from == to { strokes.start(to) } else { strokes.extend(to) }
        })
    };
    let pen = use_keyboard_pen(canvas.clone(), request.clone(), end_stroke.clone(), record);
    let on_painted = {
        let strokes = strokes.clone();
        Callback::from(move |()| {
            // A picture has no strokes.
            strokes.borrow_mut().clear();
            end_stroke();
        })
    };
    let wipe: Rc<dyn Fn()> = {
        let (canvas, preview, empty, strokes, set_shift) =
            (canvas.clone(), preview.clone(), empty.clone(), strokes.clone(), set_shift.clone());
        Rc::new(move || {
            if let Some(context) = context(&canvas) {
                clear(&context);
            }
            strokes.borrow_mut().clear();
            // A new drawing starts where preprocessing puts it (asking about a blank canvas asks nothing).
            set_shift(0);
            preview.set(None);
            empty.set(true);
        })
    };
    let on_shift = {
        let set_shift = set_shift.clone();
        Callback::from(move |_: MouseEvent| set_shift(if shift == 0 { SHIFT_PIXELS } else { 0 }))
    };
    // A guided step's order: draw a 1 (then show layer 1's maps beside it), or move the digit.
    {
        let (wipe, play, set_shift, blank) = (wipe.clone(), pen.play.clone(), set_shift.clone(), *empty);
        use_effect_with(props.order, move |order| {
            let Some(DrawOrder { action, .. }) = *order else { return };
            if action == DrawAction::DrawOne || blank {
                wipe();
                play(&VERTICAL_ONE);
            }
            match action {
                DrawAction::DrawOne => focus_id("map-strip"),
                DrawAction::ShiftRight => {
                    set_shift(SHIFT_PIXELS);
                    focus_id("shift-drawing");
                }
            }
        });
    }
    let on_clear = {
        let wipe = wipe.clone();
        Callback::from(move |_: MouseEvent| wipe())
    };
    // Keep the drawing as `label` (a label button or key 0–9), then wipe it for the next.
    let on_label = {
        let (canvas, strokes, book, kept) = (canvas.clone(), strokes.clone(), book.dispatcher(), book.digits.len());
        Callback::from(move |label: u8| {
            if kept >= MAX_DIGITS {
                let text = format!("You keep {kept} digits, the most a set may have: delete some (export them first) to keep more.");
                book.dispatch(BookAction::KeepFailed(text));
                return;
            }
            let Some(Ok(digit)) = digit_on(&canvas) else {
                book.dispatch(BookAction::KeepFailed("Draw a digit first, then say which it is.".into()));
                return;
            };
            let digit = MyDigit { label, pixels: digit.into_pixels(), strokes: strokes.borrow().strokes().to_vec() };
            let (book, wipe) = (book.clone(), wipe.clone());
            spawn_local(async move {
                if keep(&book, digit).await {
                    wipe();
                }
            });
        })
    };
    let on_collect = {
        let book = book.dispatcher();
        Callback::from(move |on: bool| book.dispatch(BookAction::Collect(on)))
    };
    // While collecting, the keys 0–9 on the drawing area label the drawing; the others draw.
    let on_key = {
        let (on_label, pen_keys, collecting) = (on_label.clone(), pen.onkeydown.clone(), book.collecting);
        Callback::from(move |event: KeyboardEvent| {
            let key = event.key();
            let digit = key.parse::<u8>().ok().filter(|d| key.len() == 1 && *d < 10);
            match digit {
                Some(label) if collecting && !(event.ctrl_key() || event.alt_key() || event.meta_key()) => {
                    event.prevent_default();
                    on_label.emit(label);
                }
                _ => pen_keys.emit(event),
            }
        })
    };
    {
        let canvas = canvas.clone();
        use_effect_with((), move |_| {
            if let Some(context) = context(&canvas) {
                clear(&context);
            }
        });
    }

    html! {
        <div class="draw">
            // Canvas, bars and the strip of maps come first (beside each other on a desktop, one
            // under the other on a phone) so the pen and what it changes share one screen.
            <div class="draw-canvas">
                <div class="canvas-frame">
                    <canvas ref={canvas.clone()} id="draw-canvas" width={SIDE.to_string()} height={SIDE.to_string()}
                        tabindex="0" role="application" aria-describedby="pen-help"
                        aria-label="Drawing area: draw one digit with the mouse, a finger, a pen or the keyboard"
                        onkeydown={on_key} onblur={pen.onblur}
                        onpointerdown={pointer.onpointerdown} onpointermove={pointer.onpointermove}
                        onpointerup={pointer.onpointerup.clone()} onpointercancel={pointer.onpointerup} />
                    { pen.cursor }
                </div>
                <div class="buttons">
                    <button id="clear" onclick={on_clear}>{ "Clear" }</button>
                    <button id="shift-drawing" class="secondary" aria-pressed={(shift > 0).to_string()} disabled={*empty}
                        onclick={on_shift}>{ format!("Shift {SHIFT_PIXELS} px right") }</button>
                </div>
                if shift > 0 && !*empty {
                    <p id="shift-note" class="note" role="status">{ format!(
                        "The model reads your digit {shift} pixels further right than it would (“What the model sees” shows it). Compare the maps \
                         and the bars, then press the button again to put it back."
                    ) }</p>
                }
            </div>
            <div class="draw-answer">
                if *empty {
                    <p id="draw-empty" class="note">{ "Nothing to predict yet: draw a digit." }</p>
                } else if let Some(failure) = props.failure.as_ref().filter(|f| Some(f.request) == answered) {
                    <p id="draw-failure" class="error" role="alert">{ &failure.message }</p>
                } else if let Some(answer) = &props.prediction {
                    if answer.probabilities.iter().all(|p| p.is_finite()) {
                        <ProbabilityBars probabilities={answer.probabilities.clone()} request={answer.request}
                            compute_ms={answer.compute_ms} latency_ms={*latency} />
                    } else {
                        <p id="draw-failure" class="error" role="alert">{ "The model's answer is not a number (NaN): its weights have overflowed. Train again with a smaller learning rate." }</p>
                    }
                }
                <p id="answering" class="note">{ answering_line(props) }</p>
            </div>
            <div class="draw-strip">
                <MapStrip inside={props.inside.clone()} empty={*empty} />
            </div>
            <div class="draw-model-input">
                <p class="note">{ "What the model sees: your digit scaled into a 20 × 20 box and centred by its centre of mass in 28 × 28 pixels, as MNIST's digits were." }</p>
                <SaliencyPreview pixels={(*preview).clone()} saliency={props.saliency.clone()} />
            </div>
            <div class="draw-tools">
                <LabelBar collecting={book.collecting} {on_collect} {on_label} note={book.keep_note.clone()} />
                <p id="pen-help" class="note">{ PEN_HELP }</p>
                <ImageUpload {canvas} {on_painted} />
                <PredictionAnnouncer answer={props.prediction.clone()} announce={if *empty { None } else { *announce }} />
            </div>
        </div>
    }
}

/// Which model answers drawings, or why none can yet.
fn answering_line(props: &Props) -> String {
    if props.worker_stopped {
        return "Nothing answers drawings now: the worker that runs the model stopped (see 1. The machine and the data). Press \"Start the worker again\" there and your drawing is answered.".to_string();
    }
    match (&props.answering, &props.model_problem) {
        (Some(name), _) => format!("Answering: {name}"),
        (None, Some(problem)) => format!(
            "{problem} Drawings are answered as soon as a model of yours has trained for 50 steps: press Train in section 3."
        ),
        (None, None) => "Answering: loading the pre-trained model…".to_string(),
    }
}
