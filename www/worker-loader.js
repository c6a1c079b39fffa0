// Starts the training worker's wasm. Whatever the wasm cannot report itself — a trap such as an
// out-of-memory abort, or a module that fails to load — is posted on the page's crash channel
// (named in this script's URL), so the page can say so and start a fresh worker.
//
// `?build=threads` starts the CPU worker built with wasm threads instead (the page asks for it
// when it is cross-origin isolated): its rayon pool of Web Workers (www/worker-thread.js) is
// started before the training worker, as nothing may compute before the pool exists.
// `&threads=N` sizes the pool (tests and benchmarks); all the cores by default.
const params = new URL(import.meta.url).searchParams;
const crash = params.get("crash") ?? "convlab-worker-crash";
const channel = new BroadcastChannel(crash);
// After a trap the wasm's state cannot be trusted, and it may hold gigabytes: report, then close
// this worker so its memory is freed; the page starts a fresh one.
const report = (what) => {
  channel.postMessage(String(what));
  self.close();
};

self.addEventListener("error", (event) => report(event.error ?? event.message));
self.addEventListener("unhandledrejection", (event) => report(event.reason));

try {
  if (params.get("build") === "threads") {
    const script = new URL("./pkg/convlab-worker-threads.js", import.meta.url).href;
    const wasm = await import(script);
    await wasm.default();
    const threads = Number(params.get("threads")) || navigator.hardwareConcurrency || 1;
    const thread = new URL(`./worker-thread.js?crash=${encodeURIComponent(crash)}`, import.meta.url).href;
    await wasm.startThreadPool(Math.max(1, Math.min(threads, 64)), thread, script);
    wasm.startTrainingWorker();
  } else {
    const { default: init } = await import("./pkg/convlab-worker.js");
    await init();
  }
} catch (error) {
  report(`its code could not be loaded (${error})`);
}
