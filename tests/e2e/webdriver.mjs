// The WebKit engine for webkit.test.mjs: Debian's WebKitGTK (the engine behind Safari) through its
// WebKitWebDriver, over the W3C WebDriver protocol. Playwright drives only its own patched WebKit,
// which this project never downloads, so this is a small client of its own: a handful of the
// protocol's commands over fetch. The GTK MiniBrowser needs a display: `cargo xtask test` runs
// this engine's file under xvfb-run (a virtual X server).
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { writeFileSync } from "node:fs";

export const DRIVER = process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
export const MINIBROWSER = process.env.WEBKIT_BROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
// The W3C identifier of a WebDriver element reference.
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port nobody listens on now. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts WebKitWebDriver and one MiniBrowser session (a fresh, private profile). Session creation
 * gets a time limit: without a display the MiniBrowser exits and the driver never answers.
 */
export async function openWebKit() {
  const port = await freePort();
  const driver = spawn(DRIVER, [`--port=${port}`], { stdio: ["ignore", "ignore", "pipe"] });
  let driverLog = "";
  driver.stderr.on("data", (chunk) => { driverLog = (driverLog + chunk).slice(-4000); });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body, ms = 60_000) => {
    const response = await fetch(base + path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(ms),
    });
    const reply = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${response.status} ${JSON.stringify(reply.value ?? reply).slice(0, 400)}`);
    return reply.value;
  };
  for (let tries = 0; ; tries++) {
    try {
      await call("GET", "/status", undefined, 1000);
      break;
    } catch (error) {
      if (tries > 50) throw new Error(`WebKitWebDriver did not answer on port ${port}: ${error.message}\n${driverLog}`);
      await pause(200);
    }
  }
  const capabilities = {
    alwaysMatch: { browserName: "MiniBrowser", "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } },
  };
  let id;
  try {
    ({ sessionId: id } = await call("POST", "/session", { capabilities }, 60_000));
  } catch (error) {
    driver.kill();
    throw new Error(`no WebKit session (is there a display? DISPLAY=${process.env.DISPLAY ?? "unset"}): ${error.message}\n${driverLog}`);
  }
  const session = (method, path, body, ms) => call(method, `/session/${id}${path}`, body, ms);
  const find = async (css) => session("POST", "/element", { using: "css selector", value: css });
  return {
    goto: (url) => session("POST", "/url", { url }, 3 * 60_000),
    reload: () => session("POST", "/refresh", {}, 3 * 60_000),
    /** Runs `script` (a function's body; `arguments` holds `args`) in the page; its return value. */
    run: (script, ...args) => session("POST", "/execute/sync", { script, args }),
    /** Waits until an element matching `css` exists (and, with `text`, its text matches). */
    async waitFor(css, { text = null, ms = 60_000 } = {}) {
      const end = Date.now() + ms;
      for (;;) {
        const found = await session("POST", "/execute/sync", {
          script: "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
          args: [css],
        });
        if (found !== null && (text === null || text.test(found))) return found;
        if (Date.now() > end) throw new Error(`${css}${text ? ` with text ${text}` : ""} did not show within ${ms / 1000} s (last: ${JSON.stringify(found)})`);
        await pause(250);
      }
    },
    /** The text of the element matching `css`, or null. */
    text: (css) => session("POST", "/execute/sync", { script: "return document.querySelector(arguments[0])?.textContent ?? null;", args: [css] }),
    async click(css) {
      const element = await find(css);
      await session("POST", `/element/${element[ELEMENT]}/click`, {});
    },
    /** Replaces the value of the input matching `css` with `value`, as typing would. */
    async fill(css, value) {
      const element = await find(css);
      await session("POST", `/element/${element[ELEMENT]}/clear`, {});
      await session("POST", `/element/${element[ELEMENT]}/value`, { text: String(value) });
    },
    /** Draws a polyline with the mouse on the element matching `css`; points in 0..`size` of it. */
    async stroke(css, points, size) {
      const element = await find(css);
      await session("POST", "/execute/sync", { script: "arguments[0].scrollIntoView({ block: 'center' });", args: [element] });
      const rect = await session("GET", `/element/${element[ELEMENT]}/rect`);
      // Pointer moves relative to the element's centre.
      const at = ([x, y]) => ({ x: Math.round(((x - size / 2) * rect.width) / size), y: Math.round(((y - size / 2) * rect.height) / size) });
      const moves = [];
      for (let i = 1; i < points.length; i++) {
        const [[x0, y0], [x1, y1]] = [points[i - 1], points[i]];
        for (let t = 1; t <= 8; t++) moves.push({ type: "pointerMove", duration: 10, origin: element, ...at([x0 + ((x1 - x0) * t) / 8, y0 + ((y1 - y0) * t) / 8]) });
      }
      const actions = [
        { type: "pointerMove", duration: 0, origin: element, ...at(points[0]) },
        { type: "pointerDown", button: 0 },
        ...moves,
        { type: "pointerUp", button: 0 },
      ];
      await session("POST", "/actions", { actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions }] });
    },
    /** Saves a PNG of the window to `path`. */
    async screenshot(path) {
      writeFileSync(path, Buffer.from(await session("GET", "/screenshot"), "base64"));
    },
    async close() {
      await session("DELETE", "", undefined, 20_000).catch(() => {});
      driver.kill();
    },
  };
}
