// A made-up hand for tests and screenshots: ten digit shapes as pen strokes, rasterised to
// 28 × 28 the way MNIST digits look, written as a ConvLab digit-set file ("convlab-my-digits").
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One polyline per digit, in canvas pixels (0..280), drawn in a hand unlike MNIST's. */
const SHAPES = [
  [[140, 40], [90, 80], [80, 160], [110, 230], [170, 230], [200, 160], [190, 80], [140, 40]],
  [[110, 80], [150, 40], [150, 240]],
  [[80, 80], [110, 50], [170, 50], [200, 90], [180, 140], [80, 230], [210, 230]],
  [[80, 60], [190, 60], [130, 130], [200, 180], [170, 230], [80, 230]],
  [[170, 240], [170, 40], [70, 170], [220, 170]],
  [[200, 50], [90, 50], [80, 130], [180, 130], [200, 190], [160, 235], [80, 230]],
  [[190, 50], [110, 110], [85, 190], [120, 235], [180, 220], [190, 170], [140, 140], [90, 170]],
  [[60, 50], [220, 50], [120, 240]],
  [[140, 140], [90, 100], [110, 50], [170, 50], [190, 100], [140, 140], [85, 190], [110, 235], [170, 235], [195, 190], [140, 140]],
  [[190, 100], [150, 50], [100, 70], [100, 120], [150, 140], [190, 100], [185, 240]],
];

/** The distance from point p to the segment a–b. */
function distance([px, py], [ax, ay], [bx, by]) {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** A 28 × 28 image of `points` (canvas pixels / 10), strokes about 2.5 pixels wide, 0..1. */
function raster(points) {
  const pixels = [];
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      let d = Infinity;
      for (let i = 1; i < points.length; i++) d = Math.min(d, distance([x * 10 + 5, y * 10 + 5], points[i - 1], points[i]) / 10);
      pixels.push(Math.round(Math.max(0, Math.min(1, (1.6 - d) / 0.8)) * 255) / 255);
    }
  }
  return pixels;
}

/** Slanted, shifted copies of each digit (copies `from` to `to` - 1 of three; all three by
 * default), as a ConvLab digit-set file. */
export function digitSetFile({ from = 0, to = 3 } = {}) {
  const digits = [];
  for (let copy = from; copy < to; copy++) {
    SHAPES.forEach((shape, label) => {
      const points = shape.map(([x, y]) => [x + (140 - y) * 0.35 + (copy - 1) * 12, y + (copy - 1) * 6]);
      digits.push({ label, pixels: raster(points), strokes: [points] });
    });
  }
  const file = join(mkdtempSync(join(tmpdir(), "convlab-tune-")), "hand.json");
  writeFileSync(file, JSON.stringify({ format: "convlab-my-digits", version: 1, digits }));
  return file;
}

