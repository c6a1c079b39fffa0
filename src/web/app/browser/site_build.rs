//! How far `cargo xtask run` has got with the site it serves. It serves the page before its
//! slowest build, the worker that trains on WebGPU, is done; `www/app-loader.js` reads the
//! server's building.json into `window.convlabBuilding` (`{ state }`) before the page starts and
//! fires `convlab-building` when that changes. A dist build never sets it: the site is whole.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteBuild {
    /// Every worker is there (any hosted site, and the development server once it is done).
    Complete,
    /// The WebGPU worker is still being built.
    WebGpuWorkerBuilding,
    /// Its build failed: the development server's terminal says why.
    WebGpuWorkerFailed,
}

impl SiteBuild {
    pub fn now() -> Self {
        let state = web_sys::window()
            .and_then(|window| Reflect::get(&window, &JsValue::from_str("convlabBuilding")).ok())
            .filter(JsValue::is_object)
            .and_then(|status| Reflect::get(&status, &JsValue::from_str("state")).ok())
            .and_then(|state| state.as_string());
        match state.as_deref() {
            Some("building") => Self::WebGpuWorkerBuilding,
            Some("failed") => Self::WebGpuWorkerFailed,
            _ => Self::Complete,
        }
    }

    /// The worker that can use WebGPU cannot be started (its files are not there yet).
    pub fn webgpu_worker_missing(self) -> bool {
        self != Self::Complete
    }
}
