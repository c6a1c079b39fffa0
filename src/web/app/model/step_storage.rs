//! The course's progress in localStorage, under the key it has had since the first steps, so a
//! reload (or a later visit) continues where the learner was.

use crate::exercise::progress::Progress;

/// localStorage key of the saved progress; never renamed.
const STORAGE_KEY: &str = "convlab.guided-steps";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved progress, or a fresh start.
pub fn load() -> Progress {
    let saved = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    Progress::from_json(saved.as_deref())
}

/// Saves `progress`; false when the browser refuses (storage blocked, private mode, or full):
/// the steps still work for this visit, and the page says so.
pub fn save(progress: &Progress) -> bool {
    storage().is_some_and(|storage| storage.set_item(STORAGE_KEY, &progress.to_json()).is_ok())
}

/// Forgets the saved progress (starting over).
pub fn forget() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}
