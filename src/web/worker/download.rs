//! `fetch` with progress, from inside a worker, through the browser's Cache Storage so that a
//! reload does not download MNIST again.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, ReadableStreamDefaultReader, Response, WorkerGlobalScope};

/// Versioned, so a change of data format can start from an empty cache.
const CACHE_NAME: &str = "convlab-mnist-v1";
/// Progress is reported at most this many times per file, so the page is not flooded.
const PROGRESS_STEPS: u64 = 50;

/// Downloads `url` whole (or reads it from the cache), calling `progress(loaded, total)`. For
/// files that never change, such as MNIST.
pub async fn fetch_cached(url: &str, mut progress: impl FnMut(u64, Option<u64>)) -> Result<Vec<u8>, String> {
    let cache = open_cache().await;
    if let Some(cache) = &cache {
        if let Ok(hit) = JsFuture::from(cache.match_with_str(url)).await {
            if let Ok(response) = hit.dyn_into::<Response>() {
                return read_body(response, &mut progress).await;
            }
        }
    }
    let response = fetch(url).await?;
    if let Some(cache) = &cache {
        // The cache gets its own copy of the stream; failing to cache only costs a download.
        if let Ok(copy) = response.clone() {
            let _ = JsFuture::from(cache.put_with_str(url, &copy)).await;
        }
    }
    read_body(response, &mut progress).await
}

/// Downloads `url` whole, past the Cache Storage: for files a rebuild may change (the
/// pre-trained model), which the browser's HTTP cache revalidates.
pub async fn fetch_uncached(url: &str) -> Result<Vec<u8>, String> {
    read_body(fetch(url).await?, &mut |_, _| {}).await
}

async fn fetch(url: &str) -> Result<Response, String> {
    let global: WorkerGlobalScope = js_sys::global().unchecked_into();
    let response: Response = JsFuture::from(global.fetch_with_str(url)).await.map_err(describe)?.unchecked_into();
    if !response.ok() {
        return Err(format!("HTTP {} {}", response.status(), response.status_text()));
    }
    Ok(response)
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

async fn read_body(response: Response, progress: &mut impl FnMut(u64, Option<u64>)) -> Result<Vec<u8>, String> {
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
        let chunk = JsFuture::from(reader.read()).await.map_err(describe)?;
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
