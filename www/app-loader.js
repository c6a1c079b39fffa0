// Starts the page's wasm. A file rather than an inline <script>, so the Content-Security-Policy
// (xtask/src/serve.rs) allows scripts from the site only, without 'unsafe-inline'.
// `cargo xtask dist` rewrites the import to the content-hashed file and BUILD to the build's id.
import init from "./pkg/convlab-app.js";

const BUILD = "dev";

// `cargo xtask run` serves the page before its slowest build, the worker that trains on WebGPU,
// is done: the development server's building.json says {"webgpu_worker": "building"}, then
// "ready" or "failed" (a dist build has no such file, and does not ask). Read before the page
// starts, as the page picks its worker from it (window.convlabBuilding, shown by the page's
// build line), then watched until the build ends.
const sayBuild = (state) => {
  window.convlabBuilding = { state };
  window.dispatchEvent(new Event("convlab-building"));
};
async function buildState() {
  const response = await fetch("./building.json", { cache: "no-store" });
  if (!response.ok) return "ready";
  const state = (await response.json()).webgpu_worker;
  return ["building", "failed"].includes(state) ? state : "ready";
}
async function watchBuild() {
  try {
    const first = await buildState();
    if (first === "ready") return;
    sayBuild(first);
    if (first === "failed") return;
    const poll = async () => {
      const state = await buildState().catch(() => "building");
      if (state === "building") setTimeout(poll, 5000);
      else sayBuild(state);
    };
    setTimeout(poll, 5000);
  } catch {
    // No answer about the build: the page starts as a finished site would.
  }
}
if (BUILD === "dev") await watchBuild();

init().then(() => document.getElementById("loading")?.remove()).catch((error) => {
  document.getElementById("loading").textContent = `ConvLab could not start: ${error}`;
});

// Offline use: a dist build registers sw.js and says (in window.convlabOffline, shown by the
// page's offline line) when this build and MNIST are stored. The development server's build
// ("dev") removes a service worker left by a dist build on the same address instead.
const SCOPE = new URL("./", import.meta.url).pathname;
const SHELL_CACHE = `convlab-shell:${SCOPE}:${BUILD}`;
const MNIST_CACHE = "convlab-mnist-v1";
const MNIST_FILES = 4;

function say(state, text) {
  window.convlabOffline = { state, text };
  window.dispatchEvent(new Event("convlab-offline"));
}

async function forgetServiceWorker() {
  const registration = await navigator.serviceWorker.getRegistration(SCOPE);
  if (!registration) return;
  await registration.unregister();
  for (const name of await caches.keys()) {
    if (name.startsWith(`convlab-shell:${SCOPE}:`)) await caches.delete(name);
  }
}

/** Whether this build's files and the four MNIST files are all stored. */
async function storedOffline(registration) {
  // Activated: it has deleted older builds' caches and taken control of this page.
  const active = registration.active;
  if (!active || active.state !== "activated" || registration.installing || registration.waiting) return false;
  if (!navigator.serviceWorker.controller || !(await caches.has(SHELL_CACHE))) return false;
  const data = new URL("./data/", import.meta.url).href;
  const keys = await (await caches.open(MNIST_CACHE)).keys();
  return keys.filter((request) => request.url.startsWith(data)).length >= MNIST_FILES;
}

async function offline() {
  if (!("serviceWorker" in navigator) || !("caches" in window)) {
    const why = window.isSecureContext ? "this browser cannot keep it" : "that needs HTTPS";
    if (BUILD !== "dev") say("unsupported", `ConvLab is not stored for offline use: ${why}.`);
    return;
  }
  if (BUILD === "dev") return forgetServiceWorker();
  say("saving", "Saving ConvLab for offline use…");
  const registration = await navigator.serviceWorker.register("./sw.js", { scope: "./" });
  // A service worker of a newer build that takes over while this page is open has deleted this
  // build's files: this page keeps running, and a reload opens the new version.
  navigator.serviceWorker.addEventListener("controllerchange", () => check());
  let timer;
  let stored = false;
  async function check() {
    clearTimeout(timer);
    if (stored && !(await caches.has(SHELL_CACHE))) {
      say("update", "A new version of ConvLab is installed: reload the page to use it.");
    } else if (await storedOffline(registration)) {
      stored = true;
      say("ready", "Ready offline: this page, the pre-trained model and MNIST are stored in your browser.");
    } else {
      timer = setTimeout(check, 1000);
    }
  }
  check();
}

offline().catch((error) => say("failed", `ConvLab could not be stored for offline use (${error}).`));
