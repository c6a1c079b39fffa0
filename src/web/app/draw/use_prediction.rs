//! The drawing's prediction in flight: at most one request is out at a time and the latest
//! drawing wins (a drawing that changed while a request was out is sent when it answers). It
//! also times the first answer after a stroke ends, which the bars show and screen readers hear.
//! A guided step can move the digit the model sees a few pixels to the right: the shift is made
//! after preprocessing, which would centre a shifted drawing again.

use super::canvas::digit_on;
use crate::data::SIDE;
use crate::drawing::shifted;
use crate::web::app::browser::clock::now_ms;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// The in-flight bookkeeping; not render state, so kept in cells.
#[derive(Default)]
struct Flight {
    next: Cell<u64>,
    in_flight: Cell<Option<u64>>,
    /// The drawing changed while a request was out: send again when it answers.
    stale: Cell<bool>,
    /// When the last stroke ended, and the first request number sent after it.
    stroke_end: Cell<Option<(f64, u64)>>,
    /// Pixels of the 28 × 28 input the digit is moved to the right.
    shift: Cell<usize>,
}

/// What the drawing panel gets from [`use_prediction`].
pub struct Prediction {
    /// Reads the canvas and asks for a prediction (or marks the drawing stale while one is out).
    pub request: Rc<dyn Fn()>,
    /// A stroke ended: predict, and time the answer to the next request sent.
    pub end_stroke: Rc<dyn Fn()>,
    /// The 28 × 28 levels the model was last asked about.
    pub preview: UseStateHandle<Option<Rc<Vec<u8>>>>,
    /// Nothing on the canvas.
    pub empty: UseStateHandle<bool>,
    /// From the end of the last stroke to its answer, in ms.
    pub latency: UseStateHandle<Option<f64>>,
    /// The answer to announce to screen readers: the first after a stroke ended.
    pub announce: UseStateHandle<Option<u64>>,
    /// Pixels the digit the model sees is moved to the right (0: where preprocessing put it).
    pub shift: usize,
    /// Moves the digit the model sees this many pixels right of where preprocessing put it, and
    /// asks again.
    pub set_shift: Rc<dyn Fn(usize)>,
}

/// Predictions of the drawing on `canvas`, sent with `on_predict` (request number, 784 pixels).
/// `answered` is the newest request the worker answered or failed; a change of `answering`
/// (another model) or `worker_generation` (a fresh worker after a crash) asks again for what is
/// on the canvas, forgetting any request the old worker took with it.
#[hook]
pub fn use_prediction(
    canvas: NodeRef,
    on_predict: Callback<(u64, Vec<f32>)>,
    answered: Option<u64>,
    answering: Option<String>,
    worker_generation: u32,
) -> Prediction {
    let flight = use_memo((), |_| Flight::default());
    let preview = use_state(|| None::<Rc<Vec<u8>>>);
    let empty = use_state(|| true);
    let latency = use_state(|| None::<f64>);
    let announce = use_state(|| None::<u64>);
    let shift = use_state(|| 0_usize);

    let request: Rc<dyn Fn()> = {
        let (flight, preview, empty) = (flight.clone(), preview.clone(), empty.clone());
        Rc::new(move || {
            if flight.in_flight.get().is_some() {
                flight.stale.set(true);
                return;
            }
            let Some(digit) = digit_on(&canvas) else { return };
            match digit {
                Ok(digit) => {
                    let pixels = match flight.shift.get() {
                        0 => digit.into_pixels(),
                        right => shifted(digit.pixels(), SIDE, right as isize, 0),
                    };
                    preview.set(Some(Rc::new(pixels.iter().map(|v| (v * 255.0).round() as u8).collect())));
                    empty.set(false);
                    let id = flight.next.get() + 1;
                    flight.next.set(id);
                    flight.in_flight.set(Some(id));
                    on_predict.emit((id, pixels));
                }
                Err(_) => {
                    preview.set(None);
                    empty.set(true);
                }
            }
        })
    };

    {
        let (flight, request, latency, announce) = (flight.clone(), request.clone(), latency.clone(), announce.clone());
        use_effect_with(answered, move |answered| {
            if let Some(id) = *answered {
                if flight.in_flight.get() == Some(id) {
                    flight.in_flight.set(None);
                }
                if let Some((ended, first)) = flight.stroke_end.get() {
                    if id >= first {
                        latency.set(Some(now_ms() - ended));
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
    {
        let (flight, request, empty) = (flight.clone(), request.clone(), empty.clone());
        use_effect_with((answering, worker_generation), move |_| {
            flight.in_flight.set(None);
            if !*empty {
                request();
            }
        });
    }
    let end_stroke: Rc<dyn Fn()> = {
        let (request, flight) = (request.clone(), flight.clone());
        Rc::new(move || {
            let first = flight.next.get() + 1;
            flight.stroke_end.set(Some((now_ms(), first)));
            request();
        })
    };
    let set_shift: Rc<dyn Fn(usize)> = {
        let (request, flight, shift) = (request.clone(), flight.clone(), shift.clone());
        Rc::new(move |right: usize| {
            flight.shift.set(right);
            shift.set(right);
            request();
        })
    };
    Prediction { request, end_stroke, preview, empty, latency, announce, shift: *shift, set_shift }
}
