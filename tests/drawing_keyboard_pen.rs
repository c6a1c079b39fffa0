//! The keyboard pen: keys, movement and clamping, pen down/up, and the segments it asks the
//! canvas to draw; a "1" drawn with it is a digit the preprocessing accepts, and so is the 1 a
//! guided step draws with it.

use convlab::drawing::{CanvasPoint, KeyboardPen, PenEffect, PenKey, VERTICAL_ONE, ink_from_rgba, preprocess};

const SIDE: f32 = 280.0;
const STEP: f32 = 10.0;

fn pen() -> KeyboardPen {
    KeyboardPen::new(SIDE, STEP)
}

#[test]
fn keys_map_to_pen_keys() {
    assert_eq!(PenKey::from_key("ArrowLeft"), Some(PenKey::Left));
    assert_eq!(PenKey::from_key("ArrowRight"), Some(PenKey::Right));
    assert_eq!(PenKey::from_key("ArrowUp"), Some(PenKey::Up));
    assert_eq!(PenKey::from_key("ArrowDown"), Some(PenKey::Down));
    assert_eq!(PenKey::from_key(" "), Some(PenKey::Toggle));
    assert_eq!(PenKey::from_key("Enter"), Some(PenKey::Toggle));
    assert_eq!(PenKey::from_key("Tab"), None, "Tab must keep leaving the canvas");
    assert_eq!(PenKey::from_key("a"), None);
}

#[test]
fn starts_in_the_centre_with_the_pen_up_and_moves_without_drawing() {
    let mut pen = pen();
    assert_eq!(pen.position(), CanvasPoint::new(140.0, 140.0));
    assert!(!pen.is_down());
    assert_eq!(pen.press(PenKey::Right, false), PenEffect::Moved);
    assert_eq!(pen.press(PenKey::Up, false), PenEffect::Moved);
    assert_eq!(pen.position(), CanvasPoint::new(150.0, 130.0));
    assert_eq!(pen.press(PenKey::Left, true), PenEffect::Moved, "Shift moves four steps");
    assert_eq!(pen.position(), CanvasPoint::new(110.0, 130.0));
    assert_eq!(pen.fraction(), (110.0 / 280.0, 130.0 / 280.0));
}

#[test]
fn pen_down_draws_a_dot_then_lines_until_lifted() {
    let mut pen = pen();
    assert_eq!(pen.press(PenKey::Toggle, false), PenEffect::Dot(CanvasPoint::new(140.0, 140.0)));
    assert!(pen.is_down());
    assert_eq!(
        pen.press(PenKey::Down, false),
        PenEffect::Line(CanvasPoint::new(140.0, 140.0), CanvasPoint::new(140.0, 150.0))
    );
    assert_eq!(
        pen.press(PenKey::Right, true),
        PenEffect::Line(CanvasPoint::new(140.0, 150.0), CanvasPoint::new(180.0, 150.0))
    );
    assert_eq!(pen.press(PenKey::Toggle, false), PenEffect::Lifted);
    assert!(!pen.is_down());
    assert_eq!(pen.press(PenKey::Down, false), PenEffect::Moved, "no line once the pen is up");
}

#[test]
fn the_cursor_stays_on_the_canvas_and_draws_nothing_at_the_edge() {
    let mut pen = pen();
    for _ in 0..40 {
        pen.press(PenKey::Left, true);
        pen.press(PenKey::Up, true);
    }
    assert_eq!(pen.position(), CanvasPoint::new(0.0, 0.0));
    pen.press(PenKey::Toggle, false);
    assert_eq!(pen.press(PenKey::Left, false), PenEffect::Moved, "no zero-length segment at the edge");
    for _ in 0..40 {
        pen.press(PenKey::Right, true);
        pen.press(PenKey::Down, true);
    }
    assert_eq!(pen.position(), CanvasPoint::new(SIDE, SIDE));
}

#[test]
fn lifting_reports_whether_a_stroke_was_going_on() {
    let mut pen = pen();
    assert!(!pen.lift());
    pen.press(PenKey::Toggle, false);
    assert!(pen.lift());
    assert!(!pen.is_down());
    assert_eq!(pen.press(PenKey::Toggle, false), PenEffect::Dot(pen.position()), "the next Space starts a new stroke");
}

/// Paints the pen's dots and lines as squares of `half` pixels around each point along them.
fn paint(canvas: &mut [u8], side: usize, effect: PenEffect, half: f32) {
    let (from, to) = match effect {
        PenEffect::Dot(p) => (p, p),
        PenEffect::Line(a, b) => (a, b),
        _ => return,
    };
    let steps = ((to.x - from.x).abs().max((to.y - from.y).abs()) as usize).max(1);
    for i in 0..=steps {
        let t = i as f32 / steps as f32;
        let (cx, cy) = (from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
        for y in (cy - half).max(0.0) as usize..((cy + half) as usize).min(side) {
            for x in (cx - half).max(0.0) as usize..((cx + half) as usize).min(side) {
                canvas[(y * side + x) * 4..(y * side + x) * 4 + 3].fill(0);
            }
        }
    }
}

#[test]
fn a_one_drawn_with_arrows_and_space_is_a_centred_upright_digit() {
    let side = SIDE as usize;
    let mut canvas = vec![255u8; side * side * 4];
    let mut pen = pen();
    let mut effects = vec![];
    for _ in 0..2 {
        effects.push(pen.press(PenKey::Up, true)); // to y = 60
    }
    effects.push(pen.press(PenKey::Toggle, false));
    for _ in 0..4 {
        effects.push(pen.press(PenKey::Down, true)); // down to y = 220
    }
    effects.push(pen.press(PenKey::Toggle, false));
    assert_eq!(effects.iter().filter(|e| matches!(e, PenEffect::Line(..))).count(), 4);
    for effect in effects {
        paint(&mut canvas, side, effect, 11.0);
    }
    let ink = ink_from_rgba(&canvas, side, side).expect("the pen left ink");
    let digit = preprocess(&ink, side, side).expect("a digit to predict");
    let pixels = digit.pixels();
    // Tall and thin: the centre column is inked from top to bottom of the 20-pixel box.
    assert!(pixels[5 * 28 + 14] > 0.5 && pixels[22 * 28 + 14] > 0.5);
    assert!(pixels[14 * 28 + 5] < 0.01 && pixels[14 * 28 + 22] < 0.01);
}

/// The guided step's 1: the page plays these keys through the learner's keyboard path, and
/// they draw one upright stroke from a fresh pen.
#[test]
fn the_steps_one_is_a_single_vertical_stroke() {
    // The page's pen: 20 canvas pixels (two MNIST pixels) per key.
    let mut pen = KeyboardPen::new(SIDE, 20.0);
    let effects: Vec<PenEffect> = VERTICAL_ONE.iter().map(|&key| pen.press(key, false)).collect();
    let dots: Vec<_> = effects.iter().filter_map(|e| if let PenEffect::Dot(at) = e { Some(*at) } else { None }).collect();
    let lines: Vec<_> = effects.iter().filter_map(|e| if let PenEffect::Line(a, b) = e { Some((*a, *b)) } else { None }).collect();
    assert_eq!(dots.len(), 1, "one stroke");
    assert_eq!(effects.last(), Some(&PenEffect::Lifted), "the pen is lifted at the end, so the page asks the model");
    assert!(lines.iter().all(|(a, b)| a.x == b.x && b.y > a.y), "straight down: {lines:?}");
    let (top, bottom) = (dots[0].y, lines.last().unwrap().1.y);
    let side = SIDE;
    assert!(bottom - top >= side * 0.6, "a tall stroke: {top}..{bottom} of {side}");
    assert!(top > 0.0 && bottom < side, "inside the canvas");
}
