//! Kiosk mode, for a tablet shared by many respondents at a counter. Staff open the form once
//! with `?kiosk=1` (and `?kiosk=0` to end it); the device remembers. In kiosk mode a unit takes
//! any number of answers, and the form starts afresh after each receipt and after inactivity
//! (with a warning first), so no one sees the previous person's answers. Links do not leave the
//! form (a respondent could otherwise walk off it and leave a receipt on screen), and a badge
//! tells staff the mode is on.

use crate::i18n::use_i18n;
use crate::route::query_param;
use crate::saved;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

const KEY: &str = "hailong.kiosk";
/// Long enough to note the receipt code, short enough that the next person finds a fresh form.
pub const RESET_AFTER_RECEIPT: Duration = Duration::from_secs(20);
/// A form left half answered this long was abandoned.
const IDLE: Duration = Duration::from_secs(120);
/// How long before the reset the warning shows.
const WARN_BEFORE: Duration = Duration::from_secs(20);
const TICK: Duration = Duration::from_secs(10);

/// Whether this device is a kiosk, after applying a `kiosk` switch in the link.
pub fn is_kiosk(query: &str) -> bool {
    match query_param(query, "kiosk") {
        Some("1") => saved::set(KEY, "1"),
        Some("0") => saved::remove(KEY),
        _ => {}
    }
    saved::get(KEY).is_some()
}

/// Calls `reset` when nobody has touched the page for a while, and keeps links from leaving the
/// form. Returns whether the idle warning is due.
pub fn reset_when_idle(reset: impl Fn() + 'static) -> RwSignal<bool> {
    let quiet = RwSignal::new(Duration::ZERO);
    for event in ["pointerdown", "keydown", "input", "scroll"] {
        // Listens for the page's lifetime (dropping the handle leaves the listener in place).
        let _ = window_event_listener_untyped(event, move |_| quiet.set(Duration::ZERO));
    }
    let _ = window_event_listener(leptos::ev::click, |ev| {
        let link =
            ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("a[href]").ok());
        if link.flatten().is_some() {
            ev.prevent_default();
        }
    });
    set_interval(
        move || {
            let now = quiet.get_untracked() + TICK;
            if now >= IDLE {
                quiet.set(Duration::ZERO);
                reset();
            } else {
                quiet.set(now);
            }
        },
        TICK,
    );
    let warning = RwSignal::new(false);
    Effect::new(move |_| warning.set(quiet.get() + WARN_BEFORE >= IDLE));
    warning
}

/// The badge staff look for, and the warning before an idle reset.
#[component]
pub fn KioskBar(warning: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p id="kiosk-badge" class="kiosk-badge">{i18n.text(|t| t.kiosk_badge)}</p>
        {move || warning.get().then(|| view! {
            <div id="idle-warning" class="notice idle" role="alert">
                <p>{i18n.text(|t| t.idle_warning)}</p>
                // Any tap counts as activity; this one is the obvious place for it.
                <button type="button" class="primary" on:click=move |_| warning.set(false)>
                    {i18n.text(|t| t.idle_continue)}
                </button>
            </div>
        })}
    }
}
