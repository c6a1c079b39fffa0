//! Page ↔ worker messages as structured JavaScript values (serde-wasm-bindgen). JSON would turn
//! a NaN or infinite loss into `null`, which then fails to decode on the other side: a
//! diverging run must reach the page as the number it is. gloo-worker's default (bincode)
//! cannot carry internally tagged enums such as `LayerSpec` and `TrainingEvent`.

use gloo_worker::Codec;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

#[derive(Debug)]
pub struct MessageCodec;

/// u64 values (seeds, byte counts) beyond 2^53 travel as BigInt instead of failing.
fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::new().serialize_large_number_types_as_bigints(true)
}

impl Codec for MessageCodec {
    fn encode<I: Serialize>(input: I) -> JsValue {
        input.serialize(&serializer()).expect("worker messages are plain data")
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        serde_wasm_bindgen::from_value(input).expect("page and worker are built from the same protocol")
    }
}
