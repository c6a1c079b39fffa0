// A learner's path in WebKit (Debian's WebKitGTK, the engine behind Safari), driven over W3C
// WebDriver by webdriver.mjs: the page loads MNIST, says where it trains and why threads or the
// graphics card are missing, reads a drawn digit, trains a short run that shows its test
// accuracy, and keeps that run across a reload. `cargo xtask test` runs this file only in WebKit,
// under a virtual display.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openWebKit } from "./webdriver.mjs";

const APP_URL = process.env.CONVLAB_URL ?? "http://127.0.0.1:8080/";
const MINUTE = 60_000;
let browser;

before(async () => {
  browser = await openWebKit();
  await browser.goto(APP_URL);
  await browser.waitFor("#data-shapes", { ms: 3 * MINUTE });
});
after(async () => {
  await browser?.close();
});

test("WebKit: MNIST loads, and the page says where it trains and what this browser lacks", async () => {
  assert.equal(await browser.text("#data-shapes"), "(60000, 28, 28, 1) (10000, 28, 28, 1)");
  assert.equal(await browser.text("#worker-problem"), null, "the worker started");
  const has = await browser.run(`return {
    threads: crossOriginIsolated && typeof SharedArrayBuffer === "function",
    webgpu: "gpu" in navigator,
  };`);
  const line = await browser.text("#backend-line");
  if (!has.webgpu) assert.match(line, /^No WebGPU: this browser has no WebGPU — training on the CPU/);
  assert.match(line, has.threads ? /training on the CPU with \d+ threads$/ : /training on the CPU$/);
  // Each feature the page looks for is said, yes or no, and a "no" says what the page does instead.
  const features = await browser.run(`return [...document.querySelectorAll("#browser-features li")]
    .map((li) => ({ key: li.dataset.feature, present: li.dataset.present, text: li.textContent }));`);
  assert.deepEqual(features.map((f) => f.key).sort(), ["data-cache", "offline", "storage", "threads", "webgpu"]);
  for (const feature of features) {
    assert.match(feature.text, feature.present === "true" ? /: yes\. \S/ : /: no\. \S/, feature.text);
  }
  assert.equal(features.find((f) => f.key === "threads").present, String(has.threads));
  assert.equal(features.find((f) => f.key === "webgpu").present === "true", has.webgpu);
});

test("WebKit: a drawn 1 is read as a 1", async () => {
  await browser.waitFor("#answering", { text: /pre-trained tutorial model/ });
  await browser.stroke("#draw-canvas", [[140, 40], [140, 240]], 280);
  const top = await browser.run(`return new Promise((resolve) => {
    const read = () => {
      const bars = document.querySelector("#probabilities");
      if (bars && bars.dataset.latencyMs !== undefined) resolve(Number(bars.dataset.top));
      else setTimeout(read, 100);
    };
    read();
  });`);
  assert.equal(top, 1);
});

test("WebKit: a short run trains, shows its test accuracy, and is kept across a reload", async () => {
  for (const [id, value] of Object.entries({ epochs: 1, "train-subset": 640, "validation-subset": 500, seed: 11 })) {
    await browser.fill(`#${id}`, value);
  }
  await browser.click("#train");
  await browser.waitFor("#run-status", { text: /Done: 1 epoch, 20 steps\./, ms: 5 * MINUTE });
  const result = await browser.waitFor("#test-result", { text: /Test accuracy: [\d.]+/, ms: 3 * MINUTE });
  const accuracy = Number(result.match(/Test accuracy: ([\d.]+)/)[1]);
  assert.ok(accuracy > 0.3, `test accuracy ${accuracy} after 20 steps; chance is 0.1`);
  const row = await browser.waitFor("#runs-table .run-row td", { ms: MINUTE });
  const id = row.trim();

  await browser.reload();
  await browser.waitFor("#data-shapes", { ms: 3 * MINUTE });
  await browser.waitFor(`#run-${id}-delete`, { ms: MINUTE });
});
