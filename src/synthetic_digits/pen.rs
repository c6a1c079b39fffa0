//! Strokes painted on a canvas the way the page's pen paints them: a round pen of a given width
//! with anti-aliased edges, ink 1 inside.

use super::pen_paths::Point;

/// Paints the polylines (canvas pixels) on a `side × side` canvas of ink values (0..1) with a
/// round pen `width` pixels wide (also what the tests use to draw like the browser tests).
pub fn paint(lines: &[Vec<Point>], width: f32, side: usize) -> Vec<f32> {
    let mut ink = vec![0.0f32; side * side];
    let radius = width / 2.0;
    for line in lines {
        let segments: Vec<(Point, Point)> = if line.len() == 1 {
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
fn paint_segment(ink: &mut [f32], side: usize, a: Point, b: Point, radius: f32) {
    let reach = radius + 1.0;
    let range = |lo: f32, hi: f32| {
        let first = (lo - reach).floor().max(0.0) as usize;
        let last = ((hi + reach).ceil().max(0.0) as usize).min(side);
        first..last
    };
    for y in range(a.1.min(b.1), a.1.max(b.1)) {
        for x in range(a.0.min(b.0), a.0.max(b.0)) {
            let centre = (x as f32 + 0.5, y as f32 + 0.5);
            let coverage = (radius + 0.5 - distance(centre, a, b)).clamp(0.0, 1.0);
            let cell = &mut ink[y * side + x];
            *cell = cell.max(coverage);
        }
    }
}

/// Distance from `p` to the segment `a`–`b`.
fn distance(p: Point, a: Point, b: Point) -> f32 {
    let (abx, aby) = (b.0 - a.0, b.1 - a.1);
    let length2 = abx * abx + aby * aby;
    let t = if length2 > 0.0 {
        (((p.0 - a.0) * abx + (p.1 - a.1) * aby) / length2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (dx, dy) = (p.0 - (a.0 + t * abx), p.1 - (a.1 + t * aby));
    (dx * dx + dy * dy).sqrt()
}
