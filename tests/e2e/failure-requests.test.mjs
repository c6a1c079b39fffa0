// Requests to the worker that fail: a prediction, a drawing's feature maps, a layer's kernels,
// the confusion matrix. The fault is injected in the worker itself, where the computation runs
// (src/web/worker/fault_drills.rs: a failed read-back from the device, as a lost WebGPU device
// gives), so the failure travels the real way: the worker's answer with the request's number,
// the page's state, the view. Each view says why where its result would be, and the next
// request is answered without a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MINUTE, answer, openApp, stroke } from "./browser.mjs";

const ONE = [[140, 40], [140, 240]];
const pretrained = (page) => page.locator("#answering").filter({ hasText: "pre-trained tutorial model" });

/** Sets the training worker's `convlabWorkerDrills`: how many of the next requests of each kind
 * fail ({ prediction: 1 }); {} ends them. */
async function workerDrills(page, drills) {
  const worker = page.workers().find((w) => w.url().includes("worker-loader.js"));
  assert.ok(worker, `a training worker among ${page.workers().map((w) => w.url())}`);
  await worker.evaluate((d) => { self.convlabWorkerDrills = d; }, drills);
}

/** Clears the canvas and draws a 1. */
async function drawOne(page) {
  await page.click("#clear");
  await stroke(page, ONE);
}

/** Waits until the feature maps show drawing request `request` (or a later one). */
async function mapsOf(page, request) {
  await page.waitForFunction((n) => Number(document.querySelector("#feature-maps")?.dataset.request ?? 0) >= n, request, { timeout: MINUTE });
}

test("a prediction that fails is said in the drawing panel and the feature maps; the next drawing is answered", async () => {
  const { context, page, errors } = await openApp({ ready: pretrained });
  try {
    // Every request of the stroke fails (one leaves mid-stroke, one at its end).
    await workerDrills(page, { prediction: 1000 });
    await drawOne(page);
    const failure = page.locator("#draw-failure");
    await failure.waitFor({ timeout: MINUTE });
    assert.match(await failure.textContent(), /^The model could not answer: the device failed: failure drill: prediction failed/);
    assert.equal(await page.locator("#probabilities[data-top]").count(), 0, "no bars from an answer that did not come");
    const maps = page.locator("#maps-failure");
    await maps.waitFor({ timeout: MINUTE });
    assert.match(await maps.textContent(), /could not answer: the device failed: failure drill: prediction failed/);

    await workerDrills(page, {});
    await drawOne(page);
    const { top, request } = await answer(page);
    assert.equal(top, 1);
    await mapsOf(page, request);
    assert.equal(await failure.count(), 0);
    assert.equal(await maps.count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("feature maps that cannot be computed are said where they would be; the bars still answer, and the next drawing has its maps", async () => {
  const { context, page, errors } = await openApp({ ready: pretrained });
  try {
    await workerDrills(page, { featureMaps: 1000 });
    await drawOne(page);
    assert.equal((await answer(page)).top, 1, "the bars do not wait for the maps");
    const maps = page.locator("#maps-failure");
    await maps.waitFor({ timeout: MINUTE });
    assert.match(await maps.textContent(), /^The feature maps could not be computed: the device failed: failure drill: featureMaps failed/);
    assert.equal(await page.locator("#draw-failure").count(), 0, "the drawing panel has its answer");

    await workerDrills(page, {});
    await drawOne(page);
    const { request } = await answer(page);
    await mapsOf(page, request);
    assert.equal(await maps.count(), 0);
    assert.equal(await page.locator("#maps-conv2d canvas.map").count(), 32);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a kernel that cannot be read is said in the channel's detail; asked again, it shows", async () => {
  const { context, page, errors } = await openApp({ ready: pretrained });
  try {
    await page.locator("#filters canvas.map").first().waitFor({ timeout: MINUTE });
    await drawOne(page);
    await mapsOf(page, (await answer(page)).request);
    // conv2d_1's kernels have not been asked for yet: opening a channel of it asks.
    await workerDrills(page, { kernels: 1 });
    await page.locator("#maps-conv2d_1 .map-button").nth(5).click();
    const failure = page.locator("#channel-detail .channel-origin .error");
    await failure.waitFor({ timeout: MINUTE });
    assert.match(await failure.textContent(), /^The kernels could not be read: the device failed: failure drill: kernels failed/);
    // Closed and opened again, the channel asks again, and the kernel comes.
    await page.click("#channel-detail-close");
    await page.locator("#maps-conv2d_1 .map-button").nth(5).click();
    await page.locator("#kernel-caption").filter({ hasText: "filter 5 of conv2d_1: a 3 × 3 × 32 kernel" }).waitFor({ timeout: MINUTE });
    assert.equal(await failure.count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a confusion matrix that cannot be computed is said under its button; pressed again, it comes", async () => {
  const { context, page, errors } = await openApp({ ready: pretrained });
  try {
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    await workerDrills(page, { confusion: 1 });
    const compute = page.locator("#confusion-compute:not([disabled])");
    await compute.click();
    const failure = page.locator("#confusion-failure");
    await failure.waitFor({ timeout: MINUTE });
    assert.match(await failure.textContent(), /^The test images could not be evaluated: the device failed: failure drill: confusion failed/);
    assert.equal(await page.locator("#confusion-matrix").count(), 0);
    await compute.click();
    await page.locator("#confusion-matrix").waitFor({ timeout: 3 * MINUTE });
    assert.equal(Number(await page.locator("#confusion-matrix").getAttribute("data-total")), 10_000);
    assert.equal(await failure.count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
