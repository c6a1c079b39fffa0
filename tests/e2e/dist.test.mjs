// The static site from `cargo xtask dist`, served under a sub-path (/convlab/) as a teacher's
// host would: it loads, answers drawings and trains there; it works offline after one visit;
// and a new deployment replaces the old one whole. `cargo xtask test` assembles two deployments
// (A and B, same wasm, different build ids) in CONVLAB_DIST_DIR and serves its `live` link.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, renameSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { ENGINE, MINUTE, answer, launch, setForm, stroke } from "./browser.mjs";

const DIST_URL = process.env.CONVLAB_DIST_URL;
const DIST_DIR = process.env.CONVLAB_DIST_DIR;
const skip = DIST_URL && DIST_DIR ? false : "needs CONVLAB_DIST_URL and CONVLAB_DIST_DIR (run by `cargo xtask test`)";

const build = (name) => JSON.parse(readFileSync(join(DIST_DIR, name, "build.json"), "utf8"));

/** Points the served `live` link at deployment `name` in one step, as a host swaps folders. */
function deploy(name) {
  const next = join(DIST_DIR, "live.next");
  symlinkSync(name, next);
  renameSync(next, join(DIST_DIR, "live"));
}

/** Opens the site, failing on any response outside /convlab/ or any 4xx/5xx; `requested` logs
 * every URL asked for (by the page, its worker, or served by the service worker). */
async function openSite() {
  const browser = await launch({ webgpu: false });
  const bad = [];
  const requested = [];
  browser.context.on("request", (request) => requested.push(request.url()));
  browser.context.on("response", (response) => {
    const url = new URL(response.url());
    if (url.protocol.startsWith("http") && (!url.pathname.startsWith("/convlab/") || response.status() >= 400)) {
      bad.push(`${response.status()} ${url.pathname}`);
    }
  });
  await browser.page.goto(DIST_URL);
  return { ...browser, bad, requested };
}

/** Draws a vertical stroke and waits for the answer to the whole stroke (not to a part sent
 * mid-stroke, which Firefox once read as a 0): a 1. */
async function drawOne(page) {
  await page.click("#jump-draw");
  await stroke(page, [[140, 42], [140, 238]]);
  assert.equal((await answer(page)).top, 1);
}

async function trainShortRun(page) {
  await setForm(page, { epochs: 1, "train-subset": 320, "validation-subset": 100 });
  await page.click("#train");
  await page.locator("#run-status").filter({ hasText: "Done: 1 epoch, 10 steps." }).waitFor({ timeout: 3 * MINUTE });
}

/** Takes the network away. Chromium is cut off it. Firefox over WebDriver BiDi (Playwright 1.64)
 * ignores setOffline, and its routes do not see the service worker's own fetches, so there the
 * host stops answering instead (a server that answers 404 would be online, and the service worker
 * rightly shows its 404): the page must come from the browser. */
async function goOffline(context) {
  if (ENGINE === "chromium") {
    await context.setOffline(true);
  } else {
    // The served link points nowhere: the server closes every connection unanswered.
    deploy("nowhere");
  }
}

const readyOffline = (page) => page.locator("#offline-status.ready").waitFor({ timeout: 2 * MINUTE });

/** The content-hashed files the page and its training worker loaded since the page was
 * (re)loaded: from the request log (cleared here) and the page's and worker's resource timing. */
async function hashedFilesLoaded(page, requested) {
  const script = () => performance.getEntriesByType("resource").map((entry) => entry.name);
  const workers = page.workers().filter((w) => w.url().includes("worker-loader.js"));
  assert.ok(workers.length > 0, `a training worker among ${page.workers().map((w) => w.url())}`);
  // Firefox (over WebDriver BiDi) also lists workers already closed, and cannot evaluate in them.
  const fromWorkers = await Promise.all(workers.map((w) => w.evaluate(script).catch(() => null)));
  assert.ok(ENGINE === "firefox" || fromWorkers.every((urls) => urls !== null), "every training worker answers");
  const urls = [...requested.splice(0), ...(await page.evaluate(script)), ...fromWorkers.flatMap((urls) => urls ?? [])];
  const names = urls.filter((url) => url.includes("/pkg/")).map((url) => new URL(url).pathname.replace("/convlab/", ""));
  return [...new Set(names)].sort();
}

/** The hashed files a visit is seen loading: all of them in Chromium, whose request log has the
 * service worker's precache too; in Firefox, whose log over BiDi shows no service worker
 * requests, those of the page and its threaded worker (on the isolated site the WebGPU worker's
 * files are only precached). */
const hashedFilesOf = (build) =>
  build.files.filter((file) => file.startsWith("pkg/") && (ENGINE === "chromium" || !/^pkg\/convlab-worker(_bg)?\./.test(file))).sort();

test("the dist site under /convlab/: loads, answers a drawing, trains", { skip }, async () => {
  deploy("a");
  const { context, page, errors, bad, requested } = await openSite();
  try {
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    await drawOne(page);
    await trainShortRun(page);
    const files = await hashedFilesLoaded(page, requested);
    assert.deepEqual(files, hashedFilesOf(build("a")), "the page's and the worker's JS and wasm");
    for (const file of files) assert.match(file, /\.[0-9a-f]{10}\.(js|wasm)$/);
    // The favicon index.html names is served, and stored for offline use with the rest.
    const favicon = await page.request.get(new URL("favicon.ico", DIST_URL).href);
    assert.equal(favicon.status(), 200);
    assert.equal(favicon.headers()["content-type"], "image/x-icon");
    assert.ok(build("a").precache.includes("favicon.ico"), "favicon.ico in the service worker's list");
    assert.deepEqual(bad, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("after one visit the dist site works offline: reload, draw, train", { skip }, async () => {
  deploy("a");
  const { context, page, errors, bad } = await openSite();
  try {
    const dataRequests = [];
    context.on("request", (request) => request.url().includes("/data/") && dataRequests.push(request.url()));
    await readyOffline(page);
    await goOffline(context);
    await page.reload();
    await page.locator("#answering").filter({ hasText: "pre-trained tutorial model" }).waitFor({ timeout: MINUTE });
    await page.locator("#data-shapes").waitFor({ timeout: MINUTE });
    // Offline too the page is cross-origin isolated and its worker computes on every core (the
    // loader's query, which names the threaded build, survives the service worker's copy).
    if (await page.evaluate(() => navigator.hardwareConcurrency > 1)) {
      assert.match(await page.locator("#backend-line").textContent(), /training on the CPU with \d+ threads$/);
    }
    // Really offline, the service worker's own fetches included: a file it does not store fails.
    // (In Firefox the host answers nothing, by construction; there the failed fetch, though
    // caught, is also reported as a page error.)
    if (ENGINE === "chromium") {
      assert.equal(await page.evaluate(() => fetch("./build.json").then((r) => `HTTP ${r.status}`, () => "failed")), "failed");
    }
    await drawOne(page);
    await trainShortRun(page);
    // MNIST was downloaded once, by the worker, into its own cache (not again by the service worker).
    assert.equal(dataRequests.length, 4, dataRequests.join(", "));
    assert.deepEqual(bad, []);
    // The probe of build.json above fails by design.
    assert.deepEqual(errors.filter((e) => e !== "console: Failed to load resource: net::ERR_FAILED"), []);
  } finally {
    await context.close();
  }
});

test("a new deployment replaces the old one whole: after a reload every file is the new build's", { skip }, async () => {
  deploy("a");
  const [a, b] = [build("a"), build("b")];
  assert.notEqual(a.build, b.build);
  const { context, page, errors, bad, requested } = await openSite();
  try {
    await readyOffline(page);
    assert.deepEqual(await hashedFilesLoaded(page, requested), hashedFilesOf(a));
    // Same wasm, so the same wasm names; the JS differs by the deployment's marker.
    assert.notDeepEqual(hashedFilesOf(a), hashedFilesOf(b));

    deploy("b");
    await page.reload();
    await page.locator("#data-shapes").waitFor({ timeout: 2 * MINUTE });
    await readyOffline(page);
    assert.deepEqual(await hashedFilesLoaded(page, requested), hashedFilesOf(b), "after the reload: B's files only");
    // B's service worker keeps only B.
    const caches = await page.evaluate(() => caches.keys());
    assert.ok(caches.some((name) => name.endsWith(`:${b.build}`)), caches.join(", "));
    assert.ok(!caches.some((name) => name.endsWith(`:${a.build}`)), caches.join(", "));
    assert.ok(caches.includes("convlab-mnist-v1"), caches.join(", "));
    // And B is what opens offline.
    await context.setOffline(true);
    await page.reload();
    await page.locator("#data-shapes").waitFor({ timeout: MINUTE });
    // Offline the page may run either worker build (one is loaded, not both): all of it B's.
    const offline = await hashedFilesLoaded(page, requested);
    assert.ok(offline.every((file) => hashedFilesOf(b).includes(file)), `offline: B's files only, not ${offline}`);
    for (const wanted of [/^pkg\/convlab-app_bg\./, /^pkg\/convlab-worker(-threads)?_bg\./]) {
      assert.ok(offline.some((file) => wanted.test(file)), `offline: ${wanted} among ${offline}`);
    }
    assert.deepEqual(bad, []);
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  } finally {
    await context.close();
    deploy("a");
  }
});
