//! A point on the drawing canvas, in canvas pixels (the page's 280 × 280 canvas, x to the
//! right, y down): where the keyboard pen is, a point of a stroke the learner drew, a point of
//! a synthetic digit's pen path once it is placed on the canvas.

use serde::{Deserialize, Serialize};

/// A point in canvas pixels. Serialised as `[x, y]`, the form the My digits file keeps its
/// strokes in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "[f32; 2]", into = "[f32; 2]")]
pub struct CanvasPoint {
    pub x: f32,
    pub y: f32,
}

impl CanvasPoint {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

impl From<[f32; 2]> for CanvasPoint {
    fn from([x, y]: [f32; 2]) -> Self {
        Self { x, y }
    }
}

impl From<CanvasPoint> for [f32; 2] {
    fn from(point: CanvasPoint) -> Self {
        [point.x, point.y]
    }
}
