//! Browser helpers shared by the apps: moving focus after the page changes (so keyboard and
//! screen-reader users land on what changed; called from `request_animation_frame`, by then
//! Leptos has rendered the change), and random ids from Web Crypto.

use leptos::prelude::{document, window};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

pub fn focus(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        let _ = element.unchecked_into::<HtmlElement>().focus();
    }
}

/// Scrolls back to the top, so a new step starts with its progress text in sight, and focuses `id`.
pub fn focus_from_top(id: &str) {
    window().scroll_to_with_x_and_y(0.0, 0.0);
    focus(id);
}

/// Focuses the first input inside the element `id` (a question's fieldset).
pub fn focus_first_input(id: &str) {
    let input = document().get_element_by_id(id).and_then(|e| e.query_selector("input, textarea").ok().flatten());
    if let Some(input) = input {
        let _ = input.unchecked_into::<HtmlElement>().focus();
    }
}

/// A fresh random (v4) id: for one filled form (made once and reused by every retry, so that a
/// retry after a lost reply cannot count the answers twice), or for the device.
pub fn random_uuid() -> uuid::Uuid {
    let mut bytes = [0u8; 16];
    window()
        .crypto()
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes))
        .expect("Web Crypto is available wherever wasm runs");
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}
