//! Telling the page's other open tabs that something kept in this browser changed, so they read
//! it again: without it, a tab goes on showing (and fine-tuning on) the digits it read when it
//! opened. Through a BroadcastChannel; a browser without one keeps each tab to itself, and a
//! reload shows the other tabs' changes.
//!
//! One channel per tab, for sending and listening alike: a channel does not receive its own
//! messages, so a tab is not told of (and does not read the store again for) its own changes.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "convlab-storage";

thread_local! {
    static TAB: Option<BroadcastChannel> = BroadcastChannel::new(CHANNEL).ok();
}

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    Digits,
    /// A run was recorded or deleted, or a run's model kept.
    Runs,
}

impl Change {
    fn word(self) -> &'static str {
        match self {
            Change::Digits => "digits",
            Change::Runs => "runs",
        }
    }
}

/// Tells the other tabs.
pub fn announce(change: Change) {
    TAB.with(|tab| {
        if let Some(channel) = tab {
            let _ = channel.post_message(&change.word().into());
        }
    });
}

/// Calls `on_change` whenever another tab announces `change`, until the listener is dropped.
pub fn listen(change: Change, on_change: impl Fn() + 'static) -> Option<EventListener> {
    TAB.with(|tab| {
        let channel = tab.as_ref()?;
        Some(EventListener::new(channel, "message", move |event| {
            let word = event.dyn_ref::<MessageEvent>().and_then(|e| e.data().as_string());
            if word.as_deref() == Some(change.word()) {
                on_change();
            }
        }))
    })
}
