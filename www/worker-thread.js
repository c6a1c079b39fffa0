// One thread of the threaded training worker's compute pool (src/web/thread_pool.rs): it
// instantiates the worker's wasm on the worker's shared memory, says so, then runs one rayon
// thread for good. A trap here is reported on the page's crash channel (in this script's URL):
// the worker waiting for this thread would wait forever, so the page must replace it.
const channel = new BroadcastChannel(new URL(import.meta.url).searchParams.get("crash") ?? "convlab-worker-crash");
const report = (what) => {
  channel.postMessage(`a compute thread stopped: ${what}`);
  self.close();
};

self.addEventListener("error", (event) => report(event.error ?? event.message));
self.addEventListener("unhandledrejection", (event) => report(event.reason));

// `?silent` is a failure drill (src/web/app/browser/drills.rs): this thread says nothing at all,
// as a Worker whose script never runs.
const silent = new URL(import.meta.url).searchParams.has("silent");

// The first word: this script runs. A thread that does not say it soon is replaced
// (startThread in worker-loader.js): a nested Worker's script may never run.
if (!silent) postMessage("alive");

if (!silent) self.addEventListener("message", async ({ data }) => {
  let wasm;
  try {
    wasm = await import(data.script);
    await wasm.default({ module_or_path: data.module, memory: data.memory });
  } catch (error) {
    report(`its code could not be loaded (${error})`);
    return;
  }
  postMessage("running");
  // Entering the pool blocks this thread for good. It waits for the word that every thread runs:
  // Firefox sometimes never starts a Worker while a sibling is blocked.
  self.addEventListener("message", () => wasm.runPoolThread(data.handout), { once: true });
}, { once: true });
