//! Asks the browser for a WebGPU adapter and names it; both worker builds ask, the one with
//! WebGPU then starts burn's runtime on it (webgpu.rs). `navigator.gpu` is read through
//! reflection: web-sys's WebGPU bindings are unstable APIs.

use crate::backend_choice::is_software_adapter;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What `navigator.gpu.requestAdapter()` gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Adapter {
    /// `navigator.gpu` is absent: no WebGPU in this browser (or it is disabled).
    Unsupported,
    /// WebGPU exists but found no adapter.
    NoAdapter,
    /// An adapter by name; `software` when it is an emulation on the CPU.
    Found { name: String, software: bool },
}

/// Asks for the default adapter.
pub async fn probe() -> Adapter {
    let Some(gpu) = get(&js_sys::global(), "navigator").and_then(|n| get(&n, "gpu")) else {
        return Adapter::Unsupported;
    };
    let Some(adapter) = request_adapter(&gpu).await else {
        return Adapter::NoAdapter;
    };
    let info = get(&adapter, "info");
    let text = |key: &str| info.as_ref().and_then(|i| get(i, key)).and_then(|v| v.as_string()).unwrap_or_default();
    let name = [text("vendor"), text("architecture"), text("description")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let name = if name.is_empty() { "unnamed adapter".to_string() } else { name };
    let fallback = [info.as_ref().and_then(|i| get(i, "isFallbackAdapter")), get(&adapter, "isFallbackAdapter")]
        .into_iter()
        .flatten()
        .any(|v| v.is_truthy());
    let software = is_software_adapter(&name, fallback);
    Adapter::Found { name, software }
}

async fn request_adapter(gpu: &JsValue) -> Option<JsValue> {
    let request: Function = get(gpu, "requestAdapter")?.dyn_into().ok()?;
    let promise: Promise = request.call0(gpu).ok()?.dyn_into().ok()?;
    let adapter = JsFuture::from(promise).await.ok()?;
    (!adapter.is_null() && !adapter.is_undefined()).then_some(adapter)
}

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}
