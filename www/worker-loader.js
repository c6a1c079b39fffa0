// Starts the training worker's wasm. Whatever the wasm cannot report itself — a trap such as an
// out-of-memory abort, or a module that fails to load — is posted on the page's crash channel
// (named in this script's URL), so the page can say so and start a fresh worker.
const channel = new BroadcastChannel(new URL(import.meta.url).searchParams.get("crash") ?? "convlab-worker-crash");
// After a trap the wasm's state cannot be trusted, and it may hold gigabytes: report, then close
// this worker so its memory is freed; the page starts a fresh one.
const report = (what) => {
  channel.postMessage(String(what));
  self.close();
};

self.addEventListener("error", (event) => report(event.error ?? event.message));
self.addEventListener("unhandledrejection", (event) => report(event.reason));

try {
  const { default: init } = await import("./pkg/convlab-worker.js");
  await init();
} catch (error) {
  report(`its code could not be loaded (${error})`);
}
