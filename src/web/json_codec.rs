//! Page ↔ worker messages as JSON strings. gloo-worker's default (bincode) cannot carry
//! internally tagged enums such as `LayerSpec` and `TrainingEvent`.

use gloo_worker::Codec;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

#[derive(Debug)]
pub struct Json;

impl Codec for Json {
    fn encode<I: Serialize>(input: I) -> JsValue {
        JsValue::from_str(&serde_json::to_string(&input).expect("worker messages are plain data"))
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let text = input.as_string().expect("worker messages are JSON strings");
        serde_json::from_str(&text).expect("page and worker are built from the same protocol")
    }
}
