//! How each digit is written, in several lettering styles that MNIST's writers rarely used:
//! 1 with a flag and a base, closed and open 4, 7 with a bar or a hook, 9 with a straight or a
//! curved tail, one-stroke and two-loop 8, and so on. Each style is the pen's path in a box
//! 0.6 wide and 1 high (y down), stroke by stroke, in the order a person would draw it.

/// A point in a style's box (0.6 wide, 1 high, y down), in box units; placed on the canvas it
/// becomes a [`CanvasPoint`](crate::drawing::CanvasPoint).
pub type BoxPoint = (f32, f32);

/// One stroke of the pen (pen down, move, pen up), as points in the style's box.
#[derive(Clone, Copy, Debug)]
pub enum Path {
    /// Straight lines through the points.
    Lines(&'static [BoxPoint]),
    /// A smooth curve through the points.
    Curve(&'static [BoxPoint]),
    /// Part of an ellipse: centre, radii, from and to angles in degrees (0 = right, 90 = down;
    /// to < from goes anticlockwise on screen).
    Arc {
        centre: BoxPoint,
        radii: (f32, f32),
        from: f32,
        to: f32,
    },
}

/// A lettering style of one digit.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub digit: u8,
    pub name: &'static str,
    pub strokes: &'static [Path],
}

use Path::{Arc, Curve, Lines};

const fn style(digit: u8, name: &'static str, strokes: &'static [Path]) -> Style {
    Style {
        digit,
        name,
        strokes,
    }
}

/// Every style, digit by digit (one style a line, so the table reads as a table).
#[rustfmt::skip]
pub const STYLES: &[Style] = &[
    style(0, "oval", &[Arc { centre: (0.3, 0.5), radii: (0.28, 0.48), from: -90.0, to: 270.0 }]),
    style(0, "oval that overshoots its start", &[Arc { centre: (0.3, 0.5), radii: (0.25, 0.48), from: -130.0, to: 275.0 }]),
    style(0, "teardrop", &[Curve(&[(0.38, 0.02), (0.12, 0.25), (0.04, 0.62), (0.22, 0.98), (0.48, 0.82), (0.56, 0.38), (0.38, 0.02)])]),
    style(1, "single stroke", &[Lines(&[(0.3, 0.0), (0.3, 1.0)])]),
    style(1, "with a flag", &[Lines(&[(0.1, 0.22), (0.36, 0.0), (0.36, 1.0)])]),
    style(1, "with a flag and a base", &[Lines(&[(0.12, 0.2), (0.34, 0.0), (0.34, 1.0)]), Lines(&[(0.08, 1.0), (0.6, 1.0)])]),
    style(1, "with a long flag", &[Lines(&[(0.02, 0.38), (0.42, 0.0), (0.42, 1.0)])]),
    style(2, "curve, diagonal and base", &[Curve(&[(0.04, 0.24), (0.28, 0.0), (0.55, 0.2), (0.42, 0.52), (0.02, 1.0)]), Lines(&[(0.02, 1.0), (0.6, 1.0)])]),
    style(2, "with a loop at the base", &[Curve(&[(0.04, 0.22), (0.3, 0.0), (0.56, 0.2), (0.45, 0.5), (0.14, 0.86), (0.06, 0.97), (0.18, 1.0), (0.28, 0.9), (0.2, 0.84), (0.16, 0.94), (0.36, 1.0), (0.6, 0.96)])]),
    style(2, "hook and straight diagonal", &[Curve(&[(0.06, 0.18), (0.3, 0.01), (0.52, 0.14), (0.5, 0.34)]), Lines(&[(0.5, 0.34), (0.03, 1.0), (0.6, 1.0)])]),
    style(3, "two round bumps", &[Curve(&[(0.04, 0.12), (0.3, 0.0), (0.53, 0.15), (0.47, 0.36), (0.24, 0.48)]), Curve(&[(0.24, 0.48), (0.52, 0.6), (0.56, 0.83), (0.3, 1.0), (0.02, 0.9)])]),
    style(3, "flat top", &[Lines(&[(0.05, 0.02), (0.56, 0.02), (0.26, 0.4)]), Curve(&[(0.26, 0.4), (0.5, 0.5), (0.58, 0.75), (0.36, 0.98), (0.03, 0.88)])]),
    style(3, "one stroke with a pointed middle", &[Curve(&[(0.02, 0.16), (0.26, 0.0), (0.5, 0.1), (0.5, 0.32), (0.22, 0.5)]), Curve(&[(0.22, 0.5), (0.5, 0.62), (0.58, 0.85), (0.3, 1.0), (0.02, 0.88)])]),
    style(4, "open top", &[Lines(&[(0.3, 0.0), (0.02, 0.66), (0.6, 0.66)]), Lines(&[(0.46, 0.28), (0.46, 1.0)])]),
    style(4, "closed top", &[Lines(&[(0.46, 1.0), (0.46, 0.0), (0.0, 0.68), (0.6, 0.68)])]),
    style(4, "square", &[Lines(&[(0.06, 0.0), (0.06, 0.56), (0.6, 0.56)]), Lines(&[(0.45, 0.0), (0.45, 1.0)])]),
    style(5, "stem and bowl, bar last", &[Lines(&[(0.12, 0.02), (0.08, 0.45)]), Curve(&[(0.08, 0.45), (0.36, 0.38), (0.57, 0.6), (0.5, 0.9), (0.25, 1.0), (0.02, 0.9)]), Lines(&[(0.12, 0.02), (0.56, 0.02)])]),
    style(5, "one stroke", &[Lines(&[(0.56, 0.02), (0.12, 0.02), (0.09, 0.44)]), Curve(&[(0.09, 0.44), (0.36, 0.38), (0.58, 0.62), (0.48, 0.92), (0.22, 1.0), (0.02, 0.88)])]),
    style(5, "angular bowl", &[Lines(&[(0.55, 0.0), (0.1, 0.0), (0.07, 0.42), (0.42, 0.42), (0.57, 0.6), (0.55, 0.85), (0.38, 1.0), (0.02, 0.95)])]),
    style(6, "curl", &[Curve(&[(0.5, 0.02), (0.2, 0.25), (0.05, 0.6), (0.15, 0.95), (0.4, 0.98), (0.55, 0.78), (0.4, 0.56), (0.15, 0.6), (0.07, 0.75)])]),
    style(6, "straight stem", &[Lines(&[(0.46, 0.0), (0.07, 0.7)]), Arc { centre: (0.31, 0.75), radii: (0.24, 0.24), from: 190.0, to: -170.0 }]),
    style(6, "small loop", &[Curve(&[(0.55, 0.0), (0.25, 0.15), (0.08, 0.5), (0.1, 0.86), (0.3, 1.0), (0.5, 0.88), (0.46, 0.7), (0.26, 0.66), (0.1, 0.8)])]),
    style(6, "big loop", &[Curve(&[(0.48, 0.0), (0.2, 0.15), (0.04, 0.5), (0.12, 0.9), (0.34, 1.0), (0.56, 0.82), (0.52, 0.52), (0.3, 0.42), (0.1, 0.55)])]),
    style(6, "curled top", &[Curve(&[(0.36, 0.16), (0.5, 0.06), (0.42, 0.0), (0.22, 0.1), (0.08, 0.45), (0.1, 0.85), (0.3, 1.0), (0.52, 0.88), (0.5, 0.62), (0.3, 0.54), (0.1, 0.66)])]),
    style(6, "tall loop crossing the stem", &[Curve(&[(0.52, 0.0), (0.25, 0.15), (0.1, 0.45), (0.1, 0.85), (0.3, 1.0), (0.54, 0.85), (0.54, 0.55), (0.34, 0.4), (0.12, 0.44), (0.0, 0.52)])]),
    style(6, "flat top", &[Lines(&[(0.56, 0.02), (0.18, 0.04)]), Curve(&[(0.18, 0.04), (0.08, 0.4), (0.08, 0.8), (0.28, 1.0), (0.52, 0.86), (0.5, 0.6), (0.28, 0.52), (0.08, 0.64)])]),
    style(6, "open loop", &[Curve(&[(0.5, 0.0), (0.22, 0.18), (0.07, 0.52), (0.14, 0.9), (0.36, 1.0), (0.55, 0.82), (0.5, 0.6), (0.3, 0.55), (0.2, 0.6)])]),
    style(7, "plain", &[Lines(&[(0.0, 0.03), (0.6, 0.03), (0.2, 1.0)])]),
    style(7, "with a bar", &[Lines(&[(0.0, 0.03), (0.6, 0.03), (0.2, 1.0)]), Lines(&[(0.14, 0.52), (0.56, 0.5)])]),
    style(7, "curved stem", &[Lines(&[(0.0, 0.03), (0.6, 0.03)]), Curve(&[(0.6, 0.03), (0.42, 0.35), (0.29, 0.7), (0.26, 1.0)])]),
    style(7, "with a hook", &[Lines(&[(0.02, 0.2), (0.02, 0.02), (0.6, 0.03), (0.22, 1.0)])]),
    style(8, "two loops", &[Arc { centre: (0.3, 0.24), radii: (0.21, 0.23), from: 0.0, to: 360.0 }, Arc { centre: (0.3, 0.72), radii: (0.29, 0.27), from: 0.0, to: 360.0 }]),
    style(8, "small top loop", &[Arc { centre: (0.3, 0.19), radii: (0.15, 0.18), from: 90.0, to: 450.0 }, Arc { centre: (0.3, 0.68), radii: (0.3, 0.31), from: -90.0, to: 270.0 }]),
    style(8, "one stroke from the top right", &[Curve(&[(0.5, 0.12), (0.3, 0.0), (0.08, 0.12), (0.12, 0.33), (0.48, 0.6), (0.55, 0.85), (0.3, 1.0), (0.05, 0.85), (0.12, 0.6), (0.48, 0.35), (0.52, 0.14), (0.44, 0.04)])]),
    style(8, "one stroke from the top left", &[Curve(&[(0.1, 0.12), (0.3, 0.0), (0.52, 0.12), (0.48, 0.33), (0.12, 0.6), (0.05, 0.85), (0.3, 1.0), (0.55, 0.85), (0.48, 0.6), (0.12, 0.35), (0.08, 0.14), (0.16, 0.04)])]),
    style(9, "straight tail", &[Arc { centre: (0.29, 0.28), radii: (0.25, 0.26), from: 0.0, to: -360.0 }, Lines(&[(0.54, 0.28), (0.5, 1.0)])]),
    style(9, "curved tail", &[Arc { centre: (0.29, 0.28), radii: (0.25, 0.26), from: 0.0, to: -360.0 }, Curve(&[(0.54, 0.28), (0.54, 0.65), (0.44, 0.92), (0.22, 1.0), (0.05, 0.93)])]),
    style(9, "big loop, short tail", &[Arc { centre: (0.3, 0.36), radii: (0.28, 0.35), from: 0.0, to: -360.0 }, Lines(&[(0.58, 0.36), (0.56, 1.0)])]),
    style(9, "one stroke, slanted tail", &[Curve(&[(0.55, 0.16), (0.35, 0.0), (0.08, 0.12), (0.08, 0.4), (0.3, 0.5), (0.55, 0.3), (0.56, 0.1)]), Lines(&[(0.56, 0.1), (0.34, 1.0)])]),
];

/// The styles of `digit`.
pub fn styles_of(digit: u8) -> impl Iterator<Item = &'static Style> {
    STYLES.iter().filter(move |s| s.digit == digit)
}
