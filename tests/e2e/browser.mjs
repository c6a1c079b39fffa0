// Launches Debian's Chromium or Firefox ESR (never a downloaded browser) with the flags this
// machine needs, and opens ConvLab in a fresh profile. Page errors are collected so a test can
// fail on them. The engine is CONVLAB_BROWSER's ("chromium", the default, or "firefox"); a test
// is written once and runs in each (`cargo xtask test --browser …`).
import { chromium, firefox } from "playwright-core";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const APP_URL = process.env.CONVLAB_URL ?? "http://127.0.0.1:8080/";
const EXECUTABLE = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";

/** The engine this run's tests drive. */
export const ENGINE = process.env.CONVLAB_BROWSER ?? "chromium";
if (!["chromium", "firefox"].includes(ENGINE)) throw new Error(`CONVLAB_BROWSER is "${ENGINE}": chromium or firefox`);

/** For `test(name, { skip: chromiumOnly }, …)`: a test that needs Chromium's DevTools protocol
 * (storage quota, CPU profiles) or its WebGPU is skipped, with that reason, in other engines. */
export const chromiumOnly = ENGINE === "chromium" ? false : "needs Chromium (its DevTools protocol or its WebGPU)";

const QUIET_FLAGS = [
  "--no-sandbox",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Profiles not yet removed: a test that fails before closing its browser leaves its profile to
 * the process's exit. Each is ~66 MB; left behind, they once filled this machine's disk, and the
 * browser's storage quota (a share of the free disk) then refused the offline files. */
const profiles = new Set();
const removeProfile = (profile) => {
  rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  profiles.delete(profile);
};
process.on("exit", () => [...profiles].forEach(removeProfile));

/**
 * Starts Chromium; `webgpu: false` leaves WebGPU off, as in a browser without it. `drills` become
 * `window.convlabDrills` before the page loads (see src/web/app/drills.rs); `init` is more of an
 * init script (a function run in the page before its own scripts).
 */
export async function launch({ webgpu = true, drills = null, init = null } = {}) {
  const profile = mkdtempSync(join(tmpdir(), `convlab-${ENGINE}-`));
  // launchPersistentContext is how a fresh profile directory is given to Playwright.
  profiles.add(profile);
  const context = ENGINE === "firefox" ? await launchFirefox(profile) : await launchChromium(profile, webgpu);
  // Closing a persistent context ends its browser; then its profile goes.
  const close = context.close.bind(context);
  context.close = async (...options) => {
    await close(...options);
    removeProfile(profile);
  };
  if (drills) await context.addInitScript((d) => { window.convlabDrills = d; }, drills);
  if (init) await context.addInitScript(init);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("worker", (worker) => worker.on("console", (m) => m.type() === "error" && errors.push(`worker: ${m.text()}`)));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  return { context, page, errors };
}

async function launchChromium(profile, webgpu) {
  const args = [...QUIET_FLAGS, ...(webgpu ? ["--enable-unsafe-webgpu"] : ["--disable-webgpu"])];
  return chromium.launchPersistentContext(profile, { executablePath: EXECUTABLE, headless: true, args });
}

/** Firefox over WebDriver BiDi (Playwright's "moz-firefox" channel drives a stock Firefox; its
 * own Firefox build is never fetched). Firefox ESR on Linux has no WebGPU, so `webgpu` changes
 * nothing there. */
async function launchFirefox(profile) {
  return firefox.launchPersistentContext(profile, { channel: "moz-firefox", executablePath: FIREFOX, headless: true });
}

export const MINUTE = 60_000;

/** Serves `page` the app as a host without Cross-Origin-Embedder-Policy would: the page is then
 * not cross-origin isolated and starts the worker built without threads. */
export async function withoutIsolation(page) {
  await page.route((url) => url.href === APP_URL, async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers["cross-origin-embedder-policy"];
    await route.fulfill({ response, headers });
  });
}

/**
 * Launches Chromium and opens ConvLab at `path` (e.g. "?panic_after=3" or "#model=…"), waiting
 * for `ready` (a locator) to show: by default the decoded data.
 */
export async function openApp({ webgpu = false, path = "", drills = null, init = null, ready = (page) => page.locator("#data-shapes") } = {}) {
  const browser = await launch({ webgpu, drills, init });
  await browser.page.goto(APP_URL + path);
  await ready(browser.page).waitFor({ timeout: 2 * MINUTE });
  return browser;
}

/**
 * Clicks `selector`, which saves a file, writes that file to `path` and returns the name the page
 * gave it. Chromium reports the download; Firefox over WebDriver BiDi (ESR 153) reports none, so
 * there the page's own way of saving — a click on an `<a download>` linking a Blob — is watched,
 * and the Blob's bytes are the file (the browser's save itself is not exercised).
 */
export async function saveFile(page, selector, path) {
  if (ENGINE === "chromium") {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
    await download.saveAs(path);
    return download.suggestedFilename();
  }
  const before = await page.evaluate(() => {
    if (!window.convlabSaved) {
      window.convlabSaved = [];
      const blobs = new Map();
      const create = URL.createObjectURL;
      URL.createObjectURL = (object) => {
        const url = create.call(URL, object);
        if (object instanceof Blob) blobs.set(url, object);
        return url;
      };
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        const blob = this.download ? blobs.get(this.href) : undefined;
        if (!blob) return click.call(this);
        const saved = { name: this.download, data: null };
        window.convlabSaved.push(saved);
        const reader = new FileReader();
        reader.onload = () => { saved.data = reader.result.slice(reader.result.indexOf(",") + 1); };
        reader.readAsDataURL(blob);
      };
    }
    return window.convlabSaved.length;
  });
  await page.click(selector);
  await page.waitForFunction((n) => typeof window.convlabSaved[n]?.data === "string", before, { timeout: 30_000 });
  const { name, data } = await page.evaluate((n) => window.convlabSaved[n], before);
  writeFileSync(path, Buffer.from(data, "base64"));
  return name;
}

/** Types each value into the input with that id. */
export async function setForm(page, values) {
  for (const [id, value] of Object.entries(values)) await page.fill(`#${id}`, String(value));
}

/** Trains 1 epoch on 320 images (validated on 100, seed 5) and waits for the run's row in the
 * runs table; the row, and the run's id. */
export async function trainShortRun(page) {
  await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100, seed: 5 });
  await page.click("#train");
  const row = page.locator("#runs-table .run-row").first();
  await row.waitFor({ timeout: 3 * MINUTE });
  return { row, id: (await row.locator("td").first().textContent()).trim() };
}

/** Draws a polyline on the canvas with the mouse, in canvas coordinates (0..280). */
/** Waits until the running epoch's progress label says batch `n` or later. */
export async function waitForBatch(page, n) {
  await page.waitForFunction((n) => {
    const label = document.querySelector('label[for="batch-progress"]')?.textContent ?? "";
    return Number(label.match(/batch (\d+) of/)?.[1]) >= n;
  }, n, { timeout: MINUTE });
}

export async function stroke(page, points) {
  await page.locator("#draw-canvas").scrollIntoViewIfNeeded();
  const box = await page.locator("#draw-canvas").boundingBox();
  const at = ([x, y]) => [box.x + (x * box.width) / 280, box.y + (y * box.height) / 280];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (let i = 1; i < points.length; i++) {
    const [[x0, y0], [x1, y1]] = [points[i - 1], points[i]];
    for (let t = 1; t <= 8; t++) await page.mouse.move(...at([x0 + ((x1 - x0) * t) / 8, y0 + ((y1 - y0) * t) / 8]));
  }
  await page.mouse.up();
}

/**
 * Waits for the bars to answer a request newer than `afterRequest` and sent after the last stroke
 * ended (the bars carry a stroke latency only then), so that the answer read is the whole
 * drawing's, not one to the part drawn when a request left mid-stroke; the top class and request.
 */
export async function answer(page, afterRequest = 0) {
  await page.waitForFunction((n) => {
    const bars = document.querySelector("#probabilities");
    return Number(bars?.dataset.request ?? 0) > n && bars.dataset.latencyMs !== undefined;
  }, afterRequest, { timeout: MINUTE });
  const bars = page.locator("#probabilities");
  return { top: Number(await bars.getAttribute("data-top")), request: Number(await bars.getAttribute("data-request")) };
}

/** Retries `check` (a function that asserts) for `ms` milliseconds: yew renders after the event. */
export async function eventually(check, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Gives the page's site a storage quota of what it uses now plus `room` bytes, through
 * Chromium's DevTools protocol: the browser's own quota check then refuses a larger write (an
 * IndexedDB transaction is aborted when it commits, with a QuotaExceededError), as on a full
 * disk. Waits first until the site's usage has settled (the worker stores MNIST in its cache
 * after loading it). Returns a function that lifts the limit.
 */
export async function limitStorage(page, room) {
  const usage = () => page.evaluate(async () => (await navigator.storage.estimate()).usage);
  let settled = await usage();
  for (let tries = 0; tries < 60; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await usage();
    if (now === settled) break;
    settled = now;
  }
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: settled + room });
  return () => cdp.send("Storage.overrideQuotaForOrigin", { origin });
}
