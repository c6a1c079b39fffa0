//! Which kept run's model answers drawings, remembered in localStorage: the learner chose it
//! ("Use for drawing") or it is the run they just trained. After a reload the page gives that
//! model back to the worker instead of letting the pre-trained one silently take over.

/// localStorage key of the run id.
const KEY: &str = "convlab.answering-run";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Remembers run `run`'s model as the one answering, or forgets (`None`: a model the page cannot
/// give back after a reload answers now, such as a loaded file). Storage that refuses (private
/// mode, blocked) only means the pre-trained model answers after a reload, as before.
pub fn remember(run: Option<u32>) {
    if let Some(storage) = storage() {
        let _ = match run {
            Some(id) => storage.set_item(KEY, &id.to_string()),
            None => storage.remove_item(KEY),
        };
    }
}

/// The run whose model answered before the reload, if one was remembered.
pub fn remembered() -> Option<u32> {
    storage()?.get_item(KEY).ok().flatten()?.parse().ok()
}

/// The name the worker gives run `id`'s model when it answers.
pub fn model_name(id: u32) -> String {
    format!("your run {id}'s model")
}
