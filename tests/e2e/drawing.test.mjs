// Draw a digit: real pointer events on the canvas, the 28 × 28 preview, live probabilities from
// the pre-trained model, and MNIST test digits painted onto the canvas through the same path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { APP_URL, answer, openApp as open, stroke } from "./browser.mjs";

/** The page, once the pre-trained model answers drawings. */
const openApp = () => open({ ready: (page) => page.locator("#answering").filter({ hasText: "pre-trained tutorial model" }) });

const previewInk = (page) =>
  page.evaluate(() => {
    const canvas = document.querySelector("#draw-preview canvas");
    if (!canvas) return 0;
    const data = canvas.getContext("2d").getImageData(0, 0, 28, 28).data;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += data[i];
    return sum;
  });

test("drawn strokes update the preview and the bars, and a clear 1 and 7 are recognised", async () => {
  const { context, page, errors } = await openApp();
  try {
    assert.equal(await page.locator("#draw-empty").count(), 1, "an empty canvas asks for a drawing");
    await stroke(page, [[140, 40], [140, 240]]);
    let result = await answer(page);
    assert.equal(result.top, 1, "a vertical stroke is a 1");
    const inkOfOne = await previewInk(page);
    assert.ok(inkOfOne > 0, "the preview shows the digit");

    await page.click("#clear");
    assert.equal(await page.locator("#draw-empty").count(), 1);
    await stroke(page, [[60, 50], [220, 50], [120, 240]]);
    result = await answer(page, result.request);
    assert.equal(result.top, 7, "a bar and a slanted stem is a 7");
    assert.notEqual(await previewInk(page), inkOfOne, "the preview follows the drawing");
    assert.equal(await page.locator("#probabilities .bar").count(), 10);
    assert.equal(await page.locator("#probabilities .bar.top").count(), 1);
    const computeMs = Number(await page.locator("#probabilities").getAttribute("data-compute-ms"));
    assert.ok(computeMs > 0 && computeMs < 10_000, `the worker reports the model's time (${computeMs} ms)`);
    assert.match(await page.locator("#answer-timing").textContent(), /answered in [\d.]+ ms/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("MNIST test digits painted onto the canvas are recognised at ≥ 97 % by the pre-trained model", async () => {
  const response = await fetch(new URL("data/t10k-images-idx3-ubyte.gz", APP_URL));
  const images = gunzipSync(Buffer.from(await response.arrayBuffer()));
  const labels = gunzipSync(Buffer.from(await (await fetch(new URL("data/t10k-labels-idx1-ubyte.gz", APP_URL))).arrayBuffer()));
  const { context, page } = await openApp();
  try {
    const count = 300;
    let right = 0;
    let last = 0;
    for (let i = 0; i < count; i++) {
      const digit = Array.from(images.subarray(16 + i * 784, 16 + (i + 1) * 784));
      // Each digit at its own size and place, as a learner would draw it: 6–10 canvas pixels per
      // MNIST pixel, shifted around the canvas.
      const scale = 6 + (i % 5);
      const offset = [(i * 37) % (280 - 28 * scale + 1), (i * 53) % (280 - 28 * scale + 1)];
      await page.evaluate(({ digit, scale, offset }) => {
        const canvas = document.querySelector("#draw-canvas");
        const ctx = canvas.getContext("2d");
        const image = ctx.createImageData(280, 280);
        for (let y = 0; y < 280; y++)
          for (let x = 0; x < 280; x++) {
            const [sx, sy] = [Math.floor((x - offset[0]) / scale), Math.floor((y - offset[1]) / scale)];
            const ink = sx >= 0 && sy >= 0 && sx < 28 && sy < 28 ? digit[sy * 28 + sx] : 0;
            const o = (y * 280 + x) * 4;
            image.data.set([255 - ink, 255 - ink, 255 - ink, 255], o);
          }
        ctx.putImageData(image, 0, 0);
        canvas.dispatchEvent(new PointerEvent("pointerup", { bubbles: true }));
      }, { digit, scale, offset });
      const result = await answer(page, last);
      last = result.request;
      if (result.top === labels[8 + i]) right++;
    }
    const accuracy = right / count;
    console.log(`painted MNIST test digits recognised: ${right}/${count} = ${(accuracy * 100).toFixed(1)} %`);
    assert.ok(accuracy >= 0.97, `accuracy ${accuracy}`);
  } finally {
    await context.close();
  }
});
