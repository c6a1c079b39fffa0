// Fine-tuning on the learner's digits (issue 14): a set of 30 digits is imported, fine-tuning
// runs in the worker and shows the figures before and after, the fine-tuned model answers
// drawings; Stop ends a second fine-tuning; a training run can add the digits to its images.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MINUTE, openApp, setForm } from "./browser.mjs";

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

/** Three slanted, shifted copies of each digit, as a ConvLab digit-set file. */
function digitSetFile() {
  const digits = [];
  for (let copy = 0; copy < 3; copy++) {
    SHAPES.forEach((shape, label) => {
      const points = shape.map(([x, y]) => [x + (140 - y) * 0.35 + (copy - 1) * 12, y + (copy - 1) * 6]);
      digits.push({ label, pixels: raster(points), strokes: [points] });
    });
  }
  const file = join(mkdtempSync(join(tmpdir(), "convlab-tune-")), "hand.json");
  writeFileSync(file, JSON.stringify({ format: "convlab-my-digits", version: 1, digits }));
  return file;
}

test("fine-tuning on 30 imported digits shows before and after, answers drawings, stops on Stop; a run can add the digits", async () => {
  const { context, page, errors } = await openApp();
  try {
    await page.setInputFiles("#my-digits-file", digitSetFile());
    await page.locator("#my-digits-count").filter({ hasText: /^30 digits kept\./ }).waitFor({ timeout: MINUTE });

    await page.click("#fine-tune");
    const result = page.locator("#fine-tune-result");
    await result.waitFor({ timeout: 4 * MINUTE });
    // 3 of each digit: each class holds out its last, so 20 train and 10 are held out.
    assert.equal(await result.locator("caption").textContent(), "Fine-tuned for 300 steps on 20 of your digits");
    const rows = await result.locator("tbody tr").allTextContents();
    assert.equal(rows.length, 2);
    assert.match(rows[0], /^your 10 held-out digits \(never trained on\)\d+\.\d %\d+\.\d %[+-]\d+\.\d points$/);
    assert.match(rows[1], /^2,000 MNIST test images\d+\.\d %\d+\.\d %[+-]\d+\.\d points$/);
    await page.locator("#answering").filter({ hasText: /fine-tuned on your digits/ }).waitFor({ timeout: MINUTE });

    // A second fine-tuning, stopped during its steps: the model answering stays.
    await page.click("#fine-tune");
    await page.locator("#fine-tune-progress").filter({ hasText: /^Step \d+ of 300/ }).waitFor({ timeout: 2 * MINUTE });
    await page.click("#fine-tune-stop");
    await page.locator("#fine-tune-progress").filter({ hasText: /^Stopped after \d+ steps?: the model that answered before still answers\.$/ }).waitFor({ timeout: MINUTE });
    assert.equal(await page.locator("#fine-tune").isDisabled(), false);

    // A run from scratch with the digits added: 320 + 30 images, 11 batches of 32.
    await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100 });
    await page.check("#with-my-digits");
    await page.click("#train");
    await page.locator("#run-status").filter({ hasText: "Done: 1 epochs, 11 steps." }).waitFor({ timeout: 2 * MINUTE });
    await page.locator("#runs-table .run-row").first().waitFor({ timeout: MINUTE });
    assert.match(await page.locator("#runs-table .run-row td.settings").first().textContent(), /320 training images \+ 30 of yours/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
