// Phone layout and navigation: at 360 × 740 nothing is wider than the screen, before and after a
// run (summary, epoch table, charts, prediction grid, confusion matrix, runs table), no table
// scrolls sideways in its box, and chart labels and the matrix's counts are at least 11 px; the table of contents reaches every
// section from the keyboard without touching the address (it holds the share link). Cause and
// effect on one screen: with the canvas in view, the probability bars and the strip of each
// layer's most active maps are in view too, at 1280 and at 360 px, and the strip follows the pen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MINUTE, launch, APP_URL, setForm, stroke, answer } from "./browser.mjs";

const PHONE = { width: 360, height: 740 };

/** The page's width against the window's, the elements that stick out (tables included: none
 *  may need its box's sideways scrolling), and the boxes that scroll sideways, for the message. */
const overflow = (page) =>
  page.evaluate(() => {
    // Inside a visually hidden box (1 px wide and clipped, as a table's header row on a phone,
    // kept for screen readers) nothing is on screen, however wide.
    const visuallyHidden = (e) => {
      for (let box = e; box; box = box.parentElement) if (box.getBoundingClientRect().width <= 1) return true;
      return false;
    };
    return {
      scrollWidth: document.documentElement.scrollWidth,
      // The page's visible width: the window's less a classic scrollbar (Firefox draws one).
      innerWidth: document.documentElement.clientWidth,
      wide: [...document.querySelectorAll("main *")]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5 && !e.closest(".toc, pre") && !visuallyHidden(e))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`),
      scrolling: [...document.querySelectorAll(".table-scroll")]
        .filter((box) => box.scrollWidth > box.clientWidth)
        .map((box) => `${box.querySelector("table")?.id}: ${box.scrollWidth} px in ${box.clientWidth} px`),
    };
  });

/** Asserts nothing sticks out of the page and no table box scrolls sideways. */
async function assertFits(page, when) {
  const seen = await overflow(page);
  assert.equal(seen.scrollWidth, seen.innerWidth, `${when}: ${JSON.stringify(seen)}`);
  // Both lists at once, so a failure names every table at fault.
  assert.deepEqual({ wide: seen.wide, scrolling: seen.scrolling }, { wide: [], scrolling: [] }, `${when}: elements past the right edge, tables that scroll sideways`);
}

const TABLES = ["#summary-table", "#epoch-table", "#confusion-matrix", "#runs-table"];

test("at 360 px wide nothing scrolls sideways, before and after a run", async () => {
  const { context, page, errors } = await launch({ webgpu: false });
  try {
    await page.setViewportSize(PHONE);
    await page.goto(APP_URL);
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    await page.locator("#summary-table").waitFor();
    await assertFits(page, "initial page");
    // The table of contents shows all its links without scrolling.
    const toc = await page.evaluate(() => { const nav = document.querySelector("nav.toc"); return [nav.scrollWidth, nav.clientWidth]; });
    assert.ok(toc[0] <= toc[1], `table of contents ${toc[0]} px in ${toc[1]} px`);

    await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100 });
    await page.click("#train");
    await page.locator("#runs-table .run-row").waitFor({ timeout: 3 * MINUTE });
    await page.locator("#prediction-grid").waitFor({ timeout: MINUTE });
    await page.locator("#epoch-table .epoch-row").waitFor();
    await page.locator("#confusion-matrix").waitFor({ timeout: 2 * MINUTE });
    // The summary, the epoch table and the runs table are cards on the phone, the confusion
    // matrix a grid of cells sized to fit: none scrolls sideways, nothing sticks out.
    await assertFits(page, "after a run at 360 px");
    const matrix = await page.locator("#confusion-matrix").evaluate((table) => ({
      // A count wider than its cell would run into the next one.
      cramped: [...table.querySelectorAll("td, th")].filter((c) => [...c.children].some((k) => k.scrollWidth > c.clientWidth + 0.5) || c.scrollWidth > c.clientWidth + 0.5)
        .filter((c) => !c.classList.contains("corner")).map((c) => c.textContent),
      smallest: Math.min(...[...table.querySelectorAll(".cell-button, .zero, td")].map((c) => parseFloat(getComputedStyle(c).fontSize))),
    }));
    assert.deepEqual(matrix.cramped, [], "confusion matrix cells whose text does not fit at 360 px");
    assert.ok(matrix.smallest >= 11, `the matrix's smallest text is ${matrix.smallest} px`);
    for (const table of TABLES) await page.locator(table).screenshot({ path: `/tmp/convlab-layout-${table.slice(1)}-360.png` });
    // On a desktop they are real tables, not cut off.
    await page.setViewportSize({ width: 1280, height: 800 });
    await assertFits(page, "after a run at 1280 px");
    for (const table of TABLES) {
      assert.equal(await page.locator(table).evaluate((t) => getComputedStyle(t).display), "table", `${table} at 1280 px`);
      await page.locator(table).screenshot({ path: `/tmp/convlab-layout-${table.slice(1)}-1280.png` });
    }
    // The prediction grid's titles ("6 / 6") stay on one line at both widths.
    for (const width of [PHONE.width, 1280]) {
      await page.setViewportSize({ width, height: PHONE.height });
      const wrapped = await page.locator("#prediction-grid figcaption").evaluateAll((captions) =>
        captions.filter((c) => c.getClientRects().length > 1 || c.scrollWidth > c.clientWidth + 0.5 || c.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(c).fontSize) * 1.5).map((c) => c.textContent));
      assert.deepEqual(wrapped, [], `wrapped grid titles at ${width} px`);
    }
    // The charts' tick labels stay readable (at least 11 px on screen) on the phone and on a desktop.
    for (const width of [PHONE.width, 1280]) {
      await page.setViewportSize({ width, height: PHONE.height });
      const smallest = await page.evaluate(() => Math.min(...[...document.querySelectorAll(".chart svg text")]
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a)));
      assert.ok(smallest >= 11, `the smallest chart label is ${smallest.toFixed(1)} px at ${width} px wide`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the table of contents lists every section in order and reaches each by keyboard", async () => {
  const { context, page, errors } = await launch({ webgpu: false });
  try {
    await page.goto(APP_URL);
    await page.locator("nav.toc").waitFor({ timeout: MINUTE });
    const headings = await page.locator("main section h2").evaluateAll((hs) => hs.map((h) => h.id));
    const links = await page.locator("nav.toc a").evaluateAll((as) => as.map((a) => a.getAttribute("href").slice(1)));
    assert.deepEqual(links, headings, "one link per section, in the notebook's order");
    const address = await page.evaluate(() => location.href);
    for (const id of [...headings].reverse()) {
      await page.focus(`#toc-${id}`);
      await page.keyboard.press("Enter");
      await page.waitForFunction((id) => document.activeElement?.id === id, id, { timeout: 5000 });
      const [top, height] = await page.locator(`#${id}`).evaluate((h) => [h.getBoundingClientRect().top, window.innerHeight]);
      const navBottom = await page.locator("nav.toc").evaluate((n) => n.getBoundingClientRect().bottom);
      // The last sections may be too short to scroll to the top; they are on screen, below the bar.
      assert.ok(top >= navBottom - 1 && top < height, `${id} at ${top}, the bar ends at ${navBottom}`);
    }
    await page.click("#jump-draw");
    await page.waitForFunction(() => document.activeElement?.id === "draw-title");
    assert.equal(await page.evaluate(() => location.href), address, "the address (the share link) is untouched");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

const ONE = [[140, 40], [140, 240]];
const SEVEN = [[70, 60], [210, 60], [120, 240]];
const IMAGE_LAYERS = ["conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "conv2d_2"];

/** The element's box against the screen below the sticky table of contents: fully visible? */
const onScreen = (page, selector) =>
  page.locator(selector).evaluate((e) => {
    const box = e.getBoundingClientRect();
    const top = document.querySelector("nav.toc").getBoundingClientRect().bottom;
    return { visible: box.top >= top - 1 && box.bottom <= window.innerHeight + 1 && box.height > 0, top: Math.round(box.top), bottom: Math.round(box.bottom), below: Math.round(top), screen: window.innerHeight };
  });

/** Every strip map's pixels, to tell one drawing's strip from the next. */
const stripPixels = (page) => page.locator("#map-strip canvas").evaluateAll((cs) => cs.map((c) => c.toDataURL()).join());

for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
  test(`at ${viewport.width} px the canvas, the bars and the strip of maps share the screen`, async () => {
    const { context, page, errors } = await launch({ webgpu: false });
    try {
      await page.setViewportSize(viewport);
      await page.goto(APP_URL);
      await page.locator("#answering").filter({ hasText: "pre-trained tutorial model" }).waitFor({ timeout: 2 * MINUTE });
      // The learner jumps to the drawing: the canvas is in view without any more scrolling.
      await page.click("#jump-draw");
      await page.waitForFunction(() => document.activeElement?.id === "draw-title");
      const canvas = await onScreen(page, "#draw-canvas");
      assert.ok(canvas.visible, `the canvas: ${JSON.stringify(canvas)}`);
      await stroke(page, ONE);
      const first = await answer(page);
      assert.equal(first.top, 1);
      for (const [what, selector] of [["canvas", "#draw-canvas"], ["bars", "#probabilities .bars"], ["top class", "#probabilities .top-class"]]) {
        const seen = await onScreen(page, selector);
        assert.ok(seen.visible, `the ${what} at ${viewport.width} px: ${JSON.stringify(seen)}`);
      }
      // The strip: four maps of each image layer of the pre-trained model, for this drawing.
      await page.waitForFunction((n) => Number(document.querySelector("#map-strip")?.dataset.request ?? 0) >= n, first.request, { timeout: MINUTE });
      for (const layer of IMAGE_LAYERS) {
        assert.equal(await page.locator(`#strip-${layer} canvas.strip-map`).count(), 4, `the strip's maps of ${layer}`);
      }
      if (viewport.width >= 900) {
        const strip = await onScreen(page, "#map-strip .strip-layers");
        assert.ok(strip.visible, `the strip beside the canvas: ${JSON.stringify(strip)}`);
      }
      const before = await stripPixels(page);
      await page.click("#clear");
      await stroke(page, SEVEN);
      const second = await answer(page, first.request);
      assert.equal(second.top, 7);
      await page.waitForFunction((n) => Number(document.querySelector("#map-strip")?.dataset.request ?? 0) >= n, second.request, { timeout: MINUTE });
      assert.notEqual(await stripPixels(page), before, "the strip shows the new drawing's maps");
      // Nothing sticks out sideways.
      const seen = await overflow(page);
      assert.equal(seen.scrollWidth, seen.innerWidth, `with the strip: ${JSON.stringify(seen)}`);
      // All the maps are one press away: the button moves focus (and the page) to the full grid.
      await page.focus("#all-maps");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.id === "maps-title", null, { timeout: 5000 });
      const grid = await onScreen(page, "#maps-title");
      assert.ok(grid.visible, `the full grid's heading: ${JSON.stringify(grid)}`);
      await page.screenshot({ path: `/tmp/convlab-layout-draw-${viewport.width}.png` });
      await page.click("#jump-draw");
      await page.waitForTimeout(300);
      await page.screenshot({ path: `/tmp/convlab-layout-draw-top-${viewport.width}.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

// The first 20 labels of MNIST's training file (train-labels-idx1-ubyte), as every copy has them.
const FIRST_LABELS = [5, 0, 4, 1, 9, 2, 1, 3, 1, 4, 3, 5, 3, 6, 1, 7, 2, 8, 6, 9];

test("the data section shows 20 real MNIST training images with their labels, and what /255 does", async () => {
  const { context, page, errors } = await launch({ webgpu: false });
  try {
    await page.setViewportSize(PHONE);
    await page.goto(APP_URL);
    await page.locator("#mnist-samples").waitFor({ timeout: 2 * MINUTE });
    const samples = await page.locator("#mnist-samples .sample").evaluateAll((items) => items.map((item) => {
      const canvas = item.querySelector("canvas");
      const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i] > 128) ink++;
      return { label: Number(item.querySelector(".sample-label").textContent), ink, name: canvas.getAttribute("aria-label") };
    }));
    assert.deepEqual(samples.map((s) => s.label), FIRST_LABELS, "the labels of the training file's first 20 images");
    // Each is a drawn digit (MNIST's digits cover roughly 10–30 % of the 784 pixels with ink).
    for (const [i, s] of samples.entries()) assert.ok(s.ink > 40 && s.ink < 400, `image ${i} has ${s.ink} bright pixels`);
    assert.match(samples[0].name, /training image 0: a 5/);
    // One pixel before and after the division, the two numbers agreeing.
    const line = await page.locator("#pixel-scale p").textContent();
    const [, level, scaled] = line.match(/is (\d+); divided by 255 it becomes ([\d.]+)/);
    assert.ok(Number(level) > 0 && Number(level) < 255, line);
    assert.ok(Math.abs(Number(level) / 255 - Number(scaled)) < 0.001, line);
    const seen = await overflow(page);
    assert.equal(seen.scrollWidth, seen.innerWidth, `with the images: ${JSON.stringify(seen)}`);
    await page.locator("#mnist-samples").screenshot({ path: "/tmp/convlab-layout-samples-360.png" });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
