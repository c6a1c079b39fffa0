//! Flagged 1s, which MNIST's writers seldom drew, made from MNIST's plain ones: a 1 gets a
//! flag at its top, sometimes also a base, painted onto its own stroke. Without them a network learns that a stroke with a
//! short bar at its top is a 7, and reads most flagged 1s people draw as 7s.

use rand::Rng;

use crate::data::SIDE;

/// How often a 1 gets a flag, and how often a flagged 1 also gets a base.
pub const FLAG_CHANCE: f64 = 0.4;
pub const BASE_CHANCE: f64 = 0.4;

/// What [`flag_one`] added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    Nothing,
    Flag,
    FlagAndBase,
}

/// Adds a flag (and maybe a base) to `image` (28 × 28, 0..1) when `label` is 1 and the image
/// looks like a straight stroke; otherwise leaves it alone. The flag leaves the stem's top end
/// down to the left at 15–60° below the horizontal, a quarter to 0.6 of the stem long (the
/// long, flat flag of many European 1s included);
/// the base is a horizontal bar across the stem's foot. Both are drawn with the stem's own
/// thickness.
pub fn flag_one(image: &mut [f32], label: u8, rng: &mut impl Rng) -> Added {
    if label != 1 || !rng.random_bool(FLAG_CHANCE) {
        return Added::Nothing;
    }
    let Some(stem) = Stem::find(image) else {
        return Added::Nothing;
    };
    let angle = rng.random_range(15.0f32..=60.0).to_radians();
    let length = stem.length * rng.random_range(0.25..=0.6);
    let flag_end = (
        stem.top.0 - length * angle.cos(),
        stem.top.1 + length * angle.sin(),
    );
    paint_line(image, stem.top, flag_end, stem.width);
    if !rng.random_bool(BASE_CHANCE) {
        return Added::Flag;
    }
    let half = stem.length * rng.random_range(0.2..=0.35);
    let (x, y) = stem.foot;
    paint_line(image, (x - half, y), (x + half, y), stem.width);
    Added::FlagAndBase
}

/// A digit that is one straight stroke: its ends and thickness, in pixels.
struct Stem {
    top: (f32, f32),
    foot: (f32, f32),
    length: f32,
    width: f32,
}

impl Stem {
    /// The stroke's axis from the ink's moments; `None` unless the ink is long and thin (a 1
    /// that already has a flag or a base is left as it is, and so is one leaning left).
    fn find(image: &[f32]) -> Option<Stem> {
        let at = |i: usize| ((i % SIDE) as f32 + 0.5, (i / SIDE) as f32 + 0.5);
        let total: f32 = image.iter().sum();
        if total < 1.0 {
            return None;
        }
        let (mut mx, mut my) = (0.0, 0.0);
        for (i, &v) in image.iter().enumerate() {
            let (x, y) = at(i);
            (mx, my) = (mx + v * x, my + v * y);
        }
        (mx, my) = (mx / total, my / total);
        let (mut xx, mut xy, mut yy) = (0.0, 0.0, 0.0);
        for (i, &v) in image.iter().enumerate() {
            let (dx, dy) = (at(i).0 - mx, at(i).1 - my);
            (xx, xy, yy) = (xx + v * dx * dx, xy + v * dx * dy, yy + v * dy * dy);
        }
        // The covariance's eigenvalues: the spread along the stroke and across it.
        let (mean, diff) = (
            (xx + yy) / 2.0,
            (((xx - yy) / 2.0).powi(2) + xy * xy).sqrt(),
        );
        let (along, across) = (mean + diff, mean - diff);
        if along < 12.0 * across.max(1e-6) {
            return None;
        }
        // The eigenvector of `along`, pointing down the image.
        let (mut dx, mut dy) = if xy.abs() > 1e-6 {
            (along - yy, xy)
        } else if xx > yy {
            (1.0, 0.0)
        } else {
            (0.0, 1.0)
        };
        let norm = (dx * dx + dy * dy).sqrt();
        (dx, dy) = (dx / norm, dy / norm);
        if dy < 0.0 {
            (dx, dy) = (-dx, -dy);
        }
        // A stroke leaning left ("\\") is not written as a 1; a flag on it would make a "^".
        if dx > 0.3 {
            return None;
        }
        let (mut first, mut last) = (f32::MAX, f32::MIN);
        for (i, &v) in image.iter().enumerate() {
            if v > 0.3 {
                let t = (at(i).0 - mx) * dx + (at(i).1 - my) * dy;
                (first, last) = (first.min(t), last.max(t));
            }
        }
        let length = last - first;
        if length < 8.0 {
            return None;
        }
        Some(Stem {
            top: (mx + first * dx, my + first * dy),
            foot: (mx + last * dx, my + last * dy),
            length,
            width: (total / length).clamp(1.5, 4.0),
        })
    }
}

/// A straight line from `a` to `b` with a round pen `width` pixels wide, anti-aliased, full ink.
pub(super) fn paint_line(image: &mut [f32], a: (f32, f32), b: (f32, f32), width: f32) {
    let (abx, aby) = (b.0 - a.0, b.1 - a.1);
    let length2 = (abx * abx + aby * aby).max(1e-6);
    for (i, cell) in image.iter_mut().enumerate() {
        let p = ((i % SIDE) as f32 + 0.5, (i / SIDE) as f32 + 0.5);
        let t = (((p.0 - a.0) * abx + (p.1 - a.1) * aby) / length2).clamp(0.0, 1.0);
        let distance = ((p.0 - a.0 - t * abx).powi(2) + (p.1 - a.1 - t * aby).powi(2)).sqrt();
        let coverage = (width / 2.0 + 0.5 - distance).clamp(0.0, 1.0);
        *cell = cell.max(coverage);
    }
}
