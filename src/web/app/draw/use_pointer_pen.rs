//! Drawing with a mouse, a finger or a stylus (Pointer Events): pointer down starts a stroke,
//! moves draw it and ask for a prediction, up (or cancel) ends it. Beside the keyboard pen
//! (`use_keyboard_pen`), which drives the same canvas and prediction from the keys.

use super::canvas::{context, position};
use crate::drawing::CanvasPoint;
use crate::my_digits::StrokeRecorder;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{HtmlCanvasElement, PointerEvent};
use yew::prelude::*;

/// The canvas's pointer handlers.
pub struct PointerPen {
    pub onpointerdown: Callback<PointerEvent>,
    pub onpointermove: Callback<PointerEvent>,
    /// For pointer up and pointer cancel alike.
    pub onpointerup: Callback<PointerEvent>,
}

/// The pointer pen on `canvas`: each stroke is recorded in `strokes`, `request` asks for a
/// prediction as the stroke grows, `end_stroke` when it ends; `on_start` hears a stroke begin.
#[hook]
pub fn use_pointer_pen(
    canvas: NodeRef,
    strokes: Rc<RefCell<StrokeRecorder>>,
    request: Rc<dyn Fn()>,
    end_stroke: Rc<dyn Fn()>,
    on_start: Callback<()>,
) -> PointerPen {
    let drawing = use_mut_ref(|| false);
    let onpointerdown = {
        let (canvas, drawing, strokes) = (canvas.clone(), drawing.clone(), strokes.clone());
        Callback::from(move |event: PointerEvent| {
            event.prevent_default();
            on_start.emit(());
            let Some(context) = context(&canvas) else { return };
            if let Some(target) = canvas.cast::<HtmlCanvasElement>() {
                let _ = target.set_pointer_capture(event.pointer_id());
            }
            *drawing.borrow_mut() = true;
            let (x, y) = position(&canvas, &event);
            strokes.borrow_mut().start(CanvasPoint::new(x as f32, y as f32));
            context.begin_path();
            context.move_to(x, y);
            context.line_to(x + 0.01, y);
            context.stroke();
        })
    };
    let onpointermove = {
        let drawing = drawing.clone();
        Callback::from(move |event: PointerEvent| {
            if !*drawing.borrow() {
                return;
            }
            let Some(context) = context(&canvas) else { return };
            let (x, y) = position(&canvas, &event);
            strokes.borrow_mut().extend(CanvasPoint::new(x as f32, y as f32));
            context.line_to(x, y);
            context.stroke();
            request();
        })
    };
    let onpointerup = Callback::from(move |_event: PointerEvent| {
        *drawing.borrow_mut() = false;
        end_stroke();
    });
    PointerPen { onpointerdown, onpointermove, onpointerup }
}
