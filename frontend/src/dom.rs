//! Moving focus after the page changes, so keyboard and screen-reader users land on what changed.
//! Called from `request_animation_frame`: by then Leptos has rendered the change.

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
