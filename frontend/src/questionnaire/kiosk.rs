//! Kiosk mode, for a tablet shared by many respondents at a counter. Staff open the form once
//! with `?kiosk=1` (and `?kiosk=0` to end it); the device remembers. In kiosk mode a unit takes
//! any number of answers, and the form starts afresh after each receipt and after inactivity,
//! so no one sees the previous person's answers.

use crate::route::query_param;
use crate::saved;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

const KEY: &str = "hailong.kiosk";
/// Long enough to note the receipt code, short enough that the next person finds a fresh form.
pub const RESET_AFTER_RECEIPT: Duration = Duration::from_secs(20);
/// A form left half answered this long was abandoned.
const IDLE: Duration = Duration::from_secs(120);

/// Whether this device is a kiosk, after applying a `kiosk` switch in the link.
pub fn is_kiosk(query: &str) -> bool {
    match query_param(query, "kiosk") {
        Some("1") => saved::set(KEY, "1"),
        Some("0") => saved::remove(KEY),
        _ => {}
    }
    saved::get(KEY).is_some()
}

/// Calls `reset` when nobody has touched the page for a while.
pub fn reset_when_idle(reset: impl Fn() + 'static) {
    let quiet = Rc::new(Cell::new(0u32));
    for event in ["pointerdown", "keydown", "input", "scroll"] {
        let quiet = quiet.clone();
        // Listens for the page's lifetime (dropping the handle leaves the listener in place).
        let _ = window_event_listener_untyped(event, move |_| quiet.set(0));
    }
    const TICK: Duration = Duration::from_secs(10);
    set_interval(
        move || {
            quiet.set(quiet.get() + 1);
            if Duration::from_secs(u64::from(quiet.get()) * TICK.as_secs()) >= IDLE {
                quiet.set(0);
                reset();
            }
        },
        TICK,
    );
}
