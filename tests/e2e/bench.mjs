// ConvLab's in-browser benchmark (run by `cargo xtask bench`): prints one table and writes JSON.
// Figures are measured in the page, through the same UI a learner uses.
import { writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { APP_URL, MINUTE, launch, withoutIsolation } from "./browser.mjs";
const results = [];
console.log(`${"figure".padEnd(48)} ${"value".padStart(12)} ${"unit".padEnd(10)} note`);
const record = (name, value, unit, note = "") => {
  results.push({ name, value, unit, note });
  console.log(`${name.padEnd(48)} ${String(value).padStart(12)} ${unit.padEnd(10)} ${note}`);
};

/** Keeps the time of the latest pointerup on the page's clock, for the inside views' latency. */
const rememberStrokeEnd = () => document.addEventListener("pointerup", () => { window.benchStrokeEnd = performance.now(); }, true);

/** Opens the app in a fresh profile; times navigation → the pre-trained model answering
 * drawings ("ready to draw") and → MNIST decoded ("data shown"). */
async function openApp(webgpu, { isolated = true } = {}) {
  const browser = await launch({ webgpu, init: rememberStrokeEnd });
  if (!isolated) await withoutIsolation(browser.page);
  const start = Date.now();
  await browser.page.goto(APP_URL);
  const answering = browser.page.locator("#answering").filter({ hasText: "pre-trained tutorial model" });
  const drawMs = answering.waitFor({ timeout: 2 * MINUTE }).then(() => Date.now() - start);
  const dataMs = browser.page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE }).then(() => Date.now() - start);
  const [readyToDrawMs, dataShownMs] = await Promise.all([drawMs, dataMs]);
  return { ...browser, readyToDrawMs, dataShownMs };
}

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)];
/** The median and the 95th percentile of `values` (sorted in place). */
const spread = (values) => {
  values.sort((a, b) => a - b);
  return { median: percentile(values, 0.5), p95: percentile(values, 0.95) };
};

const batchOf = (page) =>
  page.evaluate(() => Number((document.querySelector('label[for="batch-progress"]')?.textContent ?? "").match(/batch (\d+) of/)?.[1] ?? 0));

/**
 * Steady-state samples/s: after `from` warm-up batches, until batch `to` or `seconds` of
 * measuring, whichever comes first (so a slow backend is measured as long as a fast one would be
 * stable, and a fast one over more batches); then the run is stopped.
 */
async function trainingSpeed(page, { backend, batchSize, from, to, seconds }) {
  await page.selectOption("#backend-choice", backend);
  await page.fill("#epochs", "1");
  await page.fill("#batch-size", String(batchSize));
  await page.fill("#train-subset", String(batchSize * (to + 1)));
  await page.fill("#validation-subset", "100");
  await page.click("#train");
  const clicked = Date.now();
  const waitFor = (n, timeout) => page.waitForFunction((n) => {
    const label = document.querySelector('label[for="batch-progress"]')?.textContent ?? "";
    return Number(label.match(/batch (\d+) of/)?.[1]) >= n;
  }, n, { timeout, polling: 20 });
  await waitFor(1, 10 * MINUTE);
  const firstStepMs = Date.now() - clicked;
  await waitFor(from, 10 * MINUTE);
  const [b0, t0] = [await batchOf(page), Date.now()];
  await waitFor(to, seconds * 1000).catch((error) => {
    if (error.name !== "TimeoutError") throw error;
  });
  const [b1, t1] = [await batchOf(page), Date.now()];
  await page.locator("#stop").click({ timeout: 5000 }).catch(() => {}); // it may have just finished
  await page.locator("#prediction-grid").waitFor({ timeout: 10 * MINUTE });
  return { speed: ((b1 - b0) * batchSize) / ((t1 - t0) / 1000), batches: b1 - b0, firstStepMs };
}

/** Draws `n` strokes (with the saliency overlay on) and reads, for each, the model's time in the
 * worker, the time from the stroke's end to the updated bars, and to the bars, every feature
 * map and the saliency on screen (the maps follow the bars, in one message with the saliency). */
async function drawingLatencies(page, n) {
  await page.locator("#answering").filter({ hasText: "pre-trained tutorial model" }).waitFor({ timeout: 2 * MINUTE });
  // The saliency switch sits elsewhere on the page: checked first, so the canvas is in view.
  await page.check("#saliency-toggle");
  await page.locator("#draw-canvas").scrollIntoViewIfNeeded();
  const box = await page.locator("#draw-canvas").boundingBox();
  const [latencies, computes, inside] = [[], [], []];
  for (let i = 0; i < n; i++) {
    await page.click("#clear");
    const x = box.x + 60 + (i % 8) * 20;
    await page.mouse.move(x, box.y + 40);
    await page.mouse.down();
    for (let t = 1; t <= 10; t++) await page.mouse.move(x + t * 3, box.y + 40 + t * 20);
    const before = Number((await page.locator("#probabilities").getAttribute("data-request").catch(() => 0)) ?? 0);
    await page.mouse.up();
    const request = await page.waitForFunction((n) => {
      const bars = document.querySelector("#probabilities");
      return bars && Number(bars.dataset.request) > n && bars.dataset.latencyMs !== undefined && Number(bars.dataset.request);
    }, before, { timeout: MINUTE }).then((h) => h.jsonValue());
    latencies.push(Number(await page.locator("#probabilities").getAttribute("data-latency-ms")));
    computes.push(Number(await page.locator("#probabilities").getAttribute("data-compute-ms")));
    inside.push(await page.waitForFunction((r) => {
      const maps = document.querySelector("#feature-maps");
      const ready = maps && Number(maps.dataset.request) >= r && maps.dataset.shownAt && document.querySelector(".saliency-overlay");
      return ready && Number(maps.dataset.shownAt) - window.benchStrokeEnd;
    }, request, { timeout: MINUTE }).then((h) => h.jsonValue()));
  }
  return { compute: spread(computes), onScreen: spread(latencies), inside: spread(inside) };
}

/** "One value, explained": opens channel 3 of conv2d_1 large and picks `n` of its pixels by
 * click, timing each click to the value's panel with its arithmetic and the network's value in
 * the page (a MutationObserver notes the moment; not painted yet), and reading the worker's own
 * time from the panel. */
async function cellLatencies(page, n) {
  await page.locator("#maps-conv2d_1 .map-button").nth(3).click();
  const picker = page.locator("#value-picker");
  await picker.waitFor({ timeout: MINUTE });
  const box = await picker.boundingBox();
  const [onScreen, computes] = [[], []];
  for (let i = 0; i < n; i++) {
    const [row, col] = [2 + (i % 10), 3 + ((i * 7) % 10)];
    await page.evaluate(([row, col]) => {
      window.benchCellShown = undefined;
      document.addEventListener("click", () => { window.benchCellClick = performance.now(); }, { capture: true, once: true });
      const title = `row ${row}, column ${col}`;
      const done = () => {
        const t = document.querySelector("#value-title")?.textContent ?? "";
        if (t.endsWith(title) && document.querySelector("#value-agree")) {
          window.benchCellShown = performance.now();
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(done);
      observer.observe(document.querySelector("#channel-detail"), { childList: true, subtree: true, characterData: true });
    }, [row, col]);
    await page.mouse.click(box.x + 2 + ((col + 0.5) * (box.width - 4)) / 14, box.y + 2 + ((row + 0.5) * (box.height - 4)) / 14);
    onScreen.push(await page.waitForFunction(() => window.benchCellShown && window.benchCellShown - window.benchCellClick, null, { timeout: MINUTE }).then((h) => h.jsonValue()));
    computes.push(Number((await page.locator("#value-agree .note").textContent()).match(/in ([\d.]+) ms/)[1]));
  }
  return { compute: spread(computes), onScreen: spread(onScreen) };
}

/** Seconds from pressing the button to the confusion matrix of the 10 000 test images on screen. */
async function confusionSeconds(page) {
  await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
  const start = Date.now();
  await page.click("#confusion-compute");
  await page.locator('#confusion-matrix[data-total="10000"]').waitFor({ timeout: 5 * MINUTE });
  return (Date.now() - start) / 1000;
}

/** The first `n` MNIST test images as a digit set file (the format "Export my digits" writes),
 * from the site's own copy of MNIST. */
async function mnistDigitSet(n, { from = 0, strokePoints = 0 } = {}) {
  const file = async (name) => gunzipSync(Buffer.from(await (await fetch(new URL(`data/${name}`, APP_URL))).arrayBuffer()));
  const [images, labels] = [await file("t10k-images-idx3-ubyte.gz"), await file("t10k-labels-idx1-ubyte.gz")];
  // A long made-up stroke per digit, when asked: a set as heavy as one drawn slowly.
  const stroke = Array.from({ length: strokePoints }, (_, k) => [Math.round(1400 + 1000 * Math.sin(k / 7)) / 10, Math.round(1400 + 1000 * Math.cos(k / 11)) / 10]);
  const digits = Array.from({ length: n }, (_, j) => {
    const i = from + j;
    return {
      label: labels[8 + i],
      pixels: Array.from(images.subarray(16 + 784 * i, 16 + 784 * (i + 1)), (v) => v / 255),
      ...(strokePoints ? { strokes: [stroke] } : {}),
    };
  });
  return Buffer.from(JSON.stringify({ format: "convlab-my-digits", version: 1, digits }));
}

/** Waits until My digits says `k` digits are kept. */
const keptCount = (page, k) =>
  page.locator("#my-digits-count").filter({ hasText: new RegExp(`^${k} digits? kept\\.`) }).waitFor({ timeout: 5 * MINUTE });

/** Seconds to import `n` MNIST test images as the learner's digits (read, checked, stored in
 * IndexedDB, listed), then for the answering model's table of them, and how many it read right;
 * the digits are deleted again after. */
async function importSeconds(page, n) {
  const file = { name: `mnist-${n}.json`, mimeType: "application/json", buffer: await mnistDigitSet(n) };
  const kept = (k) => keptCount(page, k);
  await kept(0);
  let start = Date.now();
  await page.setInputFiles("#my-digits-file", file);
  await kept(n);
  const imported = (Date.now() - start) / 1000;
  start = Date.now();
  await page.click("#my-digits-check");
  const accuracy = page.locator("#digits-score-accuracy").filter({ hasText: new RegExp(` of your ${n} digits right`) });
  await accuracy.waitFor({ timeout: 5 * MINUTE });
  const table = (Date.now() - start) / 1000;
  const right = Number((await accuracy.textContent()).match(/read (\d+) of your/)[1]);
  await page.click("#my-digits-delete-all");
  await page.click("#my-digits-delete-confirm");
  await kept(0);
  return { imported, table, right };
}

/** With a heavy set of `n` digits kept (long strokes, tens of MB), the seconds a later import of
 * 30 more takes and the longest the page was busy meanwhile (long tasks on the main thread). */
async function laterImport(page, n) {
  const heavy = await mnistDigitSet(n, { strokePoints: 300 });
  const kept = (k) => keptCount(page, k);
  await kept(0);
  await page.setInputFiles("#my-digits-file", { name: "heavy.json", mimeType: "application/json", buffer: heavy });
  await kept(n);
  await page.evaluate(() => {
    window.convlabLongest = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => { window.convlabLongest = Math.max(window.convlabLongest, e.duration); }))
      .observe({ type: "longtask" });
  });
  const start = Date.now();
  await page.setInputFiles("#my-digits-file", { name: "thirty.json", mimeType: "application/json", buffer: await mnistDigitSet(30, { from: n }) });
  await kept(n + 30);
  const seconds = (Date.now() - start) / 1000;
  const longest = await page.evaluate(() => window.convlabLongest);
  await page.click("#my-digits-delete-all");
  await page.click("#my-digits-delete-confirm");
  await kept(0);
  return { megabytes: heavy.length / 1e6, seconds, longest };
}

// BENCH_ONLY=webgpu: the WebGPU rows alone (comparing builds of the WebGPU worker);
// BENCH_ONLY=drawing: the drawing, inside-view and digit-import rows alone.
const only = process.env.BENCH_ONLY;
/** The CPU rows: drawing, inside views, training on the threaded worker and on one thread. */
async function cpuRows() {
  const cpu = await openApp(false);
  record("navigation → ready to draw (model loaded)", cpu.readyToDrawMs, "ms", "fresh profile, localhost, no WebGPU");
  record("navigation → MNIST decoded (data shown)", cpu.dataShownMs, "ms", "fresh profile, so downloaded");
  const latency = await drawingLatencies(cpu.page, 40);
  record("one prediction in the worker, median", latency.compute.median.toFixed(2), "ms", "pre-trained model, CPU, 40 strokes");
  record("one prediction in the worker, p95", latency.compute.p95.toFixed(2), "ms");
  record("stroke end → updated bars, median", latency.onScreen.median.toFixed(1), "ms", "incl. preprocessing, messages, render");
  record("stroke end → updated bars, p95", latency.onScreen.p95.toFixed(1), "ms");
  record("stroke end → bars + maps + saliency, median", latency.inside.median.toFixed(1), "ms", "the same strokes, saliency overlay on");
  record("stroke end → bars + maps + saliency, p95", latency.inside.p95.toFixed(1), "ms");
  const cell = await cellLatencies(cpu.page, 21);
  record("one value explained: click → panel, median", cell.onScreen.median.toFixed(1), "ms", "conv2d_1, 32 channels summed; 21 clicks");
  record("one value explained: click → panel, p95", cell.onScreen.p95.toFixed(1), "ms");
  record("  of which the worker, median", cell.compute.median.toFixed(1), "ms", "explain_cell on the pre-trained model, CPU");
  record("confusion matrix, 10 000 test images", (await confusionSeconds(cpu.page)).toFixed(2), "s", "pre-trained model, CPU, in the worker");
  await cpu.page.click("#my-digits-mode");
  for (const n of [1000, 5000]) {
    const { imported, table, right } = await importSeconds(cpu.page, n);
    record(`import ${n} digits (read, store, list)`, imported.toFixed(2), "s", "the first MNIST test images as a digit set file");
    record(`  their table, pre-trained model`, table.toFixed(2), "s", `${right} of ${n} right; CPU, in the worker`);
  }
  const later = await laterImport(cpu.page, 4970);
  record("import 30 digits with 4 970 kept", later.seconds.toFixed(2), "s", `kept set ${later.megabytes.toFixed(0)} MB (long strokes); read, checked against the store, stored, listed`);
  record("  longest the page was busy meanwhile", later.longest.toFixed(0), "ms", "longest main-thread task (PerformanceObserver longtask)");
  if (only === "drawing") {
    await cpu.context.close();
    writeFileSync(process.env.BENCH_JSON ?? "bench-results.json", JSON.stringify(results, null, 2));
    process.exit(0);
  }
  const threadsLine = await cpu.page.locator("#backend-line").textContent();
  const threads = Number(threadsLine.match(/with (\d+) threads/)?.[1] ?? 1);
  const speeds = {};
  for (const batchSize of [32, 128]) {
    const { speed, batches } = await trainingSpeed(cpu.page, { backend: "cpu", batchSize, from: 10, to: 1000, seconds: 20 });
    speeds[batchSize] = speed;
    record(`in-browser training, CPU, ${threads} threads, batch ${batchSize}`, speed.toFixed(0), "samples/s", `threaded worker (isolated); ${batches} batches after 10 warm-up`);
  }
  // Memory over a few hundred batches.
  await cpu.page.fill("#batch-size", "32");
  await cpu.page.fill("#train-subset", String(32 * 400));
  await cpu.page.click("#train");
  await cpu.page.locator("#prediction-grid").waitFor({ timeout: 10 * MINUTE });
  const memory = await cpu.page.locator("#memory-line").textContent();
  const [, heapFirst, stepFirst, heapLast, stepLast] = memory.match(/wasm heap ([\d.]+) MB at step (\d+), ([\d.]+) MB at step (\d+)/);
  record(`worker wasm heap at step ${stepFirst}`, heapFirst, "MB");
  record(`worker wasm heap at step ${stepLast}`, heapLast, "MB");
  await cpu.context.close();

  // The same, on one thread: the worker a host without COEP gets (built without threads).
  const single = await openApp(false, { isolated: false });
  for (const batchSize of [32, 128]) {
    const { speed, batches } = await trainingSpeed(single.page, { backend: "cpu", batchSize, from: 10, to: 1000, seconds: 20 });
    record(`in-browser training, CPU, 1 thread, batch ${batchSize}`, speed.toFixed(0), "samples/s", `single-threaded worker (not isolated); ${batches} batches`);
    record(`  ${threads} threads ÷ 1 thread, batch ${batchSize}`, (speeds[batchSize] / speed).toFixed(2), "×", "same run of the benchmark");
  }
  record("navigation → ready to draw, not isolated", single.readyToDrawMs, "ms", "single-threaded worker");
  await single.context.close();
}

if (only !== "webgpu") await cpuRows();

const gpu = await openApp(true);
const adapter = await gpu.page.locator("#backend-line").textContent();
for (const batchSize of [32, 128]) {
  const { speed, batches, firstStepMs } = await trainingSpeed(gpu.page, { backend: "webgpu", batchSize, from: 3, to: 1000, seconds: 25 });
  record(`in-browser training, WebGPU, batch ${batchSize}`, speed.toFixed(1), "samples/s", `${batches} batches after 3; ${adapter.split(" — ")[0]}`);
  record(`  WebGPU, Train → first step done, batch ${batchSize}`, firstStepMs, "ms", "kernels compiled on first use");
}
const gpuMemory = await gpu.page.locator("#memory-line").textContent();
record("WebGPU device allocations (start → end)", gpuMemory.match(/device allocations ([\d →]+)/)?.[1] ?? "n/a", "buffers");
await gpu.context.close();

writeFileSync(process.env.BENCH_JSON ?? "bench-results.json", JSON.stringify(results, null, 2));
