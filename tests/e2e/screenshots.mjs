// Takes the README's screenshots from a running ConvLab (not a test; run by hand):
//   CONVLAB_URL=http://127.0.0.1:8080/ node tests/e2e/screenshots.mjs
// docs/screenshot.png: the training section after a short run, at desktop width;
// docs/screenshot-course.png: the model section with a guided step open, its answer held back;
// docs/screenshot-draw.png: a drawn 7 with the probability bars and most active maps beside it;
// docs/screenshot-cell.png: one value of the first convolution explained on that 7;
// docs/screenshot-my-digits.png: My digits after fine-tuning on 30 imported digits;
// docs/screenshot-phone.png: drawing on a 360 px phone, the bars in view under the canvas.
import { MINUTE, launch, APP_URL, setForm } from "./browser.mjs";
import { digitSetFile } from "./digit-sets.mjs";

const docs = (name) => new URL(`../../docs/${name}`, import.meta.url).pathname;

/** Draws a 7 on the canvas with the mouse and waits for its answer. */
async function drawSeven(page) {
  const canvas = page.locator("#draw-canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const at = (x, y) => [box.x + x * box.width, box.y + y * box.height];
  const path = [[0.28, 0.25], [0.72, 0.24], [0.5, 0.8]];
  await page.mouse.move(...at(...path[0]));
  await page.mouse.down();
  for (let i = 1; i < path.length; i++) {
    for (let t = 1; t <= 10; t++) {
      const [x0, y0] = path[i - 1], [x1, y1] = path[i];
      await page.mouse.move(...at(x0 + ((x1 - x0) * t) / 10, y0 + ((y1 - y0) * t) / 10));
    }
  }
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector("#probabilities")?.dataset.top !== undefined, null, { timeout: MINUTE });
  await page.waitForTimeout(500);
}

/** Scrolls so that `selector` starts `below` px from the top (under the sticky contents bar,
 * two rows tall on a phone). */
const scrollTo = (page, selector, below = 60) =>
  page.locator(selector).evaluate((el, below) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - below), below);

const { context, page } = await launch({ webgpu: false });
try {
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(APP_URL);
  await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });

  // The course: step 1 open, the summary's cell for its answer held back.
  await scrollTo(page, "#summary-table");
  await page.waitForTimeout(300);
  await page.screenshot({ path: docs("screenshot-course.png") });

  await page.click("#jump-draw");
  await drawSeven(page);
  await scrollTo(page, "#draw-title");
  await page.waitForTimeout(300);
  await page.screenshot({ path: docs("screenshot-draw.png") });

  // One value of the first convolution, picked on its channel 3 shown large.
  await page.locator("#maps-conv2d .map-button").nth(3).click();
  const picker = page.locator("#value-picker");
  await picker.waitFor({ timeout: MINUTE });
  const pickBox = await picker.boundingBox();
  await page.mouse.click(pickBox.x + pickBox.width * (14.5 / 28), pickBox.y + pickBox.height * (9.5 / 28));
  await page.locator("#value-agree").waitFor({ timeout: MINUTE });
  await scrollTo(page, "#value-title");
  await page.waitForTimeout(300);
  await page.screenshot({ path: docs("screenshot-cell.png") });

  await setForm(page, { epochs: 3, "train-subset": 1600, "validation-subset": 500 });
  await page.click("#train");
  await page.locator("#prediction-grid").waitFor({ timeout: 5 * MINUTE });
  await scrollTo(page, "#train-title");
  await page.waitForTimeout(300);
  await page.screenshot({ path: docs("screenshot.png") });

  await page.setInputFiles("#my-digits-file", digitSetFile());
  await page.locator("#my-digits-count").filter({ hasText: /^30 digits kept\./ }).waitFor({ timeout: MINUTE });
  await page.click("#fine-tune");
  await page.locator("#fine-tune-result").waitFor({ timeout: 4 * MINUTE });
  await page.click("#my-digits-check");
  await page.locator(".digit-score").first().waitFor({ timeout: MINUTE });
  await page.waitForTimeout(300);
  // An element taller than the window is shot in parts; the sticky contents bar would cover one.
  const unstuck = await page.addStyleTag({ content: ".toc { position: static; }" });
  await page.locator(".my-digits").screenshot({ path: docs("screenshot-my-digits.png") });
  await unstuck.evaluate((style) => style.remove());

  await page.setViewportSize({ width: 360, height: 740 });
  await page.click("#clear");
  await drawSeven(page);
  await scrollTo(page, "#draw-title", 76);
  await page.waitForTimeout(300);
  await page.screenshot({ path: docs("screenshot-phone.png") });
} finally {
  await context.close();
}
