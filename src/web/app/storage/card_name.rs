//! The name a learner types on their result cards, remembered in localStorage so it is typed
//! once (a class's computers are shared: Start over forgets it).

const KEY: &str = "convlab.card-name";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The name typed last, or nothing.
pub fn remembered() -> String {
    storage().and_then(|s| s.get_item(KEY).ok().flatten()).unwrap_or_default()
}

/// Remembers `name`; a refusing storage only means typing it again next time.
pub fn remember(name: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, name);
    }
}

/// Forgets the name (starting over).
pub fn forget() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEY);
    }
}
