//! Draw a digit: a canvas for mouse, touch and pen (Pointer Events), the 28 × 28 image the model
//! sees, and live class probabilities. At most one prediction is in flight; the latest drawing
//! wins. The keyboard pen and the picture upload are the other two ways to make a drawing.
//! While the learner collects their digits, the label buttons (or keys 0–9) keep the drawing,
//! with the strokes it was drawn with, and wipe the canvas.

use super::image_upload::ImageUpload;
use super::keyboard_pen::{PEN_HELP, use_keyboard_pen};
use super::label_bar::LabelBar;
use super::my_digits_state::{BookAction, DigitBook, keep};
use super::prediction_announcer::PredictionAnnouncer;
use super::probability_bars::ProbabilityBars;
use super::saliency_preview::SaliencyPreview;
use super::state::{Answer, PredictionFailure};
use crate::drawing::{Digit28, NothingToPredict, Point, ink_from_rgba, preprocess};
use crate::handwriting::{MAX_DIGITS, MyDigit, StrokeRecorder};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, PointerEvent};
use yew::prelude::*;

/// Canvas side in CSS and canvas pixels: ten canvas pixels per MNIST pixel.
pub(super) const SIDE: u32 = 280;
/// A pen about an eighth of a digit's height, like MNIST's strokes.
const PEN_WIDTH: f64 = 22.0;

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
    /// Changes when a fresh worker replaces one that died (taking any request in flight).
    pub worker_generation: u32,
    /// The saliency of the latest answer (784 levels), laid over the preview on request.
    #[prop_or_default]
    pub saliency: Option<Rc<[u8]>>,
    /// The learner's digits: whether drawings are being collected, and where they are kept.
    pub book: UseReducerHandle<DigitBook>,
}

/// The in-flight bookkeeping; not render state, so kept in cells.
#[derive(Default)]
struct Flight {
    next: Cell<u64>,
    in_flight: Cell<Option<u64>>,
    /// The drawing changed while a request was out: send again when it answers.
    stale: Cell<bool>,
    /// When the last stroke ended, and the first request number sent after it.
    stroke_end: Cell<Option<(f64, u64)>>,
}

#[function_component]
pub fn DrawPanel(props: &Props) -> Html {
    let canvas = use_node_ref();
    let flight = use_memo((), |_| Flight::default());
    let drawing = use_mut_ref(|| false);
    let strokes = use_mut_ref(StrokeRecorder::default);
    let preview = use_state(|| None::<Rc<Vec<u8>>>);
    let empty = use_state(|| true);
    let latency = use_state(|| None::<f64>);
    // The answer to announce to screen readers: the first after a stroke ended.
    let announce = use_state(|| None::<u64>);

    // Preprocess the canvas and ask for a prediction, unless one is already out.
    let request = {
        let (canvas, flight, preview, empty, on_predict) =
            (canvas.clone(), flight.clone(), preview.clone(), empty.clone(), props.on_predict.clone());
        Rc::new(move || {
            if flight.in_flight.get().is_some() {
                flight.stale.set(true);
                return;
            }
            let Some(digit) = digit_on(&canvas) else { return };
            match digit {
                Ok(digit) => {
                    preview.set(Some(Rc::new(digit.pixels().iter().map(|v| (v * 255.0).round() as u8).collect())));
                    empty.set(false);
                    let id = flight.next.get() + 1;
                    flight.next.set(id);
                    flight.in_flight.set(Some(id));
                    on_predict.emit((id, digit.into_pixels()));
                }
                Err(_) => {
                    preview.set(None);
                    empty.set(true);
                }
            }
        })
    };

    // An answer (or a failure) arrived: record the latency of the first answer after a stroke
    // ended, and send the latest drawing if it changed meanwhile.
    let answered = props.prediction.as_ref().map(|p| p.request).max(props.failure.as_ref().map(|f| f.request));
    {
        let (flight, request, latency, announce) = (flight.clone(), request.clone(), latency.clone(), announce.clone());
        use_effect_with(answered, move |answered| {
            if let Some(id) = *answered {
                if flight.in_flight.get() == Some(id) {
                    flight.in_flight.set(None);
                }
                if let Some((ended, first)) = flight.stroke_end.get() {
                    if id >= first {
                        latency.set(Some(now() - ended));
                        announce.set(Some(id));
                        flight.stroke_end.set(None);
                    }
                }
                if flight.stale.replace(false) {
                    request();
                }
            }
        });
    }

    // Another model answers now, or a fresh worker replaced a dead one: ask again for what is
    // on the canvas, forgetting any request the old worker took with it.
    {
        let (flight, request, empty) = (flight.clone(), request.clone(), empty.clone());
        use_effect_with((props.answering.clone(), props.worker_generation), move |_| {
            flight.in_flight.set(None);
            if !*empty {
                request();
            }
        });
    }

    let on_down = {
        let (canvas, drawing, latency, strokes) = (canvas.clone(), drawing.clone(), latency.clone(), strokes.clone());
        Callback::from(move |event: PointerEvent| {
            event.prevent_default();
            latency.set(None);
            let Some(context) = context(&canvas) else { return };
            if let Some(target) = canvas.cast::<HtmlCanvasElement>() {
                let _ = target.set_pointer_capture(event.pointer_id());
            }
            *drawing.borrow_mut() = true;
            let (x, y) = position(&canvas, &event);
            strokes.borrow_mut().start(x, y);
            context.begin_path();
            context.move_to(x, y);
            context.line_to(x + 0.01, y);
            context.stroke();
        })
    };
    let on_move = {
        let (canvas, drawing, request, strokes) = (canvas.clone(), drawing.clone(), request.clone(), strokes.clone());
        Callback::from(move |event: PointerEvent| {
            if !*drawing.borrow() {
                return;
            }
            let Some(context) = context(&canvas) else { return };
            let (x, y) = position(&canvas, &event);
            strokes.borrow_mut().extend(x, y);
            context.line_to(x, y);
            context.stroke();
            request();
        })
    };
    // A stroke ended (pointer up, keyboard pen lifted, picture painted): predict, and time the
    // answer to the next request sent (now, or when the one in flight returns).
    let end_stroke: Rc<dyn Fn()> = {
        let (request, flight) = (request.clone(), flight.clone());
        Rc::new(move || {
            let first = flight.next.get() + 1;
            flight.stroke_end.set(Some((now(), first)));
            request();
        })
    };
    let on_up = {
        let (drawing, end_stroke) = (drawing.clone(), end_stroke.clone());
        Callback::from(move |_event: PointerEvent| {
            *drawing.borrow_mut() = false;
            end_stroke();
        })
    };
    let record: Rc<dyn Fn(Point, Point)> = {
        let strokes = strokes.clone();
        Rc::new(move |from: Point, to: Point| {
            let mut strokes = strokes.borrow_mut();
            if from == to { strokes.start(to.x, to.y) } else { strokes.extend(to.x, to.y) }
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
        let (canvas, preview, empty, strokes) = (canvas.clone(), preview.clone(), empty.clone(), strokes.clone());
        Rc::new(move || {
            if let Some(context) = context(&canvas) {
                clear(&context);
            }
            strokes.borrow_mut().clear();
            preview.set(None);
            empty.set(true);
        })
    };
    let on_clear = {
        let wipe = wipe.clone();
        Callback::from(move |_: MouseEvent| wipe())
    };
    // Keep the drawing as `label` (a label button or key 0–9), then wipe it for the next.
    let on_label = {
        let (canvas, strokes, book, kept) = (canvas.clone(), strokes.clone(), props.book.dispatcher(), props.book.digits.len());
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
        let book = props.book.dispatcher();
        Callback::from(move |on: bool| book.dispatch(BookAction::Collect(on)))
    };
    // While collecting, the keys 0–9 on the drawing area label the drawing; the others draw.
    let on_key = {
        let (on_label, pen_keys, collecting) = (on_label.clone(), pen.onkeydown.clone(), props.book.collecting);
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
            <div class="draw-canvas">
                <div class="canvas-frame">
                    <canvas ref={canvas.clone()} id="draw-canvas" width={SIDE.to_string()} height={SIDE.to_string()}
                        tabindex="0" role="application" aria-describedby="pen-help"
                        aria-label="Drawing area: draw one digit with the mouse, a finger, a pen or the keyboard"
                        onkeydown={on_key} onblur={pen.onblur}
                        onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up} />
                    { pen.cursor }
                </div>
                <button id="clear" onclick={on_clear}>{ "Clear" }</button>
                <LabelBar collecting={props.book.collecting} {on_collect} {on_label} note={props.book.keep_note.clone()} />
                <p id="pen-help" class="note">{ PEN_HELP }</p>
                <ImageUpload {canvas} {on_painted} />
                <PredictionAnnouncer answer={props.prediction.clone()} announce={if *empty { None } else { *announce }} />
            </div>
            <div class="draw-model-input">
                <p class="note">{ "What the model sees: your digit scaled into a 20 × 20 box and centred by its centre of mass in 28 × 28 pixels, as MNIST's digits were." }</p>
                <SaliencyPreview pixels={(*preview).clone()} saliency={props.saliency.clone()} />
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
        </div>
    }
}

/// Which model answers drawings, or why none can yet.
fn answering_line(props: &Props) -> String {
    match (&props.answering, &props.model_problem) {
        (Some(name), _) => format!("Answering: {name}"),
        (None, Some(problem)) => format!(
            "{problem} Drawings are answered as soon as a model of yours has trained for 50 steps: press Train in section 3."
        ),
        (None, None) => "Answering: loading the pre-trained model…".to_string(),
    }
}

pub(super) fn context(canvas: &NodeRef) -> Option<CanvasRenderingContext2d> {
    let canvas = canvas.cast::<HtmlCanvasElement>()?;
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.unchecked_into();
    context.set_line_width(PEN_WIDTH);
    context.set_line_cap("round");
    context.set_line_join("round");
    context.set_stroke_style_str("black");
    Some(context)
}

/// The canvas' drawing made into the 28 × 28 digit the model sees; `None` without a canvas.
fn digit_on(canvas: &NodeRef) -> Option<Result<Digit28, NothingToPredict>> {
    let context = context(canvas)?;
    let image = context.get_image_data(0.0, 0.0, SIDE as f64, SIDE as f64).ok()?;
    Some(ink_from_rgba(&image.data(), SIDE as usize, SIDE as usize).and_then(|ink| preprocess(&ink, SIDE as usize, SIDE as usize)))
}

pub(super) fn clear(context: &CanvasRenderingContext2d) {
    context.set_fill_style_str("white");
    context.fill_rect(0.0, 0.0, SIDE as f64, SIDE as f64);
}

/// The pointer's position in canvas pixels, whatever size CSS gives the canvas.
fn position(canvas: &NodeRef, event: &PointerEvent) -> (f64, f64) {
    let Some(element) = canvas.cast::<HtmlCanvasElement>() else { return (0.0, 0.0) };
    let rect = element.get_bounding_client_rect();
    let scale = SIDE as f64 / rect.width().max(1.0);
    ((event.client_x() as f64 - rect.left()) * scale, (event.client_y() as f64 - rect.top()) * scale)
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}
