//! Below the runs table: load a `.convlab` model file to answer drawings, and how much storage
//! the kept models use. The worker validates a loaded file; a bad one is refused with a message
//! and the model answering before goes on answering. Nothing stored changes.

use crate::web::app::storage::answering_choice;
use crate::wording::{agree, count};
use crate::web::app::worker_bridge::context::use_worker;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::exercise::answer::grouped;
use crate::model::limits::MAX_MODEL_FILE_BYTES as MAX_FILE_BYTES;
use crate::protocol::ToWorker;

/// The first bytes of a ConvLab model file (see `model::weights`).
const MODEL_MAGIC: &[u8] = b"CONVLABW";

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Kept models and their total size in bytes.
    pub kept: usize,
    pub kept_bytes: u64,
    pub on_problem: Callback<String>,
}

#[function_component]
pub fn ModelFiles(props: &Props) -> Html {
    let worker = use_worker();
    let estimate = use_state(|| None::<(f64, f64)>);
    {
        let estimate = estimate.clone();
        use_effect_with(props.kept_bytes, move |_| {
            spawn_local(async move { estimate.set(storage_estimate().await) });
        });
    }
    let on_change = {
        let (on_worker, on_problem) = (worker.send.clone(), props.on_problem.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            let (on_worker, on_problem) = (on_worker.clone(), on_problem.clone());
            spawn_local(async move {
                let name = file.name();
                // Checked before reading: a file too large for any model would cost its size
                // in memory twice (page and worker) only to be refused.
                if file.size() > MAX_FILE_BYTES as f64 {
                    return on_problem.emit(format!(
                        "{name} is {:.1} MB: larger than any ConvLab model file ({:.1} MB at most, for the largest model the builder allows). Nothing was changed; the model that answered before still answers.",
                        file.size() / 1e6, MAX_FILE_BYTES as f64 / 1e6
                    ));
                }
                let bytes = match JsFuture::from(file.array_buffer()).await {
                    Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                    Err(_) => return on_problem.emit(format!("The file {name} could not be read.")),
                };
                if !bytes.starts_with(MODEL_MAGIC) {
                    return on_problem.emit(format!(
                        "{name} is not a ConvLab model file (they start with CONVLABW; a .convlab file from \"Download model\" does). Nothing was changed; the model that answered before still answers."
                    ));
                }
                // A file cannot be given back after a reload: the pre-trained model answers then.
                answering_choice::remember(None);
                on_worker.emit(ToWorker::UseModel { name: format!("the model from {name}"), file: bytes });
            });
        })
    };
    let used = match *estimate {
        Some((usage, quota)) => format!("; this site uses {} of the {} the browser allows", size(usage), size(quota)),
        None => String::new(),
    };
    html! {
        <div class="model-files">
            <p class="note" id="kept-storage">{ format!(
                "{} {} {}{used}. Deleting a run deletes its model.",
                count(props.kept, "kept model"), agree(props.kept, "uses", "use"), size(props.kept_bytes as f64)
            ) }</p>
            <label for="model-file">{ "Load a model file (.convlab) to answer drawings: " }</label>
            <input type="file" id="model-file" accept=".convlab,application/octet-stream" onchange={on_change} />
        </div>
    }
}

fn size(bytes: f64) -> String {
    if bytes >= 1e6 { format!("{:.1} MB", bytes / 1e6) } else { format!("{} KB", grouped((bytes / 1e3).round() as usize)) }
}

/// `navigator.storage.estimate()`, when the browser has it: (usage, quota) in bytes.
async fn storage_estimate() -> Option<(f64, f64)> {
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &"storage".into()).ok().filter(|s| !s.is_undefined())?;
    let estimate: js_sys::Function = js_sys::Reflect::get(&storage, &"estimate".into()).ok()?.dyn_into().ok()?;
    let promise: js_sys::Promise = estimate.call0(&storage).ok()?.dyn_into().ok()?;
    let result = JsFuture::from(promise).await.ok()?;
    let number = |key: &str| js_sys::Reflect::get(&result, &key.into()).ok()?.as_f64();
    Some((number("usage")?, number("quota")?))
}
