//! Saves text as a file through a Blob URL and a temporary link, the way browsers allow a page
//! to offer a download without a server.

use wasm_bindgen::JsCast;

/// Offers `text` for download as `filename` with the given MIME type.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    offer(filename, mime, &text.into())
}

/// Offers `bytes` for download as `filename` (a kept model, for instance).
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    offer(filename, mime, &js_sys::Uint8Array::from(bytes).into())
}

fn offer(filename: &str, mime: &str, part: &wasm_bindgen::JsValue) -> Result<(), String> {
    let fail = |_| format!("the browser refused to create {filename}");
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    // The click has started the download; the URL is no longer needed.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
