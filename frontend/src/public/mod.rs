//! The public app: the home page, receipts, and published results. Loaded for `/`, `/receipt/…`
//! and `/r/…`; it never ships with the citizen questionnaire.

mod home;
mod receipt;

use crate::chrome::{Header, mount_app, not_found};
use crate::i18n::I18n;
use crate::route::Route;
use home::Home;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use receipt::ReceiptPage;

pub fn mount() {
    mount_app(App);
}

#[component]
fn App() -> impl IntoView {
    let i18n = I18n::provide();
    let page = match Route::current() {
        Route::Home => EitherOf3::A(view! { <Home/> }),
        Route::Receipt(code) => EitherOf3::B(view! { <ReceiptPage code/> }),
        _ => EitherOf3::C(not_found(i18n, |t| t.page_not_found)),
    };
    view! {
        <Header/>
        <main>{page}</main>
    }
}
