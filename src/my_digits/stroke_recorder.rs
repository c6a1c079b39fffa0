//! Recording how a digit is drawn, as the canvas sees it: each stroke a list of pen positions in
//! canvas pixels, rounded to a tenth of a pixel and kept on the canvas. Recording stops adding
//! points at the limits a kept digit may have, so a long scribble still makes a valid digit (its
//! image is what the model sees; the strokes only tell how it was drawn).

use super::digit_set::{CANVAS_SIDE, MAX_POINTS, MAX_STROKES, Stroke};
use crate::drawing::CanvasPoint;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct StrokeRecorder {
    strokes: Vec<Stroke>,
    points: usize,
}

impl StrokeRecorder {
    /// The pen touched down at `at`: a new stroke.
    pub fn start(&mut self, at: CanvasPoint) {
        if self.strokes.len() < MAX_STROKES && self.points < MAX_POINTS {
            self.strokes.push(vec![kept(at)]);
            self.points += 1;
        }
    }

    /// The pen moved to `to` while down; a move with no stroke started begins one.
    pub fn extend(&mut self, to: CanvasPoint) {
        let p = kept(to);
        match self.strokes.last_mut() {
            Some(stroke) if self.points < MAX_POINTS => {
                if stroke.last() != Some(&p) {
                    stroke.push(p);
                    self.points += 1;
                }
            }
            Some(_) => {}
            None => self.start(to),
        }
    }

    /// Everything was wiped (Clear, a picture uploaded, the digit kept).
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    pub fn strokes(&self) -> &[Stroke] {
        &self.strokes
    }
}

/// The point as kept: on the canvas (NaN at 0), rounded to a tenth of a pixel.
fn kept(point: CanvasPoint) -> CanvasPoint {
    let keep = |v: f32| (if v.is_nan() { 0.0 } else { v.clamp(0.0, CANVAS_SIDE) } * 10.0).round() / 10.0;
    CanvasPoint::new(keep(point.x), keep(point.y))
}
