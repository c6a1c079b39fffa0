//! A panic in the worker must reach the page, which cannot see the worker's console: the panic
//! hook posts its message on a BroadcastChannel that the page listens to. gloo-worker's own
//! channel cannot be used, since a panicked worker can no longer run its message loop.

use js_sys::{Array, Function, Reflect};
use std::sync::Mutex;
use wasm_bindgen::{JsCast, JsValue};

/// The page's channel name, unique per page so other tabs do not hear this worker. One for all
/// threads: in the threaded worker a compute thread's panic must be reported too.
static CHANNEL: Mutex<Option<String>> = Mutex::new(None);

/// Names the channel the page listens on (sent with `ToWorker::Start`).
pub fn set_channel(name: String) {
    *CHANNEL.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(name);
}

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let _ = post(&describe(info));
    }));
}

/// The panic's message, then where it happened: the page shows it to the learner.
fn describe(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    match info.location() {
        Some(at) => format!("{message} (at {}:{})", at.file(), at.line()),
        None => message,
    }
}

fn post(message: &str) -> Option<()> {
    let name = CHANNEL.lock().ok()?.clone()?;
    let constructor: Function = Reflect::get(&js_sys::global(), &"BroadcastChannel".into()).ok()?.dyn_into().ok()?;
    let channel = Reflect::construct(&constructor, &Array::of1(&name.into())).ok()?;
    let post: Function = Reflect::get(&channel, &"postMessage".into()).ok()?.dyn_into().ok()?;
    post.call1(&channel, &JsValue::from_str(message)).ok()?;
    Some(())
}
