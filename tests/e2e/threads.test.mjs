// The threaded CPU worker (wasm threads, src/web/thread_pool.rs) on the cross-origin isolated
// site, and the single-threaded worker a host without Cross-Origin-Embedder-Policy gets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { APP_URL, MINUTE, chromiumOnly, launch, openApp, setForm, withoutIsolation } from "./browser.mjs";

const RUN = { epochs: 1, "train-subset": 640, "validation-subset": 500, seed: 11 };

/** Opens the page as a host that does not send COEP serves it: not cross-origin isolated. */
async function openWithoutIsolation() {
  const browser = await launch({ webgpu: false });
  await withoutIsolation(browser.page);
  await browser.page.goto(APP_URL);
  await browser.page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
  return browser;
}

/** Trains RUN and returns the epoch row's numbers and the test loss and accuracy. */
async function trainAndRead(page) {
  await setForm(page, RUN);
  await page.click("#train");
  await page.locator("#run-status").filter({ hasText: "Done: 1 epoch, 20 steps." }).waitFor({ timeout: 5 * MINUTE });
  await page.locator("#test-result").filter({ hasText: "Test loss" }).waitFor({ timeout: 3 * MINUTE });
  const cells = await page.locator("#epoch-table .epoch-row td").allTextContents();
  const result = await page.locator("#test-result").textContent();
  return {
    // loss, accuracy, validation loss, validation accuracy
    epoch: cells.slice(1, 5).map(Number),
    test: [Number(result.match(/Test loss: ([\d.]+)/)[1]), Number(result.match(/Test accuracy: ([\d.]+)/)[1])],
  };
}

/** Trains 3 steps (96 images) and waits until the run is done. */
async function trainsThreeSteps(page) {
  await setForm(page, { epochs: 1, "train-subset": 96, "validation-subset": 64 });
  await page.click("#train");
  await page.locator("#run-status").filter({ hasText: "Done: 1 epoch, 3 steps." }).waitFor({ timeout: 3 * MINUTE });
}

/** What "About this machine" says of one of the browser's features. */
const feature = (page, key) => page.locator(`#browser-features li[data-feature="${key}"]`).textContent();

test("the isolated site trains on a pool of threads, a site without COEP on one, with the same losses", async () => {
  const threaded = await openApp({ webgpu: false, drills: { cpuThreads: 2 } });
  let withThreads;
  try {
    assert.equal(await threaded.page.evaluate(() => crossOriginIsolated), true, "the served site is cross-origin isolated");
    assert.match(await threaded.page.locator("#backend-line").textContent(), /No WebGPU.*training on the CPU with 2 threads$/);
    assert.equal(await feature(threaded.page, "threads"), "Several processor cores: yes. Training can use all of this computer's processor cores at once.");
    withThreads = await trainAndRead(threaded.page);
    assert.deepEqual(threaded.errors, []);
  } finally {
    await threaded.context.close();
  }

  const single = await openWithoutIsolation();
  try {
    assert.equal(await single.page.evaluate(() => crossOriginIsolated), false);
    assert.match(await single.page.locator("#backend-line").textContent(), /No WebGPU.*training on the CPU$/);
    assert.match(await feature(single.page, "threads"), /^Several processor cores: no\. Training uses one processor core: the site is not served with the headers that allow more/);
    const oneThread = await trainAndRead(single.page);
    // Threads change the order of some float sums, nothing else: the same run to float tolerance.
    for (const [i, value] of [...withThreads.epoch, ...withThreads.test].entries()) {
      const other = [...oneThread.epoch, ...oneThread.test][i];
      assert.ok(Math.abs(value - other) <= 2e-3, `value ${i}: ${value} with threads, ${other} on one thread`);
    }
    assert.ok(withThreads.test[1] > 0.3, `test accuracy ${withThreads.test[1]} after 20 steps, chance is 0.1`);
    assert.deepEqual(single.errors, []);
  } finally {
    await single.context.close();
  }
});

test("choosing WebGPU starts the worker that has it, choosing the CPU again the threaded one", { skip: chromiumOnly }, async () => {
  const { context, page, errors } = await openApp({ webgpu: true, drills: { cpuThreads: 2 } });
  try {
    const line = page.locator("#backend-line");
    assert.match(await line.textContent(), /\(software\) — training on the CPU with 2 threads$/);
    await page.selectOption("#backend-choice", "webgpu");
    await line.filter({ hasText: "training on WebGPU (your choice)" }).waitFor({ state: "attached", timeout: MINUTE });
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    await page.selectOption("#backend-choice", "cpu");
    await line.filter({ hasText: /training on the CPU with 2 threads$/ }).waitFor({ state: "attached", timeout: MINUTE });
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    // The worker started last trains.
    await trainsThreeSteps(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("compute threads whose script never runs are replaced, and the pool trains on all its threads", async () => {
  // The first thread's first two Workers say nothing (as Firefox's now and then never run their
  // script); its third is a working one.
  const { context, page, errors } = await openApp({ webgpu: false, drills: { cpuThreads: 2, silentThreads: 2 } });
  try {
    assert.match(await page.locator("#backend-line").textContent(), /training on the CPU with 2 threads$/);
    assert.equal(await page.locator("#worker-problem").count(), 0, "a replaced thread is no problem to show");
    assert.equal(await page.locator("#one-core-fallback").count(), 0);
    await trainsThreeSteps(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("compute threads that never start are said, and the one-core worker trains instead", async () => {
  const { context, page } = await openApp({ webgpu: false, drills: { cpuThreads: 2, silentThreads: 99 } });
  try {
    // Said beside the data, and still said once the one-core worker runs.
    assert.match(await page.locator("#one-core-fallback").textContent(),
      /^This browser did not start the helpers that let training use every processor core, so training uses one core: it works, more slowly\. \(The browser's words: .*compute thread 1 of 2 did not start: the browser did not run its script \(3 tries, 3 s each\)/);
    assert.equal(await page.locator("#worker-problem").count(), 0);
    assert.match(await page.locator("#backend-line").textContent(), /training on the CPU$/, "the one-core worker runs");
    await trainsThreeSteps(page);
  } finally {
    await context.close();
  }
});

test("a threaded worker that hangs starting its compute threads is replaced; two in a row, and the one-core worker trains", async () => {
  // Firefox now and then hangs for good creating a nested Worker: the page watches the threads'
  // start (10 s here instead of 15: the fresh worker's real start must fit in it on a busy
  // machine, where 3 s once did not) and tries a fresh threaded worker once.
  const once = await openApp({ webgpu: false, drills: { cpuThreads: 2, hangThreadStarts: 1, threadsSeconds: 10 } });
  try {
    assert.match(await once.page.locator("#backend-line").textContent(), /training on the CPU with 2 threads$/);
    assert.equal(await once.page.locator("#worker-problem").count(), 0);
    assert.equal(await once.page.locator("#one-core-fallback").count(), 0);
    assert.deepEqual(once.errors, []);
  } finally {
    await once.context.close();
  }
  // Both hang by the drill, so a short watch does.
  const { context, page } = await openApp({ webgpu: false, drills: { cpuThreads: 2, hangThreadStarts: 2, threadsSeconds: 3 } });
  try {
    assert.match(await page.locator("#one-core-fallback").textContent(), /training uses one core: it works, more slowly\. \(The browser's words: its compute threads did not start within 3 s, twice\.\)$/);
    assert.match(await page.locator("#backend-line").textContent(), /training on the CPU$/);
    await trainsThreeSteps(page);
  } finally {
    await context.close();
  }
});
