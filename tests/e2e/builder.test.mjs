// The model builder, its live summary, the guided steps, share links and keyboard-only use.
import { test } from "node:test";
import assert from "node:assert/strict";
import { APP_URL, MINUTE, answer, eventually, openApp as open, setForm, stroke } from "./browser.mjs";

/** The page, ready once the builder shows (or the data, for tests that train). */
const openApp = ({ waitForData = false } = {}) =>
  open({ ready: (page) => page.locator(waitForData ? "#data-shapes" : "#model-builder") });

/** Text without any white space, so MathML reads as the formula it shows. */
async function squeezed(locator) {
  return (await locator.textContent()).replace(/\s+/g, "");
}

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? "");

test("a 5 × 5 first kernel shows its formula, count and the new total", async () => {
  const { context, page, errors } = await openApp();
  try {
    // Step 1 asks for the first layer's count: its cells wait for the answer, the total does not.
    await eventually(async () => assert.equal(await page.locator("#summary-1 .params").textContent(), "?hidden until you answer step 1"));
    await eventually(async () => assert.equal(await page.locator("#summary-total").textContent(), "34,506"));
    await page.fill("#layer-1-kernel", "5");
    await eventually(async () => assert.equal(await squeezed(page.locator("#summary-1 .formula")), "(5×5×1+1)×32=832"));
    await eventually(async () => assert.equal(await page.locator("#summary-1 .params").textContent(), "832"));
    await eventually(async () => assert.equal(await page.locator("#summary-total").textContent(), "35,018"));
    // The formula is real maths, not text.
    await eventually(async () => assert.equal(await page.locator("#summary-1 .formula math mn").first().textContent(), "5"));
    // The Keras export follows the builder.
    await eventually(async () => assert.match(await page.locator("#keras-code").inputValue(), /layers\.Conv2D\(32, kernel_size=\(5, 5\)/));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("an impossible model shows the core's message at its layer and turns Train off", async () => {
  const { context, page, errors } = await openApp({ waitForData: true });
  try {
    await eventually(async () => assert.equal(await page.locator("#train").isEnabled(), true));
    await page.click("#layer-6-remove"); // the Flatten layer: Dense now gets an image
    const message = "layer 6 (Dense) needs a flat input but gets the image (7, 7, 32); add a Flatten layer before it";
    await eventually(async () => assert.equal(await page.locator("#layer-6-error").textContent(), message));
    await eventually(async () => assert.equal(await page.locator("#train").isDisabled(), true));
    await eventually(async () => assert.match(await page.locator("#train-blocked").textContent(), new RegExp(message.replace(/[()]/g, "\\$&"))));
    await eventually(async () => assert.equal(await page.locator("#summary-table").count(), 0));
    await eventually(async () => assert.match(await page.locator("#summary-invalid").textContent(), /see layer 6/));

    // Adding a Flatten layer where the builder suggests it repairs the model.
    await page.selectOption("#add-kind", "Flatten");
    await eventually(async () => assert.equal(await page.locator("#add-position").inputValue(), "5"));
    await page.click("#add-layer");
    await eventually(async () => assert.equal(await page.locator(".layer-error").count(), 0));
    await eventually(async () => assert.equal(await page.locator("#train").isEnabled(), true));
    await eventually(async () => assert.equal(await page.locator("#summary-total").textContent(), "34,506"));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a guided step: a wrong then a right prediction, remembered across a reload", async () => {
  const { context, page, errors } = await openApp();
  try {
    await eventually(async () => assert.match(await page.locator("#steps-done").textContent(), /0 of 17 done/));
    await page.fill("#step-answer", "300");
    await page.press("#step-answer", "Enter");
    await eventually(async () => assert.match(await page.locator("#step-feedback").textContent(), /^Not quite: that is too low\. Hint:/));
    await eventually(async () => assert.equal(await page.locator("#step-reveal").count(), 0));
    await page.fill("#step-answer", "320");
    await page.click("#step-check");
    await eventually(async () => assert.equal(await page.locator("#step-feedback").textContent(), "Right: 320."));
    await eventually(async () => assert.equal(await squeezed(page.locator("#step-reveal .formula")), "(3×3×1+1)×32=320"));
    await eventually(async () => assert.equal(await squeezed(page.locator("#summary-1 .formula")), "(3×3×1+1)×32=320"));
    await eventually(async () => assert.match(await page.locator("#steps-done").textContent(), /1 of 17 done/));

    await page.reload();
    await page.locator("#step-reveal").waitFor({ timeout: MINUTE });
    await eventually(async () => assert.match(await page.locator("#steps-done").textContent(), /1 of 17 done/));
    await eventually(async () => assert.match(await page.locator("#step-tab-1").getAttribute("class"), /done/));

    // Step 3 asks before it shows; its "try it" loads the tutorial model back into the builder.
    await page.fill("#layer-1-kernel", "5");
    await page.click("#step-tab-3");
    await page.fill("#step-answer", "fifteen thousand");
    await page.click("#step-check");
    await eventually(async () => assert.match(await page.locator("#step-feedback").textContent(), /whole number/));
    await page.click("#step-give-up");
    await eventually(async () => assert.match(await page.locator("#step-reveal").textContent(), /The answer: 15,690 \(shown without a right guess\)/));
    await page.click("#step-try");
    await eventually(async () => assert.equal(await page.locator("#layer-1-kernel").inputValue(), "3"));
    await eventually(async () => assert.match(await page.locator("#step-try-done").textContent(), /Loaded the tutorial model/));
    await eventually(async () => assert.equal(await page.locator("#summary-total").textContent(), "34,506"));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the copied link restores the model and settings in a new tab", async () => {
  const { context, page, errors } = await openApp({ waitForData: true });
  try {
    await page.fill("#layer-1-kernel", "5");
    await page.selectOption("#layer-3-activation", "tanh");
    await page.fill("#seed", "7");
    await page.fill("#epochs", "2");
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.click("#share-copy");
    await page.locator("#share-status").filter({ hasText: "Copied." }).waitFor({ timeout: MINUTE });
    const link = await page.evaluate(() => navigator.clipboard.readText());
    await eventually(async () => assert.equal(link, await page.locator("#share-link").inputValue()));
    await eventually(async () => assert.match(link, /#model=c32\.k5\.same\.relu-p2-c32\.k3\.same\.tanh-.*&epochs=2&.*seed=7/));
    // The address bar carries the same design.
    await eventually(async () => assert.equal(page.url(), link));

    const tab = await context.newPage();
    await tab.goto(link);
    await tab.locator("#model-builder").waitFor({ timeout: MINUTE });
    await eventually(async () => assert.equal(await tab.locator("#layer-1-kernel").inputValue(), "5"));
    await eventually(async () => assert.equal(await tab.locator("#layer-3-activation").inputValue(), "tanh"));
    await eventually(async () => assert.equal(await tab.locator("#seed").inputValue(), "7"));
    await eventually(async () => assert.equal(await tab.locator("#epochs").inputValue(), "2"));
    await eventually(async () => assert.equal(await tab.locator("#summary-total").textContent(), "35,018"));
    await eventually(async () => assert.equal(await tab.locator("#link-problem").count(), 0));

    // A damaged link says why and falls back to the tutorial.
    const broken = await context.newPage();
    await broken.goto(APP_URL + "#model=c32.k3-x9");
    await broken.locator("#link-problem").waitFor({ timeout: MINUTE });
    await eventually(async () => assert.match(await broken.locator("#link-problem").textContent(), /layer 2 \("x9"\)/));
    await eventually(async () => assert.equal(await broken.locator("#summary-total").textContent(), "34,506"));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the builder works from the keyboard alone", async () => {
  const { context, page, errors } = await openApp();
  try {
    const { keyboard } = page;
    await page.focus("#preset-tutorial");
    await keyboard.press("Tab");
    await eventually(async () => assert.equal(await activeId(page), "preset-dense"));
    await keyboard.press("Enter");
    await eventually(async () => assert.equal(await page.locator(".layer").count(), 3));
    await eventually(async () => assert.equal(await page.locator("#summary-total").textContent(), "101,770"));
    await keyboard.press("Shift+Tab");
    await keyboard.press("Enter");
    await eventually(async () => assert.equal(await page.locator(".layer").count(), 7));

    // Past the other preset into the first layer: filters, then the kernel size, raised with the arrow keys.
    await keyboard.press("Tab");
    await keyboard.press("Tab");
    await eventually(async () => assert.equal(await activeId(page), "layer-1-filters"));
    await keyboard.press("Tab");
    await eventually(async () => assert.equal(await activeId(page), "layer-1-kernel"));
    await keyboard.press("ArrowUp");
    await keyboard.press("ArrowUp");
    await eventually(async () => assert.equal(await page.locator("#summary-1 .params").textContent(), "832"));
    // Padding: an arrow key picks "valid", and the image shrinks by 4.
    await keyboard.press("Tab");
    await eventually(async () => assert.equal(await activeId(page), "layer-1-padding"));
    await keyboard.press("ArrowDown");
    await eventually(async () => assert.equal(await page.locator("#layer-1-padding").inputValue(), "valid"));
    await eventually(async () => assert.equal(await page.locator("#summary-1 td").nth(1).textContent(), "(24, 24, 32)"));

    // Past the activation, "up" is off for the first layer: Tab lands on "down".
    await keyboard.press("Tab");
    await eventually(async () => assert.equal(await activeId(page), "layer-1-activation"));
    await keyboard.press("Tab");
    await eventually(async () => assert.equal(await activeId(page), "layer-1-down"));
    await keyboard.press("Enter");
    await eventually(async () => assert.match(await page.locator("#layer-1 .layer-name").textContent(), /MaxPooling2D/));
    await eventually(async () => assert.match(await page.locator("#layer-2 .layer-name").textContent(), /Conv2D/));
    await eventually(async () => assert.equal(await activeId(page), "layer-2-down", "focus follows the moved layer"));
    await keyboard.press("Shift+Tab");
    await eventually(async () => assert.equal(await activeId(page), "layer-2-up"));
    await keyboard.press("Enter");
    await eventually(async () => assert.match(await page.locator("#layer-1 .layer-name").textContent(), /Conv2D/));
    await eventually(async () => assert.equal(await activeId(page), "layer-1-down", "at the top, focus goes to the layer's other move button"));

    // Remove layer 2 (the pooling): focus stays on the layer that takes its place.
    await page.focus("#layer-2-remove");
    await keyboard.press("Enter");
    await eventually(async () => assert.equal(await page.locator(".layer").count(), 6));
    await eventually(async () => assert.equal(await activeId(page), "layer-2-remove"));

    // Add a MaxPooling2D layer with the pickers and the Add button.
    await page.focus("#add-kind");
    await keyboard.press("ArrowDown");
    await eventually(async () => assert.equal(await page.locator("#add-kind").inputValue(), "MaxPooling2D"));
    await keyboard.press("Tab");
    await eventually(async () => assert.equal(await activeId(page), "add-position"));
    await keyboard.press("Tab");
    await eventually(async () => assert.equal(await activeId(page), "add-layer"));
    await keyboard.press("Enter");
    await eventually(async () => assert.equal(await page.locator(".layer").count(), 7));
    await eventually(async () => assert.equal(await activeId(page), "layer-5-pool", "focus moves to the new layer"));
    // A visible focus ring on the focused control.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    await eventually(async () => assert.notEqual(outline, "none"));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("Dropout and BatchNormalization: added in the builder, Keras' trainable and non-trainable lines, a short run kept, and its model answers a drawing after a reload", async () => {
  const { context, page, errors } = await openApp({ waitForData: true });
  try {
    // BatchNormalization after the first convolution, Dropout before the Dense layer.
    await page.selectOption("#add-kind", "BatchNormalization");
    await page.selectOption("#add-position", "1");
    await page.click("#add-layer");
    await page.selectOption("#add-kind", "Dropout");
    await page.selectOption("#add-position", "7");
    await page.click("#add-layer");
    await eventually(async () => assert.equal(await page.locator("#layer-2").getAttribute("class"), "layer"));
    await page.fill("#layer-8-rate", "0.5");
    // 34 506 + 4 × 32 for the normalisation, of which its moving mean and variance (2 × 32) are
    // not trained; Dropout adds nothing.
    await eventually(async () => assert.equal(await page.locator("#summary-total").textContent(), "34,634"));
    assert.equal(await page.locator("#summary-trainable").textContent(), "34,570");
    assert.equal(await page.locator("#summary-non-trainable").textContent(), "64");
    assert.equal(await page.locator("#summary-2 .params").textContent(), "128");
    assert.equal(await page.locator("#summary-8 .params").textContent(), "0");
    assert.equal(await page.locator(".layer-error").count(), 0);

    // A rate of 1 would drop everything: refused at the layer, and nothing trains.
    await page.fill("#layer-8-rate", "1");
    await eventually(async () => assert.match(await page.locator("#layer-8-error").textContent(), /0\.9/));
    await eventually(async () => assert.equal(await page.locator("#train").isDisabled(), true));
    await page.fill("#layer-8-rate", "0.5");
    await eventually(async () => assert.equal(await page.locator("#train").isEnabled(), true));

    await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100, seed: 7 });
    await page.click("#train");
    await page.waitForFunction(() => document.querySelectorAll("#runs-table .run-row").length === 1, null, { timeout: 3 * MINUTE });
    const id = (await page.locator("#runs-table .run-row td").first().textContent()).trim();
    assert.match(await page.locator("#runs-table .run-row td.model-code").textContent(), /bn.*drop0\.5/);
    // Under the epoch table: why val_accuracy can lag far behind at first.
    assert.match(await page.locator("#batch-norm-start").textContent(), /starts at 0 and 1/);
    await page.locator("#kept-storage").filter({ hasText: /^1 kept model uses \d/ }).waitFor({ timeout: MINUTE });

    await page.reload();
    await page.locator("#answering").filter({ hasText: `your run ${id}'s model` }).waitFor({ timeout: MINUTE });
    await stroke(page, [[60, 60], [220, 60], [120, 240]]);
    const { top } = await answer(page);
    assert.ok(top >= 0 && top <= 9, `an answer: ${top}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
