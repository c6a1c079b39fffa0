// One value, explained ("convolution up close"): a pixel of a channel shown large is picked, by
// click and by keyboard, on each conv and pool layer of the pre-trained model; the panel's
// arithmetic must end on the value the network computed, and the numbers it shows must add up.
// Plus a drill: a cell request the worker refuses shows why in the panel.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MINUTE, answer, openApp, stroke } from "./browser.mjs";

const ONE = [[140, 40], [140, 240]];
const SEVEN = [[70, 60], [210, 60], [120, 240]];

/** Waits until the feature maps show drawing request `request` (or a later one). */
async function mapsOf(page, request) {
  await page.waitForFunction((n) => Number(document.querySelector("#feature-maps")?.dataset.request ?? 0) >= n, request, { timeout: MINUTE });
}

/** The numbers shown in the elements `selector` matches ("pad" counts as 0), and their exact values. */
async function numbers(page, selector) {
  return page.$$eval(selector, (els) => els.map((e) => ({ shown: e.textContent.trim(), exact: Number(e.dataset.value) })));
}

const value = (text) => (text === "pad" ? 0 : Number(text));
/** Half a unit of the last shown decimal of `text`. */
const halfUnit = (text) => 0.5 * 10 ** -((text.split(".")[1] ?? "").length);

/** Checks that the shown `terms` add up to the shown `total`, up to the rounding of each. */
function addsUp(terms, total, what) {
  const shown = terms.reduce((a, t) => a + value(t.shown), 0);
  const slack = terms.reduce((a, t) => a + halfUnit(t.shown), halfUnit(total.shown)) + 1e-9;
  assert.ok(Math.abs(shown - value(total.shown)) <= slack, `${what}: ${terms.map((t) => t.shown).join(" + ")} = ${shown}, shown ${total.shown}`);
  const exact = terms.reduce((a, t) => a + t.exact, 0);
  assert.ok(Math.abs(exact - total.exact) <= 1e-4 * Math.max(1, Math.abs(total.exact)), `${what}: exact ${exact} vs ${total.exact}`);
}

/** Waits for the panel to show the arithmetic of (row, col) and checks it against the network's value. */
async function checkPanel(page, layer, row, col) {
  const title = page.locator("#value-title");
  await title.filter({ hasText: `${layer}, channel 3, row ${row}, column ${col}` }).waitFor({ timeout: MINUTE });
  await page.locator("#value-agree").waitFor({ timeout: MINUTE });
  const [result] = await numbers(page, "#value-result");
  const [network] = await numbers(page, "#value-network");
  assert.equal(result.shown, network.shown, `${layer}: the arithmetic's result is the network's value`);
  assert.ok(Math.abs(result.exact - network.exact) <= 1e-4 * Math.max(1, Math.abs(network.exact)), `${layer}: ${result.exact} vs ${network.exact}`);
  assert.match(await page.locator("#value-agree").textContent(), /the same value as the arithmetic/);
  const field = page.locator("#value-field");
  assert.match(await field.textContent(), /sees (an? \d+ × \d+ patch|all 28 × 28 pixels) of your digit/);

  if (layer.startsWith("conv2d")) {
    // The products of the channel shown add up to its sum.
    const products = await numbers(page, ".kernel-terms .products .num");
    assert.equal(products.length, 9, "3 × 3 products");
    const [channelSum] = await numbers(page, ".kernel-terms .channel-sum .sum");
    addsUp(products, channelSum, `${layer} products`);
    // Every patch value × its weight is its product.
    const patch = await numbers(page, ".kernel-terms .patch .num");
    const weights = await numbers(page, ".kernel-terms .weights .num");
    patch.forEach((p, i) => assert.ok(Math.abs(p.exact * weights[i].exact - products[i].exact) <= 1e-6, `${layer} product ${i}`));
    const [total] = await numbers(page, "#value-total");
    const sums = await numbers(page, ".sum-button .channel-value");
    if (sums.length > 0) {
      assert.equal(sums.length, 32, "one sum per input channel");
      addsUp(sums, total, `${layer} channel sums`);
      // Another channel, opened: its products add up to its sum too.
      const other = page.locator(".sum-button").nth(7);
      await other.click();
      await page.locator(".kernel-terms[data-channel='7']").waitFor();
      assert.equal(await other.getAttribute("aria-pressed"), "true");
      addsUp(await numbers(page, ".kernel-terms .products .num"), (await numbers(page, ".kernel-terms .channel-sum .sum"))[0], `${layer} channel 7`);
      assert.equal((await numbers(page, ".kernel-terms .channel-sum .sum"))[0].shown, sums[7].shown);
    } else {
      assert.equal(total.shown, channelSum.shown, "one input channel: its sum is the total");
    }
    const [bias] = await numbers(page, "#value-bias");
    const [pre] = await numbers(page, "#value-pre");
    addsUp([total, bias], pre, `${layer} + bias`);
    assert.ok(Math.abs(Math.max(0, pre.exact) - result.exact) <= 1e-6, `${layer}: relu(${pre.exact}) = ${result.exact}`);
  } else {
    // The window's largest value is marked and kept.
    const window = await numbers(page, ".pool-window .window .num");
    assert.equal(window.length, 4, "a 2 × 2 window");
    const largest = Math.max(...window.map((w) => w.exact));
    assert.equal(result.exact, largest);
    const marked = await numbers(page, ".pool-window .window .num.marked");
    assert.equal(marked.length, 1);
    assert.equal(marked[0].exact, largest);
  }
  return { field: Number(await field.getAttribute("data-height")) };
}

/** Opens channel 3 of `layer` and picks (row, col): by a click, or with the arrow keys and Enter. */
async function pick(page, layer, row, col, { keyboard }) {
  await page.locator(`#maps-${layer} .map-button`).nth(3).click();
  const picker = page.locator("#value-picker");
  await picker.waitFor({ timeout: MINUTE });
  const size = Number((await page.locator(`#maps-${layer}`).evaluate((grid) => grid.parentElement.querySelector("h4").textContent)).match(/\((\d+),/)[1]);
  if (keyboard) {
    // The cursor starts in the middle.
    await picker.focus();
    const start = Math.floor(size / 2);
    await page.locator("#value-cursor").waitFor();
    for (let r = start; r < row; r++) await page.keyboard.press("ArrowDown");
    for (let r = start; r > row; r--) await page.keyboard.press("ArrowUp");
    for (let c = start; c < col; c++) await page.keyboard.press("ArrowRight");
    for (let c = start; c > col; c--) await page.keyboard.press("ArrowLeft");
    assert.deepEqual([await page.locator("#value-cursor").getAttribute("data-row"), await page.locator("#value-cursor").getAttribute("data-col")], [String(row), String(col)]);
    await page.keyboard.press("Enter");
  } else {
    const box = await picker.boundingBox();
    // The image inside the button's 2 px border.
    const inner = { x: box.x + 2, y: box.y + 2, w: box.width - 4, h: box.height - 4 };
    await page.mouse.click(inner.x + ((col + 0.5) * inner.w) / size, inner.y + ((row + 0.5) * inner.h) / size);
  }
  return size;
}

/** Checks that nothing in `selector` sticks out of a 360 px screen (wide parts scroll in their box). */
async function fitsPhone(page, selector) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  const sticking = await page.evaluate((selector) => {
    const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true; return false; };
    return [...document.querySelectorAll(`${selector}, ${selector} *`)]
      .filter((el) => el.getBoundingClientRect().right > 360 && !scrolls(el))
      .map((el) => `${el.tagName}#${el.id}.${el.className}`);
  }, selector);
  assert.deepEqual(sticking, [], "elements wider than 360 px");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), "no sideways scrolling");
}

test("a value of each conv and pool layer, explained: the arithmetic ends on the network's value", async () => {
  const { context, page, errors } = await openApp({
    ready: (page) => page.locator("#answering").filter({ hasText: "pre-trained tutorial model" }),
  });
  try {
    await stroke(page, ONE);
    const { request } = await answer(page);
    await mapsOf(page, request);
    // Receptive fields of the tutorial's layers, away from the edges (see src/model/receptive_field.rs).
    const cases = [
      ["conv2d", 13, 14, false, 3],
      ["max_pooling2d", 7, 6, true, 4],
      ["conv2d_1", 6, 8, false, 8],
      ["max_pooling2d_1", 3, 2, true, 10],
      ["conv2d_2", 3, 4, false, 18],
    ];
    for (const [layer, row, col, keyboard, field] of cases) {
      await pick(page, layer, row, col, { keyboard });
      const shown = await checkPanel(page, layer, row, col);
      assert.ok(shown.field <= field && shown.field >= Math.min(field, 3), `${layer}: field ${shown.field}, at most ${field}`);
      if (layer !== "conv2d_2") assert.equal(shown.field, field, `${layer}: a ${field} × ${field} patch`);
    }

    // The receptive field, layer by layer, with the keyboard: the slider's formula and the box on
    // the digit grow 3, 4, 8, 10, 18 pixels (the middle value of the third convolution sees 18).
    const slider = page.locator("#field-slider-input");
    await slider.focus();
    const grown = [];
    for (let i = 0; i < 5; i++) {
      if (i > 0) await page.keyboard.press("ArrowRight");
      const size = await page.locator("#field-size-formula").getAttribute("data-size");
      grown.push([await page.locator("#field-slider-layer").textContent(), Number(size), Number(await page.locator("#field-slider-caption").getAttribute("data-height"))]);
    }
    assert.deepEqual(grown, [["conv2d", 3, 3], ["max_pooling2d", 4, 4], ["conv2d_1", 8, 8], ["max_pooling2d_1", 10, 10], ["conv2d_2", 18, 18]]);
    assert.match(await page.locator("#field-size-formula").textContent(), /10 \+ \(3 − 1\) × 4 = 18 pixels/);
    assert.match(await page.locator("#field-slider-caption").textContent(), /sees an 18 × 18 patch/);

    // On a 360 px phone nothing of the panel sticks out of the screen.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator("#value-panel").scrollIntoViewIfNeeded();
    await fitsPhone(page, "#channel-detail");

    // A new drawing: the panel asks again and still agrees with the network.
    const before = Number(await page.locator("#value-panel").getAttribute("data-request"));
    await stroke(page, SEVEN);
    const next = await answer(page, request);
    await mapsOf(page, next.request);
    await page.waitForFunction((n) => Number(document.querySelector("#value-panel")?.dataset.request ?? 0) > n, before, { timeout: MINUTE });
    await checkPanel(page, "conv2d_2", 3, 4);

    // Back on a wide screen, the last layer's score for the top class: its largest products and
    // the others add up to the sum, plus the bias to the logit the network computed.
    await page.setViewportSize({ width: 1280, height: 800 });
    const top = page.locator("#logits .logit-button.top");
    const digit = await top.locator(".digit").textContent();
    await top.click();
    await page.locator("#value-title").filter({ hasText: `dense, the score (logit) of ${digit}` }).waitFor({ timeout: MINUTE });
    await page.locator("#value-agree").waitFor({ timeout: MINUTE });
    const products = await numbers(page, ".dense-terms td.product");
    assert.equal(products.length, 11, "the 10 largest products and the others together");
    const [total] = await numbers(page, "#value-total");
    addsUp(products, total, "dense products");
    const [bias] = await numbers(page, "#value-bias");
    const [logit] = await numbers(page, "#value-result");
    addsUp([total, bias], logit, "dense + bias");
    const [network] = await numbers(page, "#value-network");
    assert.equal(logit.shown, network.shown);
    const [probability] = await numbers(page, "#value-probability");
    assert.ok(probability.exact > 0.5 && probability.exact <= 1, `the top class's probability ${probability.exact}`);
    assert.equal(await page.locator("#channel-detail").count(), 0, "one value up close at a time");
    await top.click();
    assert.equal(await page.locator("#dense-terms").count(), 0, "pressed again, the score's panel closes");
    // On a phone too.
    await page.setViewportSize({ width: 360, height: 800 });
    await top.click();
    await page.locator("#value-agree").waitFor({ timeout: MINUTE });
    await fitsPhone(page, "#value-panel");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("drill: a value the worker cannot explain says why in the panel, and the page goes on", async () => {
  const { context, page } = await openApp({
    drills: { failCells: true },
    ready: (page) => page.locator("#answering").filter({ hasText: "pre-trained tutorial model" }),
  });
  try {
    await stroke(page, ONE);
    const { request } = await answer(page);
    await mapsOf(page, request);
    await pick(page, "conv2d", 10, 10, { keyboard: false });
    const failure = page.locator("#value-panel #value-failure");
    await failure.waitFor({ timeout: MINUTE });
    assert.match(await failure.textContent(), /could not be worked out: .*layers/);
    // The maps and the drawing go on.
    await stroke(page, SEVEN);
    const next = await answer(page, request);
    await mapsOf(page, next.request);
    assert.ok(await page.locator("#maps-conv2d .map-button").count() > 0);
  } finally {
    await context.close();
  }
});

/** Sobel's vertical-edge kernel on a 28 × 28 image with zero padding, computed here on its own. */
function sobelReference(pixels) {
  const k = [1, 0, -1, 2, 0, -2, 1, 0, -1];
  const at = (r, c) => (r < 0 || c < 0 || r > 27 || c > 27 ? 0 : pixels[r * 28 + c]);
  return pixels.map((_, i) => {
    const [r, c] = [Math.floor(i / 28), i % 28];
    let sum = 0;
    for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) sum += k[y * 3 + x] * at(r + y - 1, c + x - 1);
    return sum;
  });
}

test("your own kernel: Sobel's map matches a reference, a typo is explained and the map waits, the closest learned map is named, and it slides value by value", async () => {
  const { context, page, errors } = await openApp({
    ready: (page) => page.locator("#answering").filter({ hasText: "pre-trained tutorial model" }),
  });
  try {
    await stroke(page, SEVEN);
    const { request } = await answer(page);
    await mapsOf(page, request);
    const caption = page.locator("#own-kernel-caption");
    await caption.waitFor({ timeout: MINUTE });
    const read = async (name) => (await caption.getAttribute(name)).split(",").map(Number);
    await page.getByRole("button", { name: "Sobel (vertical edges)" }).click();
    assert.equal(await page.getByRole("button", { name: "Sobel (vertical edges)" }).getAttribute("aria-pressed"), "true");
    const pixels = await read("data-pixels");
    assert.equal(pixels.length, 784);
    assert.ok(pixels.some((p) => p > 0.5), "the drawing is there");
    const reference = sobelReference(pixels);
    const map = await read("data-map");
    map.forEach((v, i) => assert.ok(Math.abs(v - reference[i]) <= 1e-3, `pixel ${i}: ${v} vs ${reference[i]}`));
    assert.match(await page.locator("#own-kernel-closest").textContent(), /Of conv2d's 32 learned maps of the same drawing, channel \d+ looks most like yours after ReLU \(correlation -?\d\.\d\d/);

    // A typo: said where it is typed, the map keeps the last whole kernel.
    const middle = page.locator("#own-weight-4");
    await middle.fill("two");
    await page.locator("#own-kernel-problem").waitFor();
    assert.match(await page.locator("#own-kernel-problem").textContent(), /Row 2, column 2: "two" is not a number/);
    assert.equal(await middle.getAttribute("aria-invalid"), "true");
    assert.deepEqual(await read("data-map"), map);
    // The identity preset fixes it: the map is the digit itself.
    await page.getByRole("button", { name: "identity" }).click();
    assert.equal(await page.locator("#own-kernel-problem").count(), 0);
    const identity = await read("data-map");
    identity.forEach((v, i) => assert.ok(Math.abs(v - pixels[i]) <= 1e-4, `identity pixel ${i}`));
    // An extreme weight is refused with the limit.
    await middle.fill("1e9");
    assert.match(await page.locator("#own-kernel-problem").textContent(), /too large: weights between -1000 and 1000/);
    await middle.fill("-1");
    assert.equal(await page.locator("#own-kernel-problem").count(), 0);
    const negative = await read("data-map");
    negative.forEach((v, i) => assert.ok(Math.abs(v + pixels[i]) <= 1e-4, `negated pixel ${i}`));

    // Watch it slide, with Sobel: one value, one row, then the next value is row 1, column 0, each
    // the reference's; Play fills the rest row by row and stops at the end; Start again.
    await page.getByRole("button", { name: "Sobel (vertical edges)" }).click();
    const slide = page.locator("#kernel-slide");
    const done = async () => Number(await slide.getAttribute("data-done"));
    assert.equal(await done(), 0, "a new kernel starts at the corner");
    await page.locator("#slide-step").click();
    const at = async () => {
      const v = page.locator("#slide-value");
      return [Number(await v.getAttribute("data-row")), Number(await v.getAttribute("data-col")), Number(await v.getAttribute("data-value"))];
    };
    let [r, c, v] = await at();
    assert.deepEqual([r, c], [0, 0]);
    assert.ok(Math.abs(v - reference[0]) <= 1e-4);
    await page.locator("#slide-row").click();
    assert.equal(await done(), 28);
    await page.locator("#slide-step").click();
    [r, c, v] = await at();
    assert.deepEqual([r, c], [1, 0]);
    assert.ok(Math.abs(v - reference[28]) <= 1e-4);
    await page.locator("#slide-play").click();
    assert.equal(await page.locator("#slide-play").getAttribute("aria-pressed"), "true");
    await page.waitForFunction(() => document.querySelector("#kernel-slide")?.dataset.done === "784", null, { timeout: MINUTE });
    await page.locator("#slide-play").filter({ hasText: "Play" }).waitFor();
    assert.match(await page.locator("#slide-status").textContent(), /whole map is computed/);
    [r, c, v] = await at();
    assert.deepEqual([r, c], [27, 27]);
    await page.locator("#slide-reset").click();
    assert.equal(await done(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
