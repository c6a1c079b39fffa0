//! Telling the page's other open tabs that something kept in this browser changed, so they read
//! it again: without it, a tab goes on showing (and fine-tuning on) the digits it read when it
//! opened. Through a BroadcastChannel; a browser without one keeps each tab to itself, and a
//! reload shows the other tabs' changes.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "convlab-storage";

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    Digits,
}

impl Change {
    fn word(self) -> &'static str {
        match self {
            Change::Digits => "digits",
        }
    }
}

/// Tells the other tabs (and this tab's listeners: reading again there is harmless).
pub fn announce(change: Change) {
    if let Ok(channel) = BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&change.word().into());
        channel.close();
    }
}

/// Calls `on_change` whenever `change` is announced, until the returned listener is dropped.
pub fn listen(change: Change, on_change: impl Fn() + 'static) -> Option<Listener> {
    let channel = BroadcastChannel::new(CHANNEL).ok()?;
    let listener = EventListener::new(&channel, "message", move |event| {
        let word = event.dyn_ref::<MessageEvent>().and_then(|e| e.data().as_string());
        if word.as_deref() == Some(change.word()) {
            on_change();
        }
    });
    Some(Listener { channel, _listener: listener })
}

pub struct Listener {
    channel: BroadcastChannel,
    _listener: EventListener,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.channel.close();
    }
}
