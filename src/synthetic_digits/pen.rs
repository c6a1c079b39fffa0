//! Strokes painted on a canvas the way the page's pen paints them: a round pen of a given width
//! with anti-aliased edges, ink 1 inside.

use crate::drawing::CanvasPoint;

/// Paints the polylines on a `side × side` canvas of ink values (0..1) with a
/// round pen `width` pixels wide (also what the tests use to draw like the browser tests).
pub fn paint(lines: &[Vec<CanvasPoint>], width: f32, side: usize) -> Vec<f32> {
    let mut ink = vec![0.0f32; side * side];
    let radius = width / 2.0;
    for line in lines {
        let segments: Vec<(CanvasPoint, CanvasPoint)> = if line.len() == 1 {
            vec![(line[0], line[0])]
        } else {
            line.windows(2).map(|w| (w[0], w[1])).collect()
        };
        for (a, b) in segments {
            paint_segment(&mut ink, side, a, b, radius);
        }
    }
    ink
}

/// Ink within `radius` of the segment `a`–`b`, with a one-pixel soft edge.
fn paint_segment(ink: &mut [f32], side: usize, a: CanvasPoint, b: CanvasPoint, radius: f32) {
    let reach = radius + 1.0;
    let range = |lo: f32, hi: f32| {
        let first = (lo - reach).floor().max(0.0) as usize;
        let last = ((hi + reach).ceil().max(0.0) as usize).min(side);
        first..last
    };
    for y in range(a.y.min(b.y), a.y.max(b.y)) {
        for x in range(a.x.min(b.x), a.x.max(b.x)) {
            let centre = CanvasPoint::new(x as f32 + 0.5, y as f32 + 0.5);
            let coverage = (radius + 0.5 - distance(centre, a, b)).clamp(0.0, 1.0);
            let cell = &mut ink[y * side + x];
            *cell = cell.max(coverage);
        }
    }
}

/// Distance from `p` to the segment `a`–`b`.
fn distance(p: CanvasPoint, a: CanvasPoint, b: CanvasPoint) -> f32 {
    let (abx, aby) = (b.x - a.x, b.y - a.y);
    let length2 = abx * abx + aby * aby;
    let t = if length2 > 0.0 {
        (((p.x - a.x) * abx + (p.y - a.y) * aby) / length2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (dx, dy) = (p.x - (a.x + t * abx), p.y - (a.y + t * aby));
    (dx * dx + dy * dy).sqrt()
}
