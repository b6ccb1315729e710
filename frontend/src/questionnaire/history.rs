//! Each section of the questionnaire is an entry of the browser's history, so that the phone's
//! Back button goes to the previous section instead of leaving the form.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

#[derive(Clone, Copy)]
pub struct SectionHistory;

impl SectionHistory {
    /// Makes the entries up to `here` (a draft resumed at its third section can still go back
    /// to the first) unless the page is on its entry already (a reload), and calls `show` with
    /// the section of each entry the browser moves to.
    pub fn start(here: usize, show: impl Fn(usize) + 'static) -> SectionHistory {
        if let Ok(history) = window().history() {
            let on_entry = history.state().ok().and_then(|s| s.as_f64()) == Some(here as f64);
            if !on_entry {
                let _ = history.replace_state(&JsValue::from(0), "");
                (1..=here).for_each(|section| SectionHistory.push(section));
            }
        }
        let listener = window_event_listener(leptos::ev::popstate, move |ev| {
            if let Some(section) = ev.state().as_f64() {
                show(section as usize);
            }
        });
        on_cleanup(move || listener.remove());
        SectionHistory
    }

    pub fn push(self, section: usize) {
        if let Ok(history) = window().history() {
            let _ = history.push_state(&JsValue::from(section as u32), "");
        }
    }

    pub fn back(self) {
        if let Ok(history) = window().history() {
            let _ = history.back();
        }
    }
}
