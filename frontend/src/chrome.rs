//! What every page of the citizen and public apps shares: the header with the language switch,
//! and the not-found page.

use crate::i18n::{I18n, Texts};
use leptos::prelude::*;

/// Removes the static "Đang tải…" that index.html shows while a bundle downloads, then mounts.
pub fn mount_app<V: IntoView + 'static>(app: fn() -> V) {
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app);
}

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_context::<I18n>().expect("I18n::provide() runs first");
    view! {
        <header class="top">
            <a class="brand" href="/">"hailong"<span>{i18n.text(|t| t.tagline)}</span></a>
            <button type="button" class="lang" lang=move || i18n.t().switch_code on:click=move |_| i18n.toggle()>
                {i18n.text(|t| t.switch)}
            </button>
        </header>
    }
}

pub fn not_found(i18n: I18n, message: fn(&Texts) -> &'static str) -> impl IntoView {
    view! {
        <h1 id="error" class="error-page">{i18n.text(message)}</h1>
        <p><a href="/">{i18n.text(|t| t.go_home)}</a></p>
    }
}
