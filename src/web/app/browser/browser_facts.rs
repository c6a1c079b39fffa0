//! The facts `crate::browser_support` words, read from the page's window. Each probe is a
//! presence check that cannot throw out: a browser with storage switched off may throw on
//! `indexedDB` itself.

use crate::browser_support::BrowserFacts;
use js_sys::Reflect;
use wasm_bindgen::JsValue;

pub fn read() -> BrowserFacts {
    let Some(window) = web_sys::window() else {
        return BrowserFacts { isolated: false, shared_memory: false, webgpu_api: false, indexed_db: false, cache_storage: false, service_worker: false };
    };
    let window: JsValue = window.into();
    let has = |object: &JsValue, name: &str| Reflect::get(object, &JsValue::from_str(name)).is_ok_and(|value| !value.is_undefined() && !value.is_null());
    let navigator = Reflect::get(&window, &JsValue::from_str("navigator")).unwrap_or(JsValue::UNDEFINED);
    BrowserFacts {
        isolated: Reflect::get(&window, &JsValue::from_str("crossOriginIsolated")).is_ok_and(|v| v.is_truthy()),
        shared_memory: has(&window, "SharedArrayBuffer"),
        webgpu_api: has(&navigator, "gpu"),
        indexed_db: has(&window, "indexedDB"),
        cache_storage: has(&window, "caches"),
        service_worker: has(&navigator, "serviceWorker"),
    }
}
