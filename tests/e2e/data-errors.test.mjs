// MNIST downloads that go wrong: a missing or corrupt file, a server that never answers, one
// that stalls mid-file, one that is merely slow. The page names the file, shows byte progress,
// gives up on a stall with a message, and Retry loads the data without a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { APP_URL, MINUTE, launch } from "./browser.mjs";

const LABELS = "**/data/train-labels-idx1-ubyte.gz";

async function failedData(page) {
  const error = page.locator("#data-error");
  await error.waitFor({ timeout: 2 * MINUTE });
  return error.textContent();
}

test("a corrupt file is named, with the fix, and Retry loads it once it is right", async () => {
  const { context, page } = await launch({ webgpu: false });
  try {
    // A gzip stream cut short: the worker must not mistake it for data.
    await context.route(LABELS, (route) => route.fulfill({ status: 200, body: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00]) }));
    await page.goto(APP_URL);
    const message = await failedData(page);
    assert.match(message, /train-labels-idx1-ubyte\.gz/);
    assert.match(message, /re-download/);
    assert.equal(await page.locator("#data-shapes").count(), 0);
    await context.unroute(LABELS);
    await page.click("#data-retry");
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
  } finally {
    await context.close();
  }
});

test("a missing file is named, with the fix", async () => {
  const { context, page } = await launch({ webgpu: false });
  try {
    await context.route(LABELS, (route) => route.fulfill({ status: 404, body: "" }));
    await page.goto(APP_URL);
    const message = await failedData(page);
    assert.match(message, /train-labels-idx1-ubyte\.gz/);
    assert.match(message, /HTTP 404/);
    assert.match(message, /cargo xtask run/);
  } finally {
    await context.close();
  }
});

test("a server that never answers is given up on, and Retry recovers", async () => {
  const { context, page } = await launch({ webgpu: false, drills: { stallSeconds: 3 } });
  try {
    await context.route(LABELS, () => {}); // never answered
    await page.goto(APP_URL);
    const message = await failedData(page);
    assert.match(message, /train-labels-idx1-ubyte\.gz.*sent nothing for 3 s/);
    await context.unroute(LABELS);
    await page.click("#data-retry");
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
  } finally {
    await context.close();
  }
});

/**
 * Serves the app through a proxy that sends the training images in small timed pieces
 * (`mode: "slow"`) or stops halfway through them (`mode: "stall"`).
 */
async function throttlingProxy(mode) {
  const server = http.createServer(async (request, response) => {
    const upstream = await fetch(new URL(request.url, APP_URL));
    const body = Buffer.from(await upstream.arrayBuffer());
    const headers = { "content-type": upstream.headers.get("content-type") ?? "application/octet-stream", "content-length": body.length, "cache-control": "no-store" };
    if (!request.url.endsWith("/data/train-images-idx3-ubyte.gz")) {
      response.writeHead(upstream.status, headers).end(body);
      return;
    }
    response.writeHead(200, headers);
    const pieces = 40;
    for (let i = 0; i < pieces; i++) {
      if (mode === "stall" && i === pieces / 2) return; // headers and half the file, then nothing
      response.write(body.subarray((i * body.length) / pieces, ((i + 1) * body.length) / pieces));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    response.end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

test("a slow download moves the progress bar byte by byte", async () => {
  const proxy = await throttlingProxy("slow");
  const { context, page } = await launch({ webgpu: false });
  try {
    // Samples the bar while the file trickles in: it must take values between empty and full.
    await page.goto(proxy.url);
    const seen = new Set();
    const deadline = Date.now() + 2 * MINUTE;
    while ((await page.locator("#data-shapes").count()) === 0 && Date.now() < deadline) {
      // Read in one go: the bar goes away when the download ends, between two separate reads.
      const sample = await page.evaluate(() => {
        const bar = document.querySelector("#download-progress");
        return bar && [bar.getAttribute("value"), bar.getAttribute("max")];
      });
      if (sample && sample[0] !== null && sample[1] !== null) seen.add(Math.round((100 * Number(sample[0])) / Number(sample[1])));
      await page.waitForTimeout(50);
    }
    const between = [...seen].filter((p) => p > 5 && p < 95);
    assert.ok(between.length >= 3, `the bar should pass through intermediate values, saw ${[...seen].sort((a, b) => a - b)}`);
    await page.locator("#data-shapes").waitFor({ timeout: MINUTE });
  } finally {
    await context.close();
    proxy.server.closeAllConnections();
    proxy.server.close();
  }
});

test("a download that stalls halfway is abandoned with a message naming the file", async () => {
  const proxy = await throttlingProxy("stall");
  const { context, page } = await launch({ webgpu: false, drills: { stallSeconds: 3 } });
  try {
    await page.goto(proxy.url);
    const message = await failedData(page);
    assert.match(message, /train-images-idx3-ubyte\.gz.*stalled: no data for 3 s after [\d.]+ MB/);
    assert.ok(await page.locator("#data-retry").isVisible());
  } finally {
    await context.close();
    proxy.server.closeAllConnections();
    proxy.server.close();
  }
});
