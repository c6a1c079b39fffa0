//! Asks the browser for a WebGPU adapter, names it, and starts burn's WebGPU runtime on it.
//! `navigator.gpu` is read through reflection: web-sys's WebGPU bindings are unstable APIs.

use crate::backend_choice::{WebGpuProbe, is_software_adapter};
use burn::prelude::Device;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The probe's result, and burn's WebGPU device when it could be initialised.
pub async fn probe() -> (WebGpuProbe, Option<Device>) {
    let Some(gpu) = get(&js_sys::global(), "navigator").and_then(|n| get(&n, "gpu")) else {
        return (WebGpuProbe::Unsupported, None);
    };
    let Some(adapter) = request_adapter(&gpu).await else {
        return (WebGpuProbe::NoAdapter, None);
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

    let (burn_ready, device) = match Device::wgpu_options().init_async().await {
        Ok(device) => (Ok(()), Some(device)),
        Err(error) => (Err(error.to_string()), None),
    };
    (WebGpuProbe::Adapter { name, software, burn_ready }, device)
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
