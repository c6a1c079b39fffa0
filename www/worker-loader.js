// Starts the training worker's wasm. Whatever the wasm cannot report itself — a trap such as an
// out-of-memory abort, or a module that fails to load — is posted on the page's crash channel
// (named in this script's URL), so the page can say so and start a fresh worker.
//
// `?build=threads` starts the CPU worker built with wasm threads instead (the page asks for it
// when it is cross-origin isolated): its rayon pool of Web Workers (www/worker-thread.js) is
// started before the training worker, as nothing may compute before the pool exists.
// `&threads=N` sizes the pool (tests and benchmarks); all the cores by default. `&silent=N` is a
// failure drill (src/web/app/browser/drills.rs): the first N compute threads say nothing; `&hang`
// another: this worker hangs where it would start them.
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

// How long a fresh compute thread may take to run its script at all: a healthy one does so within
// milliseconds, but Firefox now and then never runs a nested Worker's script, and only a fresh
// Worker helps. Such a Worker has not touched the shared memory, so ending it is safe.
const ALIVE_MS = 3000;
const TRIES = 3;
// How long a thread that runs its script may take to instantiate the module on the shared memory.
const RUNNING_MS = 10000;

const late = (ms) => new Promise((resolve) => setTimeout(() => resolve("late"), ms));

/** Starts one compute thread from `url()` (a fresh URL per Worker) with the pool's `start`
 * message; resolves to its Worker once its module runs. Plain JavaScript, not the wasm's async
 * code, so that nothing here waits on the module's own executor. */
async function startThread(url, start) {
  for (let attempt = 0; attempt < TRIES; attempt++) {
    const worker = new Worker(url(), { type: "module" });
    const heard = {};
    const said = (word) => new Promise((resolve) => { heard[word] = () => resolve(word); });
    const [alive, running] = [said("alive"), said("running")];
    const failed = new Promise((_, reject) => worker.addEventListener("error", (event) => reject(new Error(event.message || "its script failed to load"))));
    worker.addEventListener("message", ({ data }) => heard[data]?.());
    worker.postMessage(start);
    if ((await Promise.race([alive, failed, late(ALIVE_MS)])) === "late") {
      worker.terminate();
      continue;
    }
    if ((await Promise.race([running, failed, late(RUNNING_MS)])) === "late") {
      throw new Error(`its module did not run within ${RUNNING_MS / 1000} s`);
    }
    return worker;
  }
  throw new Error(`the browser did not run its script (${TRIES} tries, ${ALIVE_MS / 1000} s each)`);
}

/** Starts the `count` compute threads one after another, lets them block, and makes them the
 * wasm's thread pool. */
async function startThreadPool(wasm, count, script) {
  const start = wasm.threadPoolStart(count, script);
  const thread = new URL(`./worker-thread.js?crash=${encodeURIComponent(crash)}`, import.meta.url).href;
  const silent = Number(params.get("silent")) || 0;
  let created = 0;
  const url = () => (++created <= silent ? `${thread}&silent` : thread);
  // Kept referenced: a Worker object that is collected may take its thread with it.
  self.computeThreads = [];
  for (let number = 1; number <= count; number++) {
    try {
      self.computeThreads.push(await startThread(url, start));
    } catch (error) {
      throw new Error(`compute thread ${number} of ${count} did not start: ${error.message ?? error}`);
    }
  }
  // Only now may the threads block on the pool's handout: Firefox may not start a Worker while
  // a sibling is blocked in a wait. Building the pool waits until each has taken its part.
  for (const worker of self.computeThreads) worker.postMessage("go");
  wasm.buildThreadPool(count);
}

// What was being done when something threw: the page tells a pool that did not start from code
// that did not load (it falls back to the one-core worker for the first).
let stage = "code";
try {
  if (params.get("build") === "threads") {
    const script = new URL("./pkg/convlab-worker-threads.js", import.meta.url).href;
    const wasm = await import(script);
    await wasm.default();
    const threads = Number(params.get("threads")) || navigator.hardwareConcurrency || 1;
    stage = "threads";
    // The page watches the threads' start from here on: creating a nested Worker now and then
    // hangs for good in Firefox, and only the page can then start a fresh worker.
    channel.postMessage("starting compute threads");
    if (params.has("hang")) await new Promise(() => {});
    await startThreadPool(wasm, Math.max(1, Math.min(threads, 64)), script);
    stage = "code";
    wasm.startTrainingWorker();
  } else {
    const { default: init } = await import("./pkg/convlab-worker.js");
    await init();
  }
} catch (error) {
  report(stage === "threads" ? `its compute threads did not start (${error.message ?? error})` : `its code could not be loaded (${error})`);
}
