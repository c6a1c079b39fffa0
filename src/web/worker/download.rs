//! `fetch` with progress, from inside a worker, through the browser's Cache Storage so that a
//! reload does not download MNIST again.

use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Cache, ReadableStreamDefaultReader, RequestInit, Response, WorkerGlobalScope};

/// Versioned, so a change of data format can start from an empty cache.
const CACHE_NAME: &str = "convlab-mnist-v1";
/// Progress is reported at most this many times per file, so the page is not flooded.
const PROGRESS_STEPS: u64 = 50;

/// How long the pre-trained model's download may receive nothing.
const MODEL_STALL_SECONDS: u32 = 30;

/// Downloads `url` whole (or reads it from the cache), calling `progress(loaded, total)` as bytes
/// arrive. Gives up when nothing arrives for `stall_seconds`. For files that never change, such
/// as MNIST.
pub async fn fetch_cached(url: &str, stall_seconds: u32, mut progress: impl FnMut(u64, Option<u64>)) -> Result<Vec<u8>, String> {
    let cache = open_cache().await;
    if let Some(cache) = &cache {
        if let Ok(hit) = JsFuture::from(cache.match_with_str(url)).await {
            if let Ok(response) = hit.dyn_into::<Response>() {
                return read_body(response, stall_seconds, &mut progress).await;
            }
        }
    }
    let bytes = read_body(fetch(url, stall_seconds).await?, stall_seconds, &mut progress).await?;
    if let Some(cache) = &cache {
        // Stored only once whole: awaiting `put` on a clone of the stream would hold back the
        // progress until the download ends. Failing to cache only costs a download next time.
        // The bytes are copied out of wasm memory first: the threaded worker's memory is a
        // SharedArrayBuffer, which Firefox refuses as a Response body (so every visit
        // downloaded MNIST again there).
        let copy = js_sys::Uint8Array::new_with_length(bytes.len() as u32);
        copy.copy_from(&bytes);
        if let Ok(response) = Response::new_with_opt_buffer_source(Some(&copy)) {
            let _ = JsFuture::from(cache.put_with_str(url, &response)).await;
        }
    }
    Ok(bytes)
}

/// Downloads `url` whole, past the Cache Storage: for files a rebuild may change (the
/// pre-trained model), which the browser's HTTP cache revalidates.
pub async fn fetch_uncached(url: &str) -> Result<Vec<u8>, String> {
    read_body(fetch(url, MODEL_STALL_SECONDS).await?, MODEL_STALL_SECONDS, &mut |_, _| {}).await
}

/// The response's headers, or an error once `stall_seconds` pass without them.
async fn fetch(url: &str, stall_seconds: u32) -> Result<Response, String> {
    let global: WorkerGlobalScope = js_sys::global().unchecked_into();
    let abort = AbortController::new().map_err(describe)?;
    let init = RequestInit::new();
    init.set_signal(Some(&abort.signal()));
    let request = global.fetch_with_str_and_init(url, &init);
    let Some(response) = within(request, stall_seconds).await? else {
        abort.abort();
        return Err(format!("the server sent nothing for {stall_seconds} s"));
    };
    let response: Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("HTTP {} {}", response.status(), response.status_text()));
    }
    Ok(response)
}

/// What `promise` resolves to, or `None` if it takes more than `seconds`.
async fn within(promise: Promise, seconds: u32) -> Result<Option<JsValue>, String> {
    // The timer resolves with a value no browser API returns, so the race tells who won.
    let timeout = JsValue::from(Array::new());
    let timer = {
        let timeout = timeout.clone();
        Promise::new(&mut |resolve, _| {
            let global: WorkerGlobalScope = js_sys::global().unchecked_into();
            let _ = global.set_timeout_with_callback_and_timeout_and_arguments_1(&resolve, seconds.saturating_mul(1000) as i32, &timeout);
        })
    };
    let winner = JsFuture::from(Promise::race(&Array::of2(&promise, &timer))).await.map_err(describe)?;
    Ok((!js_sys::Object::is(&winner, &timeout)).then_some(winner))
}

/// Drops cached files (after they failed to decode), so the next load downloads them afresh.
pub async fn forget(base_url: &str, names: &[&str]) {
    if let Some(cache) = open_cache().await {
        for name in names {
            let _ = JsFuture::from(cache.delete_with_str(&format!("{base_url}{name}"))).await;
        }
    }
}

/// The cache, where the browser offers one (secure contexts only).
async fn open_cache() -> Option<Cache> {
    let global: WorkerGlobalScope = js_sys::global().unchecked_into();
    let storage = global.caches().ok()?;
    JsFuture::from(storage.open(CACHE_NAME)).await.ok()?.dyn_into().ok()
}

async fn read_body(response: Response, stall_seconds: u32, progress: &mut impl FnMut(u64, Option<u64>)) -> Result<Vec<u8>, String> {
    let total = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<u64>().ok());
    let body = response.body().ok_or("the response has no body")?;
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::with_capacity(total.unwrap_or(0) as usize);
    let step = total.map_or(1 << 20, |t| (t / PROGRESS_STEPS).max(1));
    let mut next_report = 0;
    loop {
        let Some(chunk) = within(reader.read(), stall_seconds).await? else {
            let _ = reader.cancel();
            return Err(format!("the download stalled: no data for {stall_seconds} s after {:.1} MB", bytes.len() as f64 / 1e6));
        };
        if Reflect::get(&chunk, &"done".into()).map_err(describe)?.is_truthy() {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into()).map_err(describe)?.unchecked_into();
        let start = bytes.len();
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
        if bytes.len() as u64 >= next_report {
            progress(bytes.len() as u64, total);
            next_report = bytes.len() as u64 + step;
        }
    }
    progress(bytes.len() as u64, total);
    Ok(bytes)
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
