//! Hears the worker's panic reports (see `web::worker` panic hook) on a BroadcastChannel whose
//! name is unique to this page. Reached through reflection: no web-sys binding is needed for two
//! calls.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Keeps the channel open and its handler alive; dropping it stops listening.
pub struct CrashListener {
    channel: JsValue,
    _handler: Closure<dyn FnMut(JsValue)>,
}

impl CrashListener {
    pub fn new(name: &str, on_crash: impl Fn(String) + 'static) -> Option<Self> {
        let constructor: Function = Reflect::get(&js_sys::global(), &"BroadcastChannel".into()).ok()?.dyn_into().ok()?;
        let channel = Reflect::construct(&constructor, &Array::of1(&name.into())).ok()?;
        let handler = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let data = Reflect::get(&event, &"data".into()).ok().and_then(|d| d.as_string());
            on_crash(data.unwrap_or_else(|| "unknown panic".into()));
        });
        Reflect::set(&channel, &"onmessage".into(), handler.as_ref()).ok()?;
        Some(Self { channel, _handler: handler })
    }
}

impl Drop for CrashListener {
    fn drop(&mut self) {
        if let Ok(close) = Reflect::get(&self.channel, &"close".into()).and_then(|f| f.dyn_into::<Function>().map_err(JsValue::from)) {
            let _ = close.call0(&self.channel);
        }
    }
}

/// A channel name no other page uses.
pub fn unique_name() -> String {
    format!("convlab-worker-panic-{}", js_sys::Math::random().to_bits())
}
