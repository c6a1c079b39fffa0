// The walking skeleton, end to end: the page loads the wasm app, its worker picks a backend and
// says why, and MNIST is downloaded and decoded with the tutorial's shapes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { APP_URL, ENGINE, chromiumOnly, launch } from "./browser.mjs";

const SHAPES = "(60000, 28, 28, 1) (10000, 28, 28, 1)";
const LOAD_TIMEOUT = 120_000;

test("with WebGPU on SwiftShader: the CPU is chosen, and the data shapes are shown", { skip: chromiumOnly }, async () => {
  const { context, page, errors } = await launch({ webgpu: true });
  try {
    await page.goto(APP_URL);
    // The progress bar is on the page while the files arrive.
    await page.locator("#download-progress, #data-shapes").first().waitFor({ timeout: LOAD_TIMEOUT });
    await page.locator("#data-shapes").waitFor({ timeout: LOAD_TIMEOUT });
    assert.equal((await page.locator("#data-shapes").textContent()).trim(), SHAPES);
    const backend = await page.locator("#backend-line").textContent();
    // The served site is cross-origin isolated: the threaded worker, on every core (one core: no count).
    assert.match(backend, /^WebGPU adapter: .*swiftshader.* \(software\) — training on the CPU( with \d+ threads)?$/i);
    // The learner reads it in plain words; the adapter's name and the threads are machine details.
    assert.equal(await page.locator("#backend-plain").textContent(),
      "Training on this computer's processor (the graphics card is only imitated in software here, which is slower than the processor).");
    assert.equal(await page.locator("#data-error, #worker-problem").count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("without WebGPU: the page says so and still loads the data on the CPU path", async () => {
  const { context, page, errors } = await launch({ webgpu: false });
  try {
    await page.goto(APP_URL);
    await page.locator("#data-shapes").waitFor({ timeout: LOAD_TIMEOUT });
    assert.equal((await page.locator("#data-shapes").textContent()).trim(), SHAPES);
    const backend = await page.locator("#backend-line").textContent();
    assert.match(backend, /^No WebGPU: .* — training on the CPU( with \d+ threads)?$/);
    // What this browser offers, each part said: in both engines the served site has threads,
    // storage, the MNIST cache and offline support (127.0.0.1 counts as secure).
    const offered = await page.locator("#browser-features li").evaluateAll((items) => Object.fromEntries(items.map((li) => [li.dataset.feature, li.dataset.present])));
    assert.deepEqual(offered, { threads: "true", webgpu: String(ENGINE === "chromium"), storage: "true", "data-cache": "true", offline: "true" });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a reload takes MNIST from the browser's cache instead of downloading it again", async () => {
  const { context, page, errors } = await launch({ webgpu: false });
  try {
    const dataRequests = [];
    context.on("request", (request) => request.url().includes("/data/") && dataRequests.push(request.url()));
    await page.goto(APP_URL);
    await page.locator("#data-shapes").waitFor({ timeout: LOAD_TIMEOUT });
    assert.equal(dataRequests.length, 4, `first visit: ${dataRequests.join(", ")}`);
    await page.reload();
    await page.locator("#data-shapes").waitFor({ timeout: LOAD_TIMEOUT });
    assert.equal((await page.locator("#data-shapes").textContent()).trim(), SHAPES);
    assert.equal(dataRequests.length, 4, `after the reload: ${dataRequests.join(", ")}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
