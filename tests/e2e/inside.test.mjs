// Inside the network (issue 12): a drawing's feature maps with Keras' names and shapes, a
// channel's kernel, the filters, the saliency overlay and the confusion matrix with its images,
// for the pre-trained model on first load and for a model changed in the builder and trained.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MINUTE, answer, openApp, setForm, stroke } from "./browser.mjs";

const ONE = [[140, 40], [140, 240]];

/** Waits until the feature maps show drawing request `request` (or a later one). */
async function mapsOf(page, request) {
  await page.waitForFunction((n) => Number(document.querySelector("#feature-maps")?.dataset.request ?? 0) >= n, request, { timeout: MINUTE });
}

/** The layer headings and, per conv/pool layer, how many maps it shows. */
async function layers(page) {
  const titles = await page.locator("#feature-maps .layer-title").allTextContents();
  const counts = {};
  for (const grid of await page.locator("#feature-maps .map-grid").all()) {
    counts[(await grid.getAttribute("id")).replace(/^maps-/, "")] = await grid.locator("canvas.map").count();
  }
  return { titles, counts };
}

/** The matrix as numbers: counts[true][predicted], read from the cells. */
async function matrix(page) {
  return page.evaluate(() =>
    [...Array(10).keys()].map((t) => [...Array(10).keys()].map((p) => Number(document.querySelector(`#confusion-${t}-${p}`).textContent))),
  );
}

/** Clicks cell (t, p) and checks that it lists that cell's images, at most 50. */
async function checkCell(page, counts, t, p) {
  await page.click(`#confusion-${t}-${p}`);
  await page.locator("#cell-title").filter({ hasText: `True ${t}, predicted ${p}` }).waitFor({ timeout: MINUTE });
  const expected = Math.min(counts[t][p], 50);
  await page.waitForFunction((n) => document.querySelectorAll("#cell-images .test-image").length === n, expected, { timeout: MINUTE });
  const captions = await page.locator("#cell-images .caption").allTextContents();
  for (const caption of captions) assert.match(caption, new RegExp(`^#\\d+: a ${t}, read as ${p} \\(`));
  // Most confident first.
  const confidences = captions.map((c) => Number(c.match(/\(([\d.]+) %\)/)[1]));
  for (let i = 1; i < confidences.length; i++) assert.ok(confidences[i] <= confidences[i - 1], `${confidences}`);
  return expected;
}

const sum = (rows) => rows.flat().reduce((a, b) => a + b, 0);
const diagonal = (rows) => rows.reduce((a, row, k) => a + row[k], 0);

test("pre-trained model on first load: maps, kernels, filters, saliency and its confusion matrix", async () => {
  const { context, page, errors } = await openApp({
    ready: (page) => page.locator("#answering").filter({ hasText: "pre-trained tutorial model" }),
  });
  try {
    await stroke(page, ONE);
    const { top, request } = await answer(page);
    assert.equal(top, 1);
    await mapsOf(page, request);
    const { titles, counts } = await layers(page);
    for (const title of ["conv2d → (28, 28, 32)", "max_pooling2d → (14, 14, 32)", "conv2d_1 → (14, 14, 32)", "max_pooling2d_1 → (7, 7, 32)", "conv2d_2 → (7, 7, 32)"]) {
      assert.ok(titles.includes(title), `"${title}" in ${JSON.stringify(titles)}`);
    }
    for (const name of ["conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "conv2d_2"]) assert.equal(counts[name], 32, name);
    assert.match(await page.locator("#maps-flatten").textContent(), /flatten → \(1568\)/);
    assert.equal(await page.locator("#logits .logit").count(), 10);
    assert.equal(await page.locator("#logits .logit.top .digit").textContent(), "1");
    assert.equal(await page.locator("#maps-contributions canvas.map").count(), 32, "why a 1, on the 32 maps of conv2d_2");

    // A first-layer channel: its 3 × 3 × 1 kernel.
    await page.locator("#maps-conv2d .map-button").nth(3).click();
    await page.locator("#kernel-caption").waitFor({ timeout: MINUTE });
    assert.match(await page.locator("#kernel-caption").textContent(), /filter 3 of conv2d: a 3 × 3 × 1 kernel/);
    assert.equal(await page.locator("#kernel-grid canvas.kernel").count(), 1);
    // With the keyboard, a deeper channel: 3 × 3 × 32.
    await page.locator("#maps-conv2d_1 .map-button").nth(5).focus();
    await page.keyboard.press("Enter");
    await page.locator("#kernel-caption").filter({ hasText: "filter 5 of conv2d_1: a 3 × 3 × 32 kernel" }).waitFor({ timeout: MINUTE });
    assert.equal(await page.locator("#kernel-grid canvas.kernel").count(), 32);
    // A pooling channel says what pooling does instead.
    await page.locator("#maps-max_pooling2d .map-button").first().click();
    assert.match(await page.locator("#pooling-note").textContent(), /no kernel.*largest of a 2 × 2 block of channel 0 of conv2d/);

    // The first layer's filters.
    await page.locator("#filters canvas.map").first().waitFor({ timeout: MINUTE });
    assert.equal(await page.locator("#filters canvas.map").count(), 32);

    // Saliency over the preview.
    assert.equal(await page.locator(".saliency-overlay").count(), 0);
    await page.check("#saliency-toggle");
    await page.locator(".saliency-overlay").waitFor();
    assert.match(await page.locator("#saliency-note").textContent(), /gradient/);

    // The confusion matrix of the answering model: 10 000 images, its diagonal the stated accuracy.
    const stated = Number((await page.locator("#answering").textContent()).match(/([\d.]+) % on the test set/)[1]);
    // While it counts, a bar shows how far it is (the worker reports each part), not a promised duration.
    const progressSeen = page.evaluate(() => new Promise((resolve) => {
      const seen = [];
      let pending = false;
      const observer = new MutationObserver(() => {
        const bar = document.querySelector("#confusion-progress");
        if (bar) seen.push(`${bar.value}/${bar.max}`);
        pending ||= Boolean(document.querySelector("#confusion-pending"));
        if (pending && !document.querySelector("#confusion-pending")) { observer.disconnect(); resolve(seen); }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    }));
    await page.click("#confusion-compute");
    await page.locator("#confusion-matrix").waitFor({ timeout: 3 * MINUTE });
    const progress = await progressSeen;
    assert.ok(progress.some((p) => /^[1-9]\d*\/10000$/.test(p) && p !== "10000/10000"), `progress seen: ${[...new Set(progress)].join(", ")}`);
    assert.doesNotMatch(await page.locator("#confusion-panel").textContent(), /a few seconds/);
    const counts10k = await matrix(page);
    assert.equal(sum(counts10k), 10_000);
    assert.equal(Number(await page.locator("#confusion-matrix").getAttribute("data-total")), 10_000);
    assert.equal(diagonal(counts10k), Math.round(stated * 100), `diagonal vs the stated ${stated} %`);
    assert.match(await page.locator("#confusion-accuracy").textContent(), new RegExp(stated.toFixed(2)));
    await checkCell(page, counts10k, 7, 7); // more than 50: the 50 most confident
    const [t, p] = [4, 9];
    if (counts10k[t][p] > 0) await checkCell(page, counts10k, t, p);
    await page.click("#confusion-mistakes");
    await page.locator("#cell-title").filter({ hasText: "most confident mistakes" }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll("#cell-images .test-image.wrong").length === n, Math.min(10_000 - diagonal(counts10k), 50));

    // On a narrow phone the inside views fit the screen; wide ones scroll inside their own box.
    await page.setViewportSize({ width: 360, height: 800 });
    const sticking = await page.evaluate(() => {
      const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true; return false; };
      return [...document.querySelectorAll("#feature-maps *, #filters-panel *, #confusion-panel *, .draw-model-input *")]
        .filter((el) => el.getBoundingClientRect().right > 360 && !scrolls(el))
        .map((el) => `${el.tagName}#${el.id}`);
    });
    assert.deepEqual(sticking, [], "elements wider than 360 px");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a model changed in the builder and trained: its own maps, filters and confusion matrix", async () => {
  const { context, page, errors } = await openApp();
  try {
    await setForm(page, { "layer-1-filters": 8, epochs: 1, "train-subset": 320, "validation-subset": 100 });
    await page.click("#train");
    await page.locator("#confusion-matrix").waitFor({ timeout: 3 * MINUTE });
    const result = await page.locator("#test-result").textContent();
    const accuracy = Number(result.match(/Test accuracy: (\d\.\d{4})/)[1]);
    const counts = await matrix(page);
    assert.equal(sum(counts), 100, "the run's 100 test images");
    assert.equal(diagonal(counts), Math.round(accuracy * 100));
    // Said so that it cannot read as if the model trained on the test images.
    assert.match(await page.locator("#confusion-summary").textContent(), /^100 test images \(never trained on\), read by your model, trained for 10 steps: /);
    // The fullest cell of the row with the most images.
    const rows = counts.map((row) => row.reduce((a, b) => a + b, 0));
    const t = rows.indexOf(Math.max(...rows));
    const p = counts[t].indexOf(Math.max(...counts[t]));
    await checkCell(page, counts, t, p);

    await page.locator("#answering").filter({ hasText: "your model, trained for 10 steps" }).waitFor({ timeout: MINUTE });
    await stroke(page, ONE);
    const { request } = await answer(page);
    await mapsOf(page, request);
    const { titles, counts: maps } = await layers(page);
    assert.ok(titles.includes("conv2d → (28, 28, 8)"), JSON.stringify(titles));
    assert.ok(titles.includes("max_pooling2d → (14, 14, 8)"), JSON.stringify(titles));
    assert.equal(maps.conv2d, 8);
    assert.equal(maps.max_pooling2d, 8);
    assert.equal(maps.conv2d_1, 32);
    await page.locator("#maps-conv2d_1 .map-button").first().click();
    await page.locator("#kernel-caption").filter({ hasText: "a 3 × 3 × 8 kernel" }).waitFor({ timeout: MINUTE });
    assert.equal(await page.locator("#kernel-grid canvas.kernel").count(), 8);
    await page.waitForFunction(() => document.querySelectorAll("#filters canvas.map").length === 8, null, { timeout: MINUTE });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
