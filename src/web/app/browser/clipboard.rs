//! Copying text for the Copy buttons. The Clipboard API is reached by reflection (web-sys'
//! `Clipboard` feature is not enabled); when it is missing or refused, the field's text is
//! selected so Ctrl+C copies it.

use wasm_bindgen::{JsCast, JsValue};

/// Copies `text`; returns false when only the selection of `field_id` could be made.
pub async fn copy(text: &str, field_id: &str) -> bool {
    if write(text).await.is_ok() {
        return true;
    }
    let field = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(field_id));
    if let Some(input) = field.as_ref().and_then(|f| f.dyn_ref::<web_sys::HtmlInputElement>()) {
        input.select();
    } else if let Some(area) = field.as_ref().and_then(|f| f.dyn_ref::<web_sys::HtmlTextAreaElement>()) {
        area.select();
    }
    false
}

async fn write(text: &str) -> Result<(), JsValue> {
    let navigator = web_sys::window().ok_or(JsValue::NULL)?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())?;
    let write_text: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into())?.dyn_into()?;
    let promise: js_sys::Promise = write_text.call1(&clipboard, &text.into())?.dyn_into()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.map(drop)
}
