// Launches Debian's Chromium (never a downloaded one) with the flags this machine needs, and
// opens ConvLab in a fresh profile. Page errors are collected so a test can fail on them.
import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const APP_URL = process.env.CONVLAB_URL ?? "http://127.0.0.1:8080/";
const EXECUTABLE = process.env.CHROMIUM ?? "/usr/bin/chromium";

const QUIET_FLAGS = [
  "--no-sandbox",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Starts Chromium; `webgpu: false` leaves WebGPU off, as in a browser without it. */
export async function launch({ webgpu = true } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "convlab-chromium-"));
  const args = [...QUIET_FLAGS, ...(webgpu ? ["--enable-unsafe-webgpu"] : ["--disable-webgpu"])];
  // launchPersistentContext is how a fresh --user-data-dir is given to Playwright.
  const context = await chromium.launchPersistentContext(profile, { executablePath: EXECUTABLE, headless: true, args });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("worker", (worker) => worker.on("console", (m) => m.type() === "error" && errors.push(`worker: ${m.text()}`)));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  return { context, page, errors };
}

export const MINUTE = 60_000;

/**
 * Launches Chromium and opens ConvLab at `path` (e.g. "?panic_after=3" or "#model=…"), waiting
 * for `ready` (a locator) to show: by default the decoded data.
 */
export async function openApp({ webgpu = false, path = "", ready = (page) => page.locator("#data-shapes") } = {}) {
  const browser = await launch({ webgpu });
  await browser.page.goto(APP_URL + path);
  await ready(browser.page).waitFor({ timeout: 2 * MINUTE });
  return browser;
}

/** Types each value into the input with that id. */
export async function setForm(page, values) {
  for (const [id, value] of Object.entries(values)) await page.fill(`#${id}`, String(value));
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
