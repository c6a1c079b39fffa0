//! Drawing with the keyboard: the canvas takes arrow keys and Space/Enter (the state machine is
//! `drawing::KeyboardPen`), and a cursor over the canvas shows where the pen is and whether it is
//! down. Strokes go through the same prediction path as pointer strokes.

use super::canvas::{SIDE, context};
use super::pen_cursor::PenCursor;
use crate::drawing::{CanvasPoint, KeyboardPen, PenEffect, PenKey};
use std::rc::Rc;
use yew::prelude::*;

/// Canvas pixels per arrow key press: one MNIST pixel is ten canvas pixels, so two of them.
const STEP: f32 = 20.0;

/// How to draw with the keyboard, for the canvas's description.
pub const PEN_HELP: &str = "Keyboard: Tab to the drawing area, move the pen with the arrow keys \
    (Shift for longer steps), and press Space or Enter to put the pen down or lift it. Moving with \
    the pen down draws; lifting it asks the model.";

/// What the canvas needs from the keyboard pen.
pub struct PenHandle {
    pub onkeydown: Callback<KeyboardEvent>,
    pub onblur: Callback<FocusEvent>,
    /// The cursor over the canvas.
    pub cursor: Html,
    /// Plays keys with a fresh pen (in the middle, pen up), as if the learner pressed them: a
    /// guided step draws its 1 this way.
    pub play: Rc<dyn Fn(&[PenKey])>,
}

/// The keyboard pen on `canvas`: `request` after each segment (as pointer moves do), `end_stroke`
/// when the pen is lifted (as a pointer up does), `record` with each segment drawn (`from`
/// equals `to` for the dot that starts a stroke).
#[hook]
pub fn use_keyboard_pen(canvas: NodeRef, request: Rc<dyn Fn()>, end_stroke: Rc<dyn Fn()>, record: Rc<dyn Fn(CanvasPoint, CanvasPoint)>) -> PenHandle {
    let pen = use_mut_ref(|| KeyboardPen::new(SIDE as f32, STEP));
    // The cursor shows once the keyboard has been used on the canvas.
    let used = use_state(|| false);
    let redraw = use_force_update();
    // One key press, from the learner or from a step: the pen moves, and the canvas draws what it says.
    let press: Rc<dyn Fn(PenKey, bool)> = {
        let (pen, end_stroke) = (pen.clone(), end_stroke.clone());
        Rc::new(move |key: PenKey, fast: bool| {
            let effect = pen.borrow_mut().press(key, fast);
            match effect {
                PenEffect::Moved => {}
                PenEffect::Dot(at) => {
                    record(at, at);
                    stroke(&canvas, at, at, &*request);
                }
                PenEffect::Line(from, to) => {
                    record(from, to);
                    stroke(&canvas, from, to, &*request);
                }
                PenEffect::Lifted => end_stroke(),
            }
        })
    };
    let onkeydown = {
        let (press, used, redraw) = (press.clone(), used.clone(), redraw.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.ctrl_key() || event.alt_key() || event.meta_key() {
                return;
            }
            let Some(key) = PenKey::from_key(&event.key()) else { return };
            // Arrows and Space would scroll the page.
            event.prevent_default();
            press(key, event.shift_key());
            used.set(true);
            redraw.force_update();
        })
    };
    let play: Rc<dyn Fn(&[PenKey])> = {
        let (pen, redraw) = (pen.clone(), redraw.clone());
        Rc::new(move |keys: &[PenKey]| {
            *pen.borrow_mut() = KeyboardPen::new(SIDE as f32, STEP);
            keys.iter().for_each(|&key| press(key, false));
            redraw.force_update();
        })
    };
    let onblur = {
        let (pen, redraw) = (pen.clone(), redraw.clone());
        Callback::from(move |_: FocusEvent| {
            if pen.borrow_mut().lift() {
                end_stroke();
            }
            redraw.force_update();
        })
    };
    let pen = pen.borrow();
    let (x, y) = pen.fraction();
    let (x, y) = (f64::from(x), f64::from(y));
    let cursor = html! { <PenCursor x={x} y={y} down={pen.is_down()} used={*used} /> };
    PenHandle { onkeydown, onblur, cursor, play }
}

/// Draws the segment `from`–`to` (a dot when they are equal) and asks for a prediction.
fn stroke(canvas: &NodeRef, from: CanvasPoint, to: CanvasPoint, request: &dyn Fn()) {
    let Some(context) = context(canvas) else { return };
    context.begin_path();
    context.move_to(f64::from(from.x), f64::from(from.y));
    context.line_to(f64::from(to.x) + if from == to { 0.01 } else { 0.0 }, f64::from(to.y));
    context.stroke();
    request();
}
