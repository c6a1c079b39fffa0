//! A gentle bend of the strokes: each part of the digit moves by its own small amount, smoothly
//! across the image, so a stem curves a little more or less and a loop closes a little higher or
//! lower — the variations between one person's 6 and another's that a rotation or a shear, which
//! move the whole digit alike, cannot give.

use rand::Rng;

use crate::data::SIDE;

/// The displacements are drawn at the nodes of a grid this many nodes across, laid over the
/// 28 × 28 image (a node every 9⅓ pixels: a bend the size of a loop, not of a pixel).
const NODES: usize = 4;
/// Up to this many image pixels either way, along each axis, at each node.
pub const MAX_WOBBLE: f32 = 1.5;

/// The displacement field: one offset (x, y) in image pixels per node, row by row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wobble {
    offsets: [[(f32, f32); NODES]; NODES],
}

impl Wobble {
    /// No bend.
    pub const NONE: Wobble = Wobble {
        offsets: [[(0.0, 0.0); NODES]; NODES],
    };

    /// Every node's offset uniformly within ±[`MAX_WOBBLE`] on each axis.
    pub fn sample(rng: &mut impl Rng) -> Wobble {
        let mut offsets = [[(0.0, 0.0); NODES]; NODES];
        for node in offsets.iter_mut().flatten() {
            *node = (
                rng.random_range(-MAX_WOBBLE..=MAX_WOBBLE),
                rng.random_range(-MAX_WOBBLE..=MAX_WOBBLE),
            );
        }
        Wobble { offsets }
    }

    /// The offset at the image point `(x, y)` (0..28 on each axis): the four surrounding nodes'
    /// offsets blended with smoothstep weights, so the field has no kinks at the grid's lines.
    pub(super) fn at(&self, x: f32, y: f32) -> (f32, f32) {
        let cell = SIDE as f32 / (NODES - 1) as f32;
        let locate = |v: f32| {
            let t = (v / cell).clamp(0.0, (NODES - 1) as f32 - 1e-4);
            let i = t.floor() as usize;
            let f = t - i as f32;
            (i, f * f * (3.0 - 2.0 * f))
        };
        let ((i, fx), (j, fy)) = (locate(x), locate(y));
        let node = |row: usize, column: usize| self.offsets[row][column];
        let mix = |a: (f32, f32), b: (f32, f32), t: f32| (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        let top = mix(node(j, i), node(j, i + 1), fx);
        let bottom = mix(node(j + 1, i), node(j + 1, i + 1), fx);
        mix(top, bottom, fy)
    }
}
