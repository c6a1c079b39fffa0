// The worker and the model it answers with, when they fail: a missing pre-trained model, a
// worker whose code does not load or is corrupt, a worker panic, a worker that keeps crashing.
// The page says so in the right panel, and drawing and training recover without a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { APP_URL, MINUTE, answer, launch, openApp, setForm, stroke } from "./browser.mjs";

test("without the pre-trained model, drawing says why, and answers once a run has a model", async () => {
  const { context, page } = await launch({ webgpu: false });
  try {
    await context.route("**/model/tutorial.bin", (route) => route.fulfill({ status: 404, body: "" }));
    await page.goto(APP_URL);
    const answering = page.locator("#answering");
    await answering.filter({ hasText: "could not" }).waitFor({ timeout: MINUTE });
    assert.match(await answering.textContent(), /HTTP 404.*press Train/);
    // A drawing now gets a clear "no model" in the draw panel, not an endless wait.
    await stroke(page, [[140, 40], [140, 240]]);
    await page.locator("#draw-failure").waitFor({ timeout: MINUTE });
    assert.match(await page.locator("#draw-failure").textContent(), /No model can answer yet/);
    assert.equal(await page.locator("#data-error").count(), 0, "the data panel shows no model error");
    // Train a short run: its model takes over, and the drawing on the canvas is answered.
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    await setForm(page, { epochs: 1, "train-subset": 3200, "validation-subset": 100 });
    await page.click("#train");
    await answering.filter({ hasText: "your model" }).waitFor({ timeout: 2 * MINUTE });
    await answer(page);
    assert.equal(await page.locator("#draw-failure").count(), 0);
  } finally {
    await context.close();
  }
});

/** The worker's wasm as served, its first half kept (the module header, so it is still taken
 * for WebAssembly) and the rest overwritten with 0xff, which is no section and no instruction. */
async function corruptWasm(route) {
  const response = await route.fetch();
  const body = await response.body();
  body.fill(0xff, body.length >> 1);
  await route.fulfill({ response, body });
}

for (const [what, missing, fault, said] of [
  ["wasm does not load (404)", "**/pkg/convlab-worker*_bg.wasm", (route) => route.fulfill({ status: 404, body: "" }), /training worker could not start/],
  ["wasm is corrupt", "**/pkg/convlab-worker*_bg.wasm", corruptWasm, /training worker could not start: its code could not be loaded \(CompileError: /],
])
test(`a worker whose ${what} is reported within seconds, and can be started again`, async () => {
  const { context, page } = await launch({ webgpu: false });
  try {
    await context.route(missing, fault);
    const started = Date.now();
    await page.goto(APP_URL);
    const problem = page.locator("#worker-problem");
    await problem.waitFor({ timeout: MINUTE });
    assert.ok(Date.now() - started < 15_000, "reported within seconds");
    assert.match(await problem.textContent(), said);
    assert.equal(await page.locator("#train").isDisabled(), true);
    assert.equal(await page.locator("#backend-plain").count(), 0, "no 'finding out whether the graphics card can train…' beside the failure");
    await context.unroute(missing);
    await page.click("#worker-restart");
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    assert.equal(await page.locator("#worker-problem").count(), 0);
  } finally {
    await context.close();
  }
});

test("a worker whose loader never arrives is given up on after the start timeout", async () => {
  const { context, page } = await launch({ webgpu: false, drills: { startSeconds: 3 } });
  try {
    await context.route("**/worker-loader.js*", () => {}); // never answered
    await page.goto(APP_URL);
    const problem = page.locator("#worker-problem");
    await problem.waitFor({ timeout: MINUTE });
    assert.match(await problem.textContent(), /did not start within 3 s/);
    assert.equal(await page.locator("#backend-plain").count(), 0, "no 'finding out whether the graphics card can train…' beside the failure");
    // The fresh worker gets the normal start timeout: a 3 s one could be too short for its wasm.
    await page.evaluate(() => { window.convlabDrills = {}; });
    await context.unroute("**/worker-loader.js*");
    await page.click("#worker-restart");
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
  } finally {
    await context.close();
  }
});

/** After a crash: the fresh worker loads the data again (from the browser cache) and accepts a
 * new run, without the drill. */
async function trainsWithFreshWorker(page) {
  await page.evaluate(() => { window.convlabDrills = {}; });
  await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
  await page.click("#train");
  await page.locator("#run-status").filter({ hasText: "Done: 1 epoch, 10 steps." }).waitFor({ timeout: 2 * MINUTE });
}

test("a worker panic is shown, and Train works again with a fresh worker", async () => {
  const { context, page } = await openApp({ drills: { panicAfterBatches: 3 } });
  try {
    await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100 });
    await page.click("#train");
    const message = page.locator("#training-error");
    await message.waitFor({ timeout: MINUTE });
    assert.match(await message.textContent(), /worker crashed: failure drill: panic after 3 batches \(at src\/web\/worker\/session\.rs:\d+\)/);
    await trainsWithFreshWorker(page);
  } finally {
    await context.close();
  }
});

test("a compute thread of the threaded worker that panics is reported, and a fresh worker trains", async () => {
  const { context, page } = await openApp({ drills: { panicInComputeThreadAfterBatches: 3 } });
  try {
    assert.match(await page.locator("#backend-line").textContent(), /with \d+ threads$/, "the served site runs the threaded worker");
    await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100 });
    await page.click("#train");
    const message = page.locator("#training-error");
    await message.waitFor({ timeout: MINUTE });
    assert.match(await message.textContent(), /worker crashed: failure drill: a compute thread panics after 3 batches/);
    await trainsWithFreshWorker(page);
  } finally {
    await context.close();
  }
});

test("a worker that crashes again and again is restarted three times, then waits for the learner", async () => {
  const { context, page } = await openApp({ drills: { panicAfterBatches: 1 } });
  try {
    await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100 });
    const message = page.locator("#training-error");
    for (let crash = 1; crash <= 4; crash++) {
      // Each fresh worker loads the data again before Train is back.
      await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
      await page.locator("#train:not([disabled])").waitFor({ timeout: MINUTE });
      await page.click("#train");
      await message.filter({ hasText: "failure drill: panic after 1 batches" }).waitFor({ timeout: MINUTE });
      const problem = page.locator("#worker-problem");
      if (crash <= 3) {
        assert.match(await message.textContent(), /worker crashed: .*A fresh worker is starting: press Train again/, `crash ${crash}`);
        // The message goes once the fresh worker has loaded the data; the next crash brings it back.
        await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
      } else {
        assert.doesNotMatch(await message.textContent(), /fresh worker/, "the fourth crash starts none");
        await problem.waitFor({ timeout: MINUTE });
        assert.match(await problem.textContent(), /worker crashed: failure drill: panic after 1 batches/);
        assert.equal(await page.locator("#train").isDisabled(), true, "no worker, no Train");
        assert.equal(await page.locator("#data-shapes").count(), 0, "no fresh worker loads the data");
        // The draw panel says nothing answers, and where to start the worker again.
        await stroke(page, [[60, 60], [220, 60], [120, 240]]);
        assert.match(await page.locator("#answering").textContent(), /^Nothing answers drawings now: the worker .* stopped .*Start the worker again/);
      }
    }
    // Started again by hand, without the drill, the worker trains, and the drawing is answered.
    await page.evaluate(() => { window.convlabDrills = {}; });
    await page.click("#worker-restart");
    await page.locator("#answering").filter({ hasText: /^Answering: / }).waitFor({ timeout: 2 * MINUTE });
    await page.locator("#probabilities").waitFor({ timeout: MINUTE });
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    await page.click("#train");
    await page.locator("#run-status").filter({ hasText: "Done: 1 epoch, 10 steps." }).waitFor({ timeout: 2 * MINUTE });
  } finally {
    await context.close();
  }
});

test("the crash drill cannot be reached from a link", async () => {
  const { context, page, errors } = await openApp({ path: "?panic_after=1&panicAfterBatches=1#model=f-d10.softmax&epochs=1&batch=32&lr=0.001&seed=1&subset=320" });
  try {
    await setForm(page, { "validation-subset": 100 });
    await page.click("#train");
    await page.locator("#run-status").filter({ hasText: "Done: 1 epoch, 10 steps." }).waitFor({ timeout: 2 * MINUTE });
    assert.equal(await page.locator("#training-error").count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
