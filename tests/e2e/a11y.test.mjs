// Accessibility: axe-core finds no WCAG 2.x A/AA violations, at 1280 and at 360 px, on the first
// page, after a run and with an impossible model; focus never falls to <body> after Train or
// Delete; a digit can be drawn with the keyboard alone, and uploaded as a picture instead of
// drawn; one value explained (a convolution's, a pooling's, a score's) is axe-clean too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { deflateSync, gunzipSync } from "node:zlib";
import { APP_URL, MINUTE, eventually, openApp, setForm, stroke, trainShortRun } from "./browser.mjs";

const AXE_SOURCE = readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** The widths every state is audited at: a desktop and a phone, whose layout differs (tables
 * become cards, the bars move under the canvas), so each can fail on its own. */
const WIDTHS = [1280, 360];

/** Runs axe on the whole page at each of WIDTHS and fails with one readable line per violating
 * element and width; the page's own size is put back after. */
async function audit(page, when) {
  // Evaluated as a script, not added as a <script> tag: the page's CSP allows no inline scripts.
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  const size = page.viewportSize();
  const scrolled = await page.evaluate(() => window.scrollY);
  const lines = [];
  try {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: size?.height ?? 800 });
      // From the top of the page, after one frame for the new width's layout: scrolled, the
      // sticky contents bar lies over whatever passes under it, which axe counts as a touch
      // target too small, wherever the test happened to leave the page.
      await page.evaluate(() => new Promise((done) => { window.scrollTo(0, 0); requestAnimationFrame(() => done()); }));
      const violations = await page.evaluate(async (runOnly) => {
        const result = await window.axe.run(document, { runOnly });
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
        }));
      }, WCAG_AA);
      for (const v of violations) {
        for (const n of v.nodes) {
          lines.push(`- at ${width} px, ${v.id} (${v.impact}): ${v.help}\n    at ${n.target}\n    ${n.summary.replace(/\n/g, "\n    ")}`);
        }
      }
    }
  } finally {
    if (size) await page.setViewportSize(size);
    await page.evaluate((y) => window.scrollTo(0, y), scrolled);
  }
  assert.equal(lines.length, 0, `axe found WCAG violations ${when}:\n${lines.join("\n")}`);
}

const activeElement = (page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return !active || active === document.body ? "body" : active.id || active.tagName.toLowerCase();
  });

const rowCount = (page, n) =>
  page.waitForFunction((n) => document.querySelectorAll("#runs-table .run-row").length === n, n, { timeout: 3 * MINUTE });

test("axe: no WCAG A/AA violations at first, after a short run, and with an impossible model; focus stays on the controls", async () => {
  const { context, page, errors } = await openApp();
  try {
    await audit(page, "on the first page (data loaded)");

    await setForm(page, { epochs: 1, "train-subset": 500, "validation-subset": 500 });
    await page.focus("#train");
    await page.keyboard.press("Enter");
    await page.locator("#stop:enabled").waitFor({ timeout: MINUTE });
    await eventually(async () => assert.equal(await activeElement(page), "stop", "Train hands focus to Stop"));
    await page.locator("#prediction-grid").waitFor({ timeout: 3 * MINUTE });
    await rowCount(page, 1);
    await eventually(async () => assert.equal(await activeElement(page), "train", "Stop hands focus back when the run ends"));
    await audit(page, "after a short training run");

    const rowId = await page.locator("#runs-table .run-row td").first().textContent();
    await page.focus(`#run-${rowId}-delete`);
    await page.keyboard.press("Enter");
    await page.locator("#runs-empty").waitFor({ timeout: MINUTE });
    await eventually(async () => assert.equal(await activeElement(page), "runs-title", "Delete of the last run focuses the heading"));

    await page.click("#layer-6-remove"); // the Flatten layer: the model cannot be built
    await page.locator("#train-blocked").waitFor({ timeout: MINUTE });
    await audit(page, "with an impossible model in the builder");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("guided steps by keyboard: a solved or shown step focuses its answer, Next step the new field", async () => {
  const { context, page, errors } = await openApp({ ready: (page) => page.locator("#model-builder") });
  try {
    await page.fill("#step-answer", "320");
    await page.press("#step-answer", "Enter");
    await eventually(async () => assert.equal(await activeElement(page), "step-reveal"));
    await audit(page, "with a solved step and its feedback");
    await page.focus("#step-next");
    await page.keyboard.press("Enter");
    await eventually(async () => assert.equal(await activeElement(page), "step-answer"));
    await page.focus("#step-give-up");
    await page.keyboard.press("Enter");
    await eventually(async () => assert.equal(await activeElement(page), "step-reveal"));
    assert.equal(await page.locator("#step-answer").count(), 0);

    // A choice step: Next step focuses its first option, arrows pick, Enter keeps the prediction.
    await page.click("#step-tab-3");
    await audit(page, "with the asked count hidden in the summary");
    await page.click("#step-give-up");
    await page.focus("#step-next");
    await page.keyboard.press("Enter");
    await eventually(async () => assert.equal(await activeElement(page), "step-option-1"));
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowDown");
    await eventually(async () => assert.equal(await page.locator("#step-option-2").isChecked(), true));
    await audit(page, "with a choice step");
    await page.focus("#step-check");
    await page.keyboard.press("Enter");
    await eventually(async () => assert.match(await page.locator("#step-prediction").textContent(), /Your prediction: 80 % to 90 %/));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** The page, once the pre-trained model answers drawings. */
const openForDrawing = () => openApp({ ready: (page) => page.locator("#answering").filter({ hasText: "pre-trained tutorial model" }) });

/** The top class of the first answer after request `after`. */
async function answer(page, after = 0) {
  await page.waitForFunction((n) => Number(document.querySelector("#probabilities")?.dataset.request ?? 0) > n, after, { timeout: MINUTE });
  const bars = page.locator("#probabilities");
  return { top: Number(await bars.getAttribute("data-top")), request: Number(await bars.getAttribute("data-request")) };
}

test("keyboard only: Tab to the canvas, draw a 1 with the arrows and Space, hear the answer", async () => {
  const { context, page, errors } = await openForDrawing();
  try {
    await page.locator("body").focus();
    for (let presses = 0; (await activeElement(page)) !== "draw-canvas"; presses++) {
      assert.ok(presses < 300, "Tab reaches the drawing canvas");
      await page.keyboard.press("Tab");
    }
    assert.equal(await page.locator("#pen-cursor").isVisible(), true, "the pen's cursor shows on keyboard focus");
    // The pen starts in the centre (140, 140); Shift+arrow moves 80 canvas pixels.
    await page.keyboard.press("Shift+ArrowUp");
    await page.keyboard.press("Space");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Space");
    // The answer to the finished stroke is announced (the pen's first dot was answered before).
    await page.locator("#draw-announcement").filter({ hasText: /^Prediction: \d, \d+ % sure$/ }).waitFor({ state: "attached", timeout: MINUTE });
    assert.match(await page.locator("#draw-announcement").textContent(), /^Prediction: 1,/, "a vertical keyboard stroke is a 1");
    assert.equal(Number(await page.locator("#probabilities").getAttribute("data-top")), 1);
    assert.equal(await activeElement(page), "draw-canvas", "the canvas keeps focus while drawing");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** A grey-scale PNG (8 bits, no filtering) of `width` × `height` pixels. */
function png(width, height, greys) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit grey, deflate, no filter method, no interlace
  const rows = [];
  for (let y = 0; y < height; y++) rows.push(Buffer.from([0]), Buffer.from(greys.slice(y * width, (y + 1) * width)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

test("upload: an MNIST digit as a PNG (light on dark) is recognised; a file that is no picture, or a picture without a digit, is reported and keeps the drawing", async () => {
  const images = gunzipSync(Buffer.from(await (await fetch(new URL("data/t10k-images-idx3-ubyte.gz", APP_URL))).arrayBuffer()));
  const labels = gunzipSync(Buffer.from(await (await fetch(new URL("data/t10k-labels-idx1-ubyte.gz", APP_URL))).arrayBuffer()));
  const { context, page, errors } = await openForDrawing();
  try {
    const digit = Array.from(images.subarray(16, 16 + 784)); // test image 0
    await page.setInputFiles("#digit-upload", { name: "digit.png", mimeType: "image/png", buffer: png(28, 28, digit) });
    const result = await answer(page);
    assert.equal(result.top, labels[8], `test image 0 (a ${labels[8]}) is recognised from its picture`);
    await eventually(async () => assert.match(await page.locator("#draw-announcement").textContent(), new RegExp(`^Prediction: ${labels[8]},`)));
    assert.equal(await page.locator("#upload-problem").count(), 0);

    await page.setInputFiles("#digit-upload", { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a picture") });
    await eventually(async () => assert.match(await page.locator("#upload-problem").textContent(), /"notes\.txt" could not be read as an image/));
    assert.equal(Number(await page.locator("#probabilities").getAttribute("data-top")), labels[8], "the previous drawing and its answer stay");
    assert.equal(await page.locator("#draw-empty").count(), 0);

    // A blank picture (paper with a faint shade) shows no digit: said, and the drawing stays.
    await page.setInputFiles("#digit-upload", { name: "blank.png", mimeType: "image/png", buffer: png(28, 28, Array.from({ length: 784 }, (_, i) => 220 + (i % 7))) });
    await eventually(async () => assert.match(await page.locator("#upload-problem").textContent(), /"blank\.png" shows no digit: it is all one shade/));
    assert.equal(Number(await page.locator("#probabilities").getAttribute("data-top")), labels[8], "the previous drawing and its answer stay");
    await audit(page, "with the upload's message shown");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("my digits: keys 0–9 keep a keyboard drawing with an announcement; axe finds nothing with the label buttons, the gallery and the table", async () => {
  const { context, page, errors } = await openForDrawing();
  try {
    await page.focus("#my-digits-mode");
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute("#my-digits-mode", "aria-pressed"), "true");
    // A 1 with the keyboard pen, kept with the key 1, all without a pointer.
    await page.focus("#draw-canvas");
    await page.keyboard.press("Shift+ArrowUp");
    await page.keyboard.press("Space");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Space");
    await page.keyboard.press("1");
    const note = page.locator("#keep-note");
    await note.filter({ hasText: /^Kept as a 1: 1 one, 1 digit in all\.$/ }).waitFor({ timeout: MINUTE });
    assert.equal(await note.getAttribute("aria-live"), "polite");
    assert.equal(await activeElement(page), "draw-canvas", "the canvas keeps focus for the next digit");
    await page.locator("#draw-empty").waitFor({ timeout: MINUTE });

    await page.focus("#my-digits-check");
    await page.keyboard.press("Enter");
    await page.locator("#digits-score-table").waitFor({ timeout: MINUTE });
    // Scrolled to the top, so no control lies under the sticky table of contents (axe counts a
    // control covered by it as a target too small, wherever the page happens to be scrolled).
    await page.evaluate(() => window.scrollTo(0, 0));
    await audit(page, "with my digits collected, the gallery and the table");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("one value, explained: axe finds nothing with a convolution's, a pooling's and a score's arithmetic open", async () => {
  const { context, page, errors } = await openForDrawing();
  try {
    await stroke(page, [[140, 40], [140, 240]]);
    const { request } = await answer(page);
    await page.waitForFunction((n) => Number(document.querySelector("#feature-maps")?.dataset.request ?? 0) >= n, request, { timeout: MINUTE });
    for (const layer of ["conv2d_1", "max_pooling2d"]) {
      await page.locator(`#maps-${layer} .map-button`).nth(2).click();
      await page.locator("#value-picker").focus();
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("Enter");
      await page.locator("#value-agree").waitFor({ timeout: MINUTE });
      await page.evaluate(() => window.scrollTo(0, 0));
      await audit(page, `with a value of ${layer} explained`);
    }
    await page.locator("#logits .logit-button.top").click();
    await page.locator("#dense-terms").waitFor({ timeout: MINUTE });
    await page.evaluate(() => window.scrollTo(0, 0));
    await audit(page, "with a score explained");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("guided steps on the drawing: axe finds nothing with a drawn 1, a cell's numbers, the classic-kernel step's filter and a shifted digit", async () => {
  const { context, page, errors } = await openForDrawing();
  const top = () => page.evaluate(() => window.scrollTo(0, 0));
  try {
    await page.click("#step-tab-7");
    await page.click("#step-try");
    await page.locator("#map-strip li").first().waitFor({ timeout: MINUTE });
    await top();
    await audit(page, "with the step's 1 drawn");
    await page.click("#step-tab-8");
    await page.locator("#step-patch").waitFor();
    await top();
    await audit(page, "with a cell's numbers");
    await page.click("#step-tab-11");
    await page.locator("#step-filter").waitFor({ timeout: MINUTE });
    await top();
    await audit(page, "with the classic-kernel step's filter");
    await page.click("#step-tab-12");
    await page.click("#step-try");
    await page.locator("#shift-note").waitFor();
    await top();
    await audit(page, "with the digit shifted");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("result card and class board: axe finds nothing with a run's card open and its card on the board", async () => {
  const { context, page, errors } = await openApp();
  try {
    const { id } = await trainShortRun(page);
    await page.click(`#run-${id}-card`);
    assert.equal(await activeElement(page), "card-name", "the name field takes the focus");
    await page.keyboard.type("Ada");
    await page.fill("#board-paste", await page.inputValue("#card-text"));
    await page.click("#board-add");
    await page.locator("#board-chart .card-point").waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await audit(page, "with a result card open and the class board filled");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
