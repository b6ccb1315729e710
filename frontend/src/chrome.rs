//! What every page of the citizen and public apps shares: the header with the language and
//! display switches, and the not-found page.

use crate::i18n::{I18n, Texts};
use crate::saved;
use leptos::prelude::*;

/// Remembers the large-text, high-contrast display on the device.
const LARGE_TEXT_KEY: &str = "hailong.large";

/// Removes the static "Đang tải…" that index.html shows while a bundle downloads, or the page the
/// server rendered (read first by whoever needs what it holds), then mounts.
pub fn mount_app<V: IntoView + 'static>(app: impl FnOnce() -> V + 'static) {
    for id in ["boot", crate::html::SERVED_ID] {
        if let Some(element) = document().get_element_by_id(id) {
            element.remove();
        }
    }
    leptos::mount::mount_to_body(app);
}

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_context::<I18n>().expect("I18n::provide() runs first");
    let large = RwSignal::new(saved::get(LARGE_TEXT_KEY).is_some());
    // A class on <html>, so the whole page (rem sizes included) follows.
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("class", if large.get() { "large" } else { "" });
        }
    });
    let toggle_large = move |_| {
        let on = !large.get_untracked();
        large.set(on);
        if on { saved::set(LARGE_TEXT_KEY, "1") } else { saved::remove(LARGE_TEXT_KEY) }
    };
    view! {
        <header class="top">
            <a class="brand" href="/">"hailong"<span>{i18n.text(|t| t.tagline)}</span></a>
            <div class="switches">
                <button
                    type="button"
                    id="large-text"
                    class="switch"
                    aria-pressed=move || large.get().to_string()
                    on:click=toggle_large
                >
                    {i18n.text(|t| t.large_text)}
                </button>
                <button type="button" class="switch" lang=move || i18n.t().switch_code on:click=move |_| i18n.toggle()>
                    {i18n.text(|t| t.switch)}
                </button>
            </div>
        </header>
    }
}

pub fn not_found(i18n: I18n, message: fn(&Texts) -> &'static str) -> impl IntoView {
    view! {
        <h1 id="error" class="error-page">{i18n.text(message)}</h1>
        <p><a href="/">{i18n.text(|t| t.go_home)}</a></p>
    }
}
