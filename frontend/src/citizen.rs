//! The citizen app: the questionnaire reached from a unit's QR code, `/s/{campaign}/{unit}`.
//! Nothing else lives in this bundle, so a phone on a weak network downloads only the form.

use crate::chrome::{Header, mount_app, not_found};
use crate::i18n::I18n;
use crate::questionnaire::FormPage;
use crate::questionnaire::kiosk::is_kiosk;
use crate::questionnaire::outbox::Outbox;
use crate::route::{Route, current_query};
use leptos::either::Either;
use leptos::prelude::*;

pub fn mount() {
    mount_app(App);
}

#[component]
fn App() -> impl IntoView {
    let i18n = I18n::provide();
    let kiosk = is_kiosk(&current_query());
    // Whatever the page, answers left waiting on this device go out now.
    Outbox::provide(kiosk);
    // Links between pages are ordinary loads, so the route is read once.
    let page = match Route::current() {
        Route::Form { campaign, unit } => Either::Left(view! { <FormPage campaign unit kiosk/> }),
        Route::NoSuchForm => Either::Right(not_found(i18n, |t| t.form_not_found)),
        _ => Either::Right(not_found(i18n, |t| t.page_not_found)),
    };
    view! {
        <Header/>
        <main>{page}</main>
    }
}
