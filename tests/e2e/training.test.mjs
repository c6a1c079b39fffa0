// Training in the page: progress, Stop, a second run, the forced WebGPU path (failures are in
// failure-*.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { MINUTE, waitForBatch, openApp, setForm } from "./browser.mjs";

async function batchNumber(page) {
  const label = await page.locator('label[for="batch-progress"]').textContent();
  return Number(label.match(/batch (\d+) of/)[1]);
}

test("CPU fallback without WebGPU: progress moves, loss falls, results and grid appear", async () => {
  const { context, page, errors } = await openApp({ webgpu: false });
  try {
    assert.match(await page.locator("#backend-line").textContent(), /No WebGPU.*training on the CPU/);
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
    await page.locator("#run-status").filter({ hasText: "Done: 1 epochs, 200 steps." }).waitFor({ timeout: 3 * MINUTE });
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
    await setForm(page, { epochs: 1, "validation-subset": 200 });
    await page.click("#train");
    await waitForBatch(page, 5);
    await page.click("#stop");
    const status = page.locator("#run-status");
    await status.waitFor({ timeout: MINUTE });
    const text = await status.textContent();
    const steps = Number(text.match(/Stopped after (\d+) steps/)[1]);
    const received = Number(text.match(/Stop reached the worker after step (\d+)/)[1]);
    // The batch in progress when Stop arrives is finished; no other starts.
    assert.ok(steps <= received + 1, `stopped after ${steps} steps, Stop reached the worker after step ${received}`);
    assert.ok(steps < 100, `Stop was pressed early in a 1875-batch epoch, yet ${steps} steps ran`);
    await page.locator("#prediction-grid").waitFor({ timeout: MINUTE });

    await setForm(page, { "train-subset": 320 });
    await page.click("#train");
    await page.locator("#run-status").filter({ hasText: "Done: 1 epochs, 10 steps." }).waitFor({ timeout: 2 * MINUTE });
    await page.locator("#prediction-grid").waitFor({ timeout: MINUTE });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("WebGPU forced on SwiftShader trains a few steps", async () => {
  const { context, page, errors } = await openApp({ webgpu: true });
  try {
    await page.selectOption("#backend-choice", "webgpu");
    await page.locator("#backend-line").filter({ hasText: "training on WebGPU (your choice)" }).waitFor({ timeout: MINUTE });
    await setForm(page, { epochs: 1, "train-subset": 96, "validation-subset": 64 });
    await page.click("#train");
    await page.locator("#run-status").filter({ hasText: "Done: 1 epochs, 3 steps." }).waitFor({ timeout: 5 * MINUTE });
    await page.locator("#prediction-grid").waitFor({ timeout: 3 * MINUTE });
    assert.match(await page.locator("#test-result").textContent(), /Test accuracy: 0\.\d{4}/);
    // Its model is read from the GPU asynchronously and kept like a CPU run's.
    await page.locator("#runs-table .run-row .kept-actions").waitFor({ timeout: MINUTE });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
