//! A style's paths as the dense polylines a pointer would report, with the writer's
//! irregularity: every control point moved a little, and the whole digit slanted, turned and
//! stretched.

use rand::Rng;

use super::styles::{BoxPoint, Path, Style};

/// How one writer's digit differs from the style's model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hand {
    /// Each control point moves up to this far either way, in box units.
    pub wobble: f32,
    /// Top moves right by `slant` box heights (negative: leans left).
    pub slant: f32,
    /// Clockwise, in degrees.
    pub rotation_deg: f32,
    /// Width factor (the height stays 1): people draw wider than MNIST's writers.
    pub width: f32,
    /// Distance between the pointer's reports, in box units: a quick mouse turns curves into
    /// a few straight pieces.
    pub pointer_step: f32,
}

impl Hand {
    /// A writer drawn from `rng`: mostly upright or leaning right, as handwriting does.
    pub fn sample(rng: &mut impl Rng) -> Hand {
        Hand {
            wobble: rng.random_range(0.0..=0.05),
            slant: rng.random_range(-0.2..=0.4),
            rotation_deg: rng.random_range(-12.0..=12.0),
            width: rng.random_range(0.75..=1.6),
            pointer_step: rng.random_range(0.02..=0.12),
        }
    }
}

/// The style's strokes as polylines in box units (before placing on a canvas), written by
/// `hand`, with the wobble drawn from `rng`.
pub fn polylines(style: &Style, hand: &Hand, rng: &mut impl Rng) -> Vec<Vec<BoxPoint>> {
    let mut wobbled = |(x, y): BoxPoint| -> BoxPoint {
        let w = hand.wobble;
        if w == 0.0 {
            return (x, y);
        }
        (x + rng.random_range(-w..=w), y + rng.random_range(-w..=w))
    };
    let mut lines: Vec<Vec<BoxPoint>> = style
        .strokes
        .iter()
        .map(|path| match *path {
            Path::Lines(points) => points.iter().map(|&p| wobbled(p)).collect(),
            Path::Curve(points) => {
                let moved: Vec<BoxPoint> = points.iter().map(|&p| wobbled(p)).collect();
                smooth(&moved)
            }
            Path::Arc {
                centre,
                radii,
                from,
                to,
            } => {
                let (cx, cy) = wobbled(centre);
                let (rx, ry) = wobbled(radii);
                arc((cx, cy), (rx, ry), from, to)
            }
        })
        .collect();
    for line in &mut lines {
        for point in line.iter_mut() {
            *point = shaped(*point, hand);
        }
        *line = pointer_reports(line, hand.pointer_step);
    }
    lines
}

/// The points a pointer reports along `line`: one every `step` of its length (and both ends),
/// each joined to the next by a straight piece, as the page paints them.
fn pointer_reports(line: &[BoxPoint], step: f32) -> Vec<BoxPoint> {
    let Some(&first) = line.first() else {
        return Vec::new();
    };
    let mut out = vec![first];
    let mut since = 0.0;
    for pair in line.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let length = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        since += length;
        if since >= step {
            out.push(b);
            since = 0.0;
        }
    }
    let last = *line.last().expect("not empty");
    if out.last() != Some(&last) {
        out.push(last);
    }
    out
}

/// The point slanted, stretched and turned about the box's centre.
fn shaped((x, y): BoxPoint, hand: &Hand) -> BoxPoint {
    let (cx, cy) = (0.3, 0.5);
    let (dx, dy) = ((x - cx) * hand.width + hand.slant * (cy - y), y - cy);
    let (sin, cos) = hand.rotation_deg.to_radians().sin_cos();
    (cx + cos * dx - sin * dy, cy + sin * dx + cos * dy)
}

/// Points along the Catmull–Rom curve through `points` (ends repeated), 12 per span.
fn smooth(points: &[BoxPoint]) -> Vec<BoxPoint> {
    const STEPS: usize = 12;
    if points.len() < 3 {
        return points.to_vec();
    }
    let at = |i: isize| points[i.clamp(0, points.len() as isize - 1) as usize];
    let mut out = Vec::with_capacity(points.len() * STEPS);
    for i in 0..points.len() as isize - 1 {
        let (p0, p1, p2, p3) = (at(i - 1), at(i), at(i + 1), at(i + 2));
        for step in 0..STEPS {
            let t = step as f32 / STEPS as f32;
            let blend = |a: f32, b: f32, c: f32, d: f32| {
                0.5 * (2.0 * b
                    + (c - a) * t
                    + (2.0 * a - 5.0 * b + 4.0 * c - d) * t * t
                    + (3.0 * b - a - 3.0 * c + d) * t * t * t)
            };
            out.push((blend(p0.0, p1.0, p2.0, p3.0), blend(p0.1, p1.1, p2.1, p3.1)));
        }
    }
    out.push(*points.last().expect("at least 3 points"));
    out
}

/// Points along an ellipse from `from` to `to` degrees, one every 5°.
fn arc(centre: BoxPoint, radii: (f32, f32), from: f32, to: f32) -> Vec<BoxPoint> {
    let steps = ((to - from).abs() / 5.0).ceil().max(1.0) as usize;
    (0..=steps)
        .map(|k| {
            let angle = (from + (to - from) * k as f32 / steps as f32).to_radians();
            (
                centre.0 + radii.0 * angle.cos(),
                centre.1 + radii.1 * angle.sin(),
            )
        })
        .collect()
}
