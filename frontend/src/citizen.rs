//! The citizen app: the questionnaire reached from a unit's QR code, `/s/{campaign}/{unit}`.
//! Nothing else lives in this bundle, so a phone on a weak network downloads only the form.

use crate::chrome::{Header, mount_app, not_found};
use crate::i18n::I18n;
use crate::questionnaire::kiosk::is_kiosk;
use crate::questionnaire::outbox::Outbox;
use crate::questionnaire::{FormPage, Served};
use crate::route::{Route, current_query};
use leptos::either::Either;
use leptos::prelude::*;

/// A questionnaire the server rendered is read before the app replaces it, answers and all.
pub fn mount() {
    let served = Served::read();
    mount_app(move || view! { <App served/> });
}

#[component]
fn App(served: Option<Served>) -> impl IntoView {
    let i18n = I18n::provide();
    let kiosk = is_kiosk(&current_query());
    // Whatever the page, answers left waiting on this device go out now.
    Outbox::provide(kiosk);
    // Links between pages are ordinary loads, so the route is read once.
    let page = match Route::current() {
        Route::Form { campaign, unit } => {
            // Only the served form of this very link (a page kept from elsewhere is not).
            let served = served.filter(|s| s.form.campaign.id == campaign && s.form.unit.code == unit);
            Either::Left(view! { <FormPage campaign unit kiosk served/> })
        }
        Route::NoSuchForm => Either::Right(not_found(i18n, |t| t.form_not_found)),
        _ => Either::Right(not_found(i18n, |t| t.page_not_found)),
    };
    view! {
        <Header/>
        <main>{page}</main>
    }
}
