// Training in the page: progress, Stop, a second run, the forced WebGPU path (failures are in
// failure-*.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ENGINE, MINUTE, chromiumOnly, waitForBatch, openApp, setForm } from "./browser.mjs";

/** "about 3 min", "About 1 h 5 min", "about 40 s" in seconds. */
function seconds(said) {
  const [, h, m, s] = said.match(/^(?:about|under) (?:(\d+) h)? ?(?:(\d+) min)?(?:(\d+) s)?$/i) ?? [];
  return Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}

async function batchNumber(page) {
  const label = await page.locator('label[for="batch-progress"]').textContent();
  return Number(label.match(/batch (\d+) of/)[1]);
}

test("CPU fallback without WebGPU: progress moves, loss falls, results and grid appear", async () => {
  const { context, page, errors } = await openApp({ webgpu: false });
  try {
    assert.match(await page.locator("#backend-line").textContent(), /No WebGPU.*training on the CPU/);
    // The flow says it plainly; the machine's words wait under "About this machine", closed.
    // Chromium started without WebGPU still has navigator.gpu, with no adapter; Firefox ESR has
    // no WebGPU at all on Linux.
    const why = ENGINE === "firefox" ? "this browser does not let pages use the graphics card" : "no graphics card found";
    assert.equal(await page.locator("#backend-plain").textContent(), `Training on this computer's processor (${why}).`);
    assert.equal(await page.locator("#backend-line").isVisible(), false);
    await page.click("#setup-machine summary");
    assert.equal(await page.locator("#backend-line").isVisible(), true);
    await setForm(page, { epochs: 1, "train-subset": 3200, "validation-subset": 1000 });
    await page.click("#train");
    await page.locator("#batch-progress").waitFor({ timeout: MINUTE });
    const firstBatch = await batchNumber(page);
    const firstLoss = Number((await page.locator("#batch-metrics").textContent()).match(/loss: ([\d.]+)/)[1]);
    await page.waitForFunction((n) => {
      const label = document.querySelector('label[for="batch-progress"]')?.textContent ?? "";
      return Number(label.match(/batch (\d+) of/)?.[1]) > n;
    }, firstBatch, { timeout: MINUTE });
    await page.locator("#prediction-grid").waitFor({ timeout: 3 * MINUTE });

    assert.equal(await page.locator("#epoch-table .epoch-row").count(), 1);
    assert.equal(await page.locator("#batch-norm-start").count(), 0, "no BatchNormalization, no word about it");
    // Where accuracy and val_accuracy stand side by side, what they mean is one hover, focus or tap away.
    const meaning = page.locator("#epoch-table-meaning");
    const button = page.locator("#epoch-table-meaning-button");
    assert.match(await meaning.textContent(), /running mean.*test images the network never trains on.*val_accuracy can beat accuracy, most of all after epoch 1/);
    assert.equal(await meaning.isVisible(), false);
    await button.hover();
    assert.equal(await meaning.isVisible(), true, "hover shows it");
    await page.mouse.move(0, 0);
    assert.equal(await meaning.isVisible(), false);
    await button.focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    assert.equal(await meaning.isVisible(), true, "keyboard focus shows it");
    await page.keyboard.press("Tab");
    assert.equal(await meaning.isVisible(), false);
    await button.click();
    await page.mouse.move(0, 0);
    assert.equal(await meaning.isVisible(), true, "a tap opens it");
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    await button.click();
    await page.mouse.move(0, 0);
    assert.equal(await meaning.isVisible(), false, "a second tap closes it");
    // A one-epoch run: the training curve has its points within the epoch, the epoch axis is
    // whole epochs (no 0.2 … 0.8 to misread), and the lone validation dot says its value.
    assert.ok((await page.locator("#accuracy-chart .series.train polyline").getAttribute("points")).trim().split(/\s+/).length >= 10);
    assert.deepEqual(await page.locator("#accuracy-chart > text.tick").allTextContents(), ["0", "1"]);
    assert.match(await page.locator("#accuracy-chart .validation .point-value").textContent(), /^0\.\d+$/);
    // The data are described once, with the test images as the validation data.
    assert.match(await page.locator("#data-split").textContent(), /10 000 test images are never trained on: after each epoch they serve as validation data/);
    const result = await page.locator("#test-result").textContent();
    const testLoss = Number(result.match(/Test loss: ([\d.]+)/)[1]);
    const accuracy = Number(result.match(/Test accuracy: (0\.\d{4})/)[1]);
    assert.ok(testLoss < firstLoss, `test loss ${testLoss} should be below the first batch's ${firstLoss}`);
    assert.ok(accuracy > 0.5, `test accuracy ${accuracy} after 100 batches`);
    assert.equal(await page.locator("#prediction-grid canvas.digit").count(), 50);
    const titles = await page.locator("#prediction-grid figcaption").allTextContents();
    assert.equal(titles.length, 50);
    for (const title of titles) assert.match(title, /^\d \/ \d$/);
    // Test image 100 of MNIST is a 6.
    assert.match(titles[0], /^6 \//);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("batch reports re-render the page at most 10 times a second, and none is lost", async () => {
  const { context, page, errors } = await openApp({ webgpu: false });
  try {
    await setForm(page, { epochs: 1, "train-subset": 6400, "validation-subset": 200 });
    await page.click("#train");
    await waitForBatch(page, 5);
    // Count the batch label's changes for 2 s against the batches the worker did meanwhile.
    const [changes, before, after] = await page.evaluate(async () => {
      const label = document.querySelector('label[for="batch-progress"]');
      const batch = () => Number(label.textContent.match(/batch (\d+) of/)[1]);
      let changes = 0;
      const observer = new MutationObserver(() => changes++);
      observer.observe(label, { subtree: true, childList: true, characterData: true });
      const before = batch();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      observer.disconnect();
      return [changes, before, batch()];
    });
    assert.ok(changes <= 2000 / 100 + 3, `the batch label changed ${changes} times in 2 s (batches ${before} → ${after})`);
    assert.ok(after > before, `training went on: batches ${before} → ${after}`);
    await page.locator("#run-status").filter({ hasText: "Done: 1 epoch, 200 steps." }).waitFor({ timeout: 3 * MINUTE });
    // Reports held back were applied all the same: the curve has its point every 2nd batch.
    const points = await page.locator("#loss-chart .series.train polyline").getAttribute("points");
    assert.equal(points.trim().split(/\s+/).length, 100);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("Stop halts within one batch, and a second Train works", async () => {
  const { context, page, errors } = await openApp({ webgpu: false });
  try {
    await setForm(page, { epochs: 3, "validation-subset": 200 });
    await page.click("#train");
    await waitForBatch(page, 5);
    // The time left is the whole run's (3 epochs), this epoch's in brackets.
    const timeLeft = await page.locator("#time-left").textContent();
    const [, whole, thisEpoch] = timeLeft.match(/^(About .+) left for the whole run \(epoch 1 of 3; this epoch: (.+)\)\.$/) ?? [];
    assert.ok(whole && thisEpoch, `time left: ${timeLeft}`);
    assert.ok(seconds(whole) >= 2 * seconds(thisEpoch), `the whole run (${whole}) is 3 epochs, this one ${thisEpoch}`);
    await page.click("#stop");
    const status = page.locator("#run-status");
    await status.waitFor({ timeout: MINUTE });
    const text = await status.textContent();
    const steps = Number(text.match(/Stopped after (\d+) steps?/)[1]);
    // The worker's side is a machine detail, kept under "About this machine".
    assert.doesNotMatch(text, /worker/);
    const received = Number((await page.locator("#run-machine #stop-reached").textContent()).match(/Stop reached the worker after step (\d+)/)[1]);
    // The batch in progress when Stop arrives is finished; no other starts.
    assert.ok(steps <= received + 1, `stopped after ${steps} steps, Stop reached the worker after step ${received}`);
    assert.ok(steps < 100, `Stop was pressed early in a 1875-batch epoch, yet ${steps} steps ran`);
    // Cut short in its first epoch: the words say where, and that nothing is lost.
    assert.match(text, new RegExp(`in epoch 1 after batch ${steps} of 1875\\. Nothing is lost`));
    await page.locator("#prediction-grid").waitFor({ timeout: MINUTE });

    await setForm(page, { epochs: 1, "train-subset": 320 });
    await page.click("#train");
    await page.locator("#run-status").filter({ hasText: "Done: 1 epoch, 10 steps." }).waitFor({ timeout: 2 * MINUTE });
    await page.locator("#prediction-grid").waitFor({ timeout: MINUTE });
    // An ended run has no time left to promise.
    assert.equal(await page.locator("#time-left").count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("WebGPU forced on SwiftShader trains a few steps", { skip: chromiumOnly }, async () => {
  const { context, page, errors } = await openApp({ webgpu: true });
  try {
    await page.selectOption("#backend-choice", "webgpu");
    await page.locator("#backend-line").filter({ hasText: "training on WebGPU (your choice)" }).waitFor({ state: "attached", timeout: MINUTE });
    assert.equal(await page.locator("#backend-plain").textContent(), "Training on a graphics card imitated in software (your choice).");
    await setForm(page, { epochs: 1, "train-subset": 96, "validation-subset": 64 });
    await page.click("#train");
    await page.locator("#run-status").filter({ hasText: "Done: 1 epoch, 3 steps." }).waitFor({ timeout: 5 * MINUTE });
    await page.locator("#prediction-grid").waitFor({ timeout: 3 * MINUTE });
    assert.match(await page.locator("#test-result").textContent(), /Test accuracy: 0\.\d{4}/);
    // Its model is read from the GPU asynchronously and kept like a CPU run's.
    await page.locator("#runs-table .run-row .kept-actions").waitFor({ timeout: MINUTE });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("early stopping ends a run that overfits, says why, marks the lowest val_loss, and keeps the best epoch's weights", async () => {
  const { context, page, errors } = await openApp();
  try {
    // 256 images at a high learning rate: the validation loss soon turns up (as natively, in
    // tests/training_early_stopping.rs).
    await setForm(page, { epochs: 12, "train-subset": 256, "validation-subset": 1000, "learning-rate": 0.005, seed: 11, patience: 2 });
    await page.click("#train");
    const status = page.locator("#run-status");
    await status.waitFor({ timeout: 3 * MINUTE });
    const done = await status.textContent();
    const [, after, best] = done.match(/^Done: stopped early after (\d+) epochs, \d+ steps; weights of epoch (\d+)\.$/) ?? [];
    assert.ok(after, `stopped early: ${done}`);
    assert.equal(Number(after), Number(best) + 2, "two epochs without a lower val_loss");
    assert.ok(Number(after) < 12);

    // The table: one row per epoch trained, the best one marked, and the reason under it.
    const rows = page.locator("#epoch-table .epoch-row");
    assert.equal(await rows.count(), Number(after));
    const valLosses = (await rows.locator('td[data-label="val_loss"]').allTextContents()).map(Number);
    const lowest = valLosses.indexOf(Math.min(...valLosses)) + 1;
    assert.equal(lowest, Number(best), `the lowest of ${valLosses}`);
    assert.match(await page.locator("#epoch-table .epoch-row.lowest td.epoch").textContent(), new RegExp(`^${best}/12`));
    assert.equal(await page.locator("#early-stop").textContent(),
      `Stopped early after epoch ${after}: val_loss had not gone below ${valLosses[best - 1].toFixed(4)} for 2 epochs. The model keeps the weights of epoch ${best}, where val_loss was lowest.`);
    assert.equal(await page.locator("#loss-chart .chart-mark text").textContent(), `lowest val_loss: epoch ${best}`);

    // The run is recorded as stopped early, with its setting.
    await page.waitForFunction(() => document.querySelectorAll("#runs-table .run-row").length === 1, null, { timeout: MINUTE });
    assert.match(await page.locator("#runs-table .run-row td.model-code").textContent(), new RegExp(`\\(stopped early after epoch ${after}, weights of epoch ${best}\\)`));
    assert.match(await page.locator("#runs-table .run-row td.settings").textContent(), /, stop early after 2 epochs$/);
    // A patience of 0 is refused where Train is pressed.
    await setForm(page, { patience: 0 });
    await page.click("#train");
    await page.locator(".controls .error").filter({ hasText: "early stopping's patience (epochs) must be between 1 and 1000, not 0" }).waitFor({ timeout: MINUTE });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("Dropout and BatchNormalization train on WebGPU (SwiftShader) too, and the kept model answers", { skip: chromiumOnly }, async () => {
  const model = "c32.k3.same.relu-bn-p2-drop0.25-c32.k3.same.relu-p2-f-d10.softmax";
  const { context, page, errors } = await openApp({ webgpu: true, path: `#model=${model}&epochs=1&subset=96` });
  try {
    await page.selectOption("#backend-choice", "webgpu");
    await page.locator("#backend-line").filter({ hasText: "training on WebGPU (your choice)" }).waitFor({ state: "attached", timeout: MINUTE });
    assert.equal(await page.locator("#summary-non-trainable").textContent(), "64");
    await setForm(page, { "validation-subset": 64 });
    await page.click("#train");
    await page.locator("#run-status").filter({ hasText: "Done: 1 epoch, 3 steps." }).waitFor({ timeout: 5 * MINUTE });
    const valLoss = Number(await page.locator('#epoch-table .epoch-row td[data-label="val_loss"]').textContent());
    assert.ok(Number.isFinite(valLoss) && valLoss > 0, `a finite val_loss: ${valLoss}`);
    assert.match(await page.locator("#test-result").textContent(), /Test accuracy: 0\.\d{4}/);
    // The moving statistics come back from the GPU with the weights: the kept model loads.
    await page.locator("#runs-table .run-row .kept-actions").waitFor({ timeout: MINUTE });
    const id = (await page.locator("#runs-table .run-row td").first().textContent()).trim();
    await page.click(`#run-${id}-use`);
    await page.locator("#answering").filter({ hasText: `run ${id}'s model` }).waitFor({ timeout: MINUTE });
    assert.equal(await page.locator("#model-refused, #runs-problem").count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
