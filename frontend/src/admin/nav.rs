//! Moving between console pages without reloading the bundle: `history.pushState` and a signal
//! holding the path segments after `/admin`. Links stay ordinary `<a href>` (they open in a new
//! tab as usual); plain clicks on them are intercepted once, at the shell.

use crate::dom::focus;
use crate::route::Route;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct Nav {
    path: RwSignal<Vec<String>>,
}

impl Nav {
    pub fn provide() -> Nav {
        let nav = Nav { path: RwSignal::new(current()) };
        provide_context(nav);
        // Back and forward buttons.
        let handle = window_event_listener(leptos::ev::popstate, move |_| nav.arrived(current()));
        on_cleanup(move || handle.remove());
        nav
    }

    pub fn segments(self) -> Vec<String> {
        self.path.get()
    }

    /// Goes to `href` (a path under `/admin`) and moves focus to the new page's title.
    pub fn go(self, href: &str) {
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
        }
        self.arrived(current());
    }

    fn arrived(self, segments: Vec<String>) {
        self.path.set(segments);
        window().scroll_to_with_x_and_y(0.0, 0.0);
        request_animation_frame(|| focus("page-title"));
    }

    /// The shell's click handler: a plain left click on a link into the console stays in the page.
    pub fn intercept(self, ev: leptos::ev::MouseEvent) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let href = link.get_attribute("href").unwrap_or_default();
        if (href == "/admin" || href.starts_with("/admin/"))
            && link.get_attribute("download").is_none()
            && link.get_attribute("target").is_none()
        {
            ev.prevent_default();
            self.go(&href);
        }
    }
}

pub fn use_nav() -> Nav {
    use_context::<Nav>().expect("Nav::provide() runs first")
}

fn current() -> Vec<String> {
    match Route::current() {
        Route::Admin(segments) => segments,
        _ => Vec::new(),
    }
}
