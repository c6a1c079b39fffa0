// Training that goes wrong, end to end: a loss that becomes NaN, a run too large for the
// browser's memory, and a worker that really runs out of memory mid-run. Each time the page
// says what happened and Train works again without a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MINUTE, answer, openApp, setForm, stroke } from "./browser.mjs";

// 24 linear Dense layers at the largest learning rate the form accepts: the first Adam step
// blows the weights up until the loss overflows (natively NaN at batch 2; see
// tests/training_divergence.rs).
const DIVERGING = "#model=f-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d256.linear-d10.softmax&epochs=1&batch=32&lr=10&seed=42&subset=640";

/** Waits until the run ends with the tutorial's short settings (320 images, 10 steps). */
async function shortRunWorks(page) {
  await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100 });
  await page.locator("#train:not([disabled])").waitFor({ timeout: 2 * MINUTE });
  await page.click("#train");
  await page.locator("#run-status").filter({ hasText: "Done: 1 epoch, 10 steps." }).waitFor({ timeout: 2 * MINUTE });
}

test("a loss that becomes NaN stops the run with an explanation, is recorded as diverged, and the page goes on", async () => {
  const { context, page } = await openApp({ path: DIVERGING });
  try {
    await setForm(page, { "validation-subset": 100 });
    await page.click("#train");
    const message = page.locator("#training-error");
    await message.waitFor({ timeout: 2 * MINUTE });
    assert.match(await message.textContent(), /the loss became (NaN|infinite|inf).* at epoch 1, batch \d+: the learning rate 10 is far too large; try 0\.001/i);
    // Recorded as diverged, with no test figures, and deletable.
    const row = page.locator("#runs-table .run-row").first();
    await row.waitFor({ timeout: MINUTE });
    assert.match(await row.textContent(), /diverged/);
    // The shipped model answers drawings again, and Train is back.
    await page.locator("#answering").filter({ hasText: "pre-trained tutorial model" }).waitFor({ timeout: MINUTE });
    await stroke(page, [[140, 40], [140, 240]]);
    assert.equal((await answer(page)).top, 1);
    await page.click("#run-1-delete");
    await page.locator("#runs-empty").waitFor({ timeout: MINUTE });
    await page.fill("#learning-rate", "0.001");
    await shortRunWorks(page);
  } finally {
    await context.close();
  }
});

test("the learning rate accepts only a sane range, in the form and in a link", async () => {
  const { context, page } = await openApp({ path: "#model=f-d10.softmax&lr=1e308" });
  try {
    assert.match(await page.locator("#link-problem").textContent(), /learning rate/i);
    await page.fill("#learning-rate", "1e9");
    await page.click("#train");
    assert.match(await page.locator(".controls .error").last().textContent(), /learning rate .*1e-6|0\.000001/i);
  } finally {
    await context.close();
  }
});

test("a batch that cannot fit in the browser's memory is refused before training, with the figures", async () => {
  const { context, page } = await openApp();
  try {
    await setForm(page, { "batch-size": 60000 });
    await page.click("#train");
    const message = await page.locator(".controls .error").last().textContent();
    assert.match(message, /needs about [\d.,]+ GB of memory/);
    assert.match(message, /4 GB/);
    assert.match(message, /batch size of at most [\d,]+/);
    assert.equal(await page.locator("#batch-progress").count(), 0, "nothing was sent to the worker");
    await page.fill("#batch-size", "32");
    await shortRunWorks(page);
  } finally {
    await context.close();
  }
});

test("a worker that runs out of memory mid-run is replaced, and Train works again", async () => {
  const { context, page } = await openApp({ drills: { exhaustMemoryAfterBatches: 3 } });
  try {
    await setForm(page, { epochs: 1, "train-subset": 3200, "validation-subset": 100 });
    await page.click("#train");
    const message = page.locator("#training-error");
    await message.waitFor({ timeout: 2 * MINUTE });
    assert.match(await message.textContent(), /training worker crashed: .*(unreachable|memory).*ran out of memory/i);
    assert.equal(await page.locator("#stop").isDisabled(), true, "no run is left going");
    // The fresh worker reloads the data from the cache; the drill is still set, so turn it off.
    await page.evaluate(() => { window.convlabDrills = {}; });
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    await shortRunWorks(page);
  } finally {
    await context.close();
  }
});
