//! A pen driven by the keyboard, for people who cannot draw with a pointer: arrow keys move a
//! cursor over the canvas, Space or Enter puts the pen down or lifts it, and moving with the pen
//! down draws a line. This is only the state machine; the page turns its strokes into canvas
//! lines and predictions, the same way as pointer strokes.

use super::CanvasPoint;

/// A key the pen understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PenKey {
    Left,
    Right,
    Up,
    Down,
    /// Space or Enter: pen down when it is up, up when it is down.
    Toggle,
}

impl PenKey {
    /// The pen key for a DOM `KeyboardEvent.key` value, if it is one.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "ArrowLeft" => Some(Self::Left),
            "ArrowRight" => Some(Self::Right),
            "ArrowUp" => Some(Self::Up),
            "ArrowDown" => Some(Self::Down),
            " " | "Spacebar" | "Enter" => Some(Self::Toggle),
            _ => None,
        }
    }
}

/// The keys that draw a 1 with a fresh pen (starting in the middle, pen up): up five steps,
/// pen down, ten steps down, pen up. A guided step plays them through the same path as a
/// learner's keys, so the page draws the 1 the way the learner would.
pub const VERTICAL_ONE: [PenKey; 17] = {
    use PenKey::{Down, Toggle, Up};
    [Up, Up, Up, Up, Up, Toggle, Down, Down, Down, Down, Down, Down, Down, Down, Down, Down, Toggle]
};

/// What a key press asks the canvas to do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PenEffect {
    /// Only the cursor moved (pen up), or it could not move further (at the edge).
    Moved,
    /// The pen touched down here: draw a dot, a stroke begins.
    Dot(CanvasPoint),
    /// The pen moved while down: draw this segment.
    Line(CanvasPoint, CanvasPoint),
    /// The pen was lifted: the stroke is finished.
    Lifted,
}

/// The pen's state: where the cursor is, and whether the pen is down.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyboardPen {
    side: f32,
    step: f32,
    at: CanvasPoint,
    down: bool,
}

impl KeyboardPen {
    /// A pen on a square canvas of `side` pixels, moving `step` pixels per key press, starting
    /// in the centre with the pen up.
    pub fn new(side: f32, step: f32) -> Self {
        let centre = side / 2.0;
        Self { side, step, at: CanvasPoint::new(centre, centre), down: false }
    }

    pub fn position(&self) -> CanvasPoint {
        self.at
    }

    pub fn is_down(&self) -> bool {
        self.down
    }

    /// The cursor as fractions of the canvas side (0 to 1), for placing it over a canvas of any
    /// CSS size.
    pub fn fraction(&self) -> (f32, f32) {
        (self.at.x / self.side, self.at.y / self.side)
    }

    /// Applies one key press; `fast` (Shift held) moves four steps at once.
    pub fn press(&mut self, key: PenKey, fast: bool) -> PenEffect {
        let distance = if fast { 4.0 * self.step } else { self.step };
        let (dx, dy) = match key {
            PenKey::Left => (-distance, 0.0),
            PenKey::Right => (distance, 0.0),
            PenKey::Up => (0.0, -distance),
            PenKey::Down => (0.0, distance),
            PenKey::Toggle => {
                self.down = !self.down;
                return if self.down { PenEffect::Dot(self.at) } else { PenEffect::Lifted };
            }
        };
        let from = self.at;
        self.at = CanvasPoint::new((from.x + dx).clamp(0.0, self.side), (from.y + dy).clamp(0.0, self.side));
        if self.down && self.at != from { PenEffect::Line(from, self.at) } else { PenEffect::Moved }
    }

    /// Lifts the pen without a key (the canvas lost focus, or was cleared); true when it was down,
    /// so the stroke it drew is finished.
    pub fn lift(&mut self) -> bool {
        std::mem::replace(&mut self.down, false)
    }
}
