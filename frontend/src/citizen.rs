//! The citizen app: a header with the language switch, and the page the path names.

use crate::home::Home;
use crate::i18n::{I18n, Texts};
use crate::questionnaire::FormPage;
use crate::receipt::ReceiptPage;
use crate::route::Route;
use leptos::either::EitherOf4;
use leptos::prelude::*;

pub fn mount() {
    // index.html shows a static "Đang tải…" while the bundle downloads; the app takes over here.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
}

fn not_found(i18n: I18n, message: fn(&Texts) -> &'static str) -> impl IntoView {
    view! {
        <h1 id="error" class="error-page">{i18n.text(message)}</h1>
        <p><a href="/">{i18n.text(|t| t.go_home)}</a></p>
    }
}

#[component]
fn App() -> impl IntoView {
    let i18n = I18n::provide();
    // Links between pages are ordinary loads, so the route is read once.
    let page = match Route::current() {
        Route::Home => EitherOf4::A(view! { <Home/> }),
        Route::Form { campaign, unit } => EitherOf4::B(view! { <FormPage campaign unit/> }),
        Route::Receipt(code) => EitherOf4::C(view! { <ReceiptPage code/> }),
        Route::NoSuchForm => EitherOf4::D(not_found(i18n, |t| t.form_not_found)),
        Route::NotFound => EitherOf4::D(not_found(i18n, |t| t.page_not_found)),
    };
    view! {
        <header class="top">
            <a class="brand" href="/">"hailong"<span>{i18n.text(|t| t.tagline)}</span></a>
            <button type="button" class="lang" lang=move || i18n.t().switch_code on:click=move |_| i18n.toggle()>
                {i18n.text(|t| t.switch)}
            </button>
        </header>
        <main>{page}</main>
    }
}
