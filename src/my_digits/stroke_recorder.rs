//! Recording how a digit is drawn, as the canvas sees it: each stroke a list of pen positions in
//! canvas pixels, rounded to a tenth of a pixel and kept on the canvas. Recording stops adding
//! points at the limits a kept digit may have, so a long scribble still makes a valid digit (its
//! image is what the model sees; the strokes only tell how it was drawn).

use super::digit_set::{CANVAS_SIDE, MAX_POINTS, MAX_STROKES, Stroke};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct StrokeRecorder {
    strokes: Vec<Stroke>,
    points: usize,
}

impl StrokeRecorder {
    /// The pen touched down at (`x`, `y`): a new stroke.
    pub fn start(&mut self, x: f64, y: f64) {
        if self.strokes.len() < MAX_STROKES && self.points < MAX_POINTS {
            self.strokes.push(vec![point(x, y)]);
            self.points += 1;
        }
    }

    /// The pen moved to (`x`, `y`) while down; a move with no stroke started begins one.
    pub fn extend(&mut self, x: f64, y: f64) {
        let p = point(x, y);
        match self.strokes.last_mut() {
            Some(stroke) if self.points < MAX_POINTS => {
                if stroke.last() != Some(&p) {
                    stroke.push(p);
                    self.points += 1;
                }
            }
            Some(_) => {}
            None => self.start(x, y),
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

fn point(x: f64, y: f64) -> [f32; 2] {
    let keep = |v: f64| ((v.clamp(0.0, f64::from(CANVAS_SIDE)) * 10.0).round() / 10.0) as f32;
    [keep(if x.is_nan() { 0.0 } else { x }), keep(if y.is_nan() { 0.0 } else { y })]
}
