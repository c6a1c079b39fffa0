// ConvLab's service worker: keeps one build of the site in Cache Storage so it opens offline.
// Registered by app-loader.js only in a `cargo xtask dist` build, which writes this build's id
// and exact file list below (the development server's dist/ keeps "dev" and never registers it).
//
// - install: stores every file of this build in its own cache, then takes over at once.
// - activate: deletes the caches of other builds of this site (same scope), so no old wasm is
//   ever paired with a new page.
// - fetch: content-hashed files (pkg/) come from this build's cache; everything else (the page,
//   its loaders, the model) from the network, or from the cache when the network fails. MNIST
//   (data/) is left alone: the training worker keeps it in its own cache, convlab-mnist-v1.
const BUILD = "dev";
const PRECACHE = [];

const SCOPE = new URL("./", self.location).pathname;
const CACHE_PREFIX = `convlab-shell:${SCOPE}:`;
const CACHE = CACHE_PREFIX + BUILD;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Past the HTTP cache, so what is stored is this deployment's files.
    await cache.addAll(PRECACHE.map((path) => new Request(path, { cache: "reload" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;
  const path = url.pathname.slice(SCOPE.length);
  if (path.startsWith("data/")) return;
  event.respondWith(path.startsWith("pkg/") ? cacheFirst(request) : networkFirst(request));
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request)) ?? fetch(request);
}

async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const cache = await caches.open(CACHE);
    // Links carry a query (?panic_after…) or the worker's crash channel (?crash=…).
    const stored = (await cache.match(request, { ignoreSearch: true }))
      ?? (request.mode === "navigate" ? await cache.match("./") : undefined);
    // A stored response keeps the URL it was stored under, without this request's query. A
    // script reads its own query from that URL (the worker loader's `?crash=…&build=threads`),
    // so it gets a copy with no URL of its own, which then has the URL that was asked for.
    if (stored && new URL(request.url).search && request.mode !== "navigate") return new Response(stored.body, stored);
    if (stored) return stored;
    throw offline;
  }
}
