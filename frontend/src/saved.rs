//! What the device keeps between visits, in `localStorage`: the language, drafts, the outbox,
//! receipts of answers given here, the device token, kiosk mode and the display choice.
//!
//! Storage can be refused (private browsing, a full disk): then every read finds nothing and
//! every write is dropped, and the page still works for this visit.

use leptos::prelude::window;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// A stored value that no longer reads (an older shape) counts as absent.
pub fn get_json<T: DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_str(&get(key)?).ok()
}

pub fn set_json<T: Serialize>(key: &str, value: &T) {
    if let Ok(text) = serde_json::to_string(value) {
        set(key, &text);
    }
}
