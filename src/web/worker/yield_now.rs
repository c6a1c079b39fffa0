//! Gives the worker's event loop a turn, so messages such as Stop are received between batches.
//! On the CPU backend a training step never awaits anything real; without this, the whole run
//! would be one uninterrupted task. A MessageChannel round trip is used because setTimeout is
//! clamped to ≥ 4 ms once nested.

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::MessageChannel;

pub async fn yield_now() {
    let promise = Promise::new(&mut |resolve, _reject| {
        let channel = MessageChannel::new().expect("MessageChannel exists in workers");
        channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
        channel.port2().post_message(&JsValue::NULL).expect("posting to our own port");
    });
    let _ = JsFuture::from(promise).await;
}
