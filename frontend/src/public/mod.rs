//! The public app: the home page, receipts, and published results. Loaded for `/`, `/receipt/…`
//! and `/r/…`; it never ships with the citizen questionnaire.

mod charts;
mod home;
mod receipt;
mod results;
mod unit;

use crate::api::ApiError;
use crate::chrome::{Header, mount_app, not_found};
use crate::error::{Retry, error_note};
use crate::i18n::{I18n, ResultsTexts, use_i18n};
use crate::route::Route;
use home::Home;
use leptos::either::{Either, EitherOf5};
use leptos::prelude::*;
use receipt::ReceiptPage;
use results::ResultsPage;
use unit::UnitResultsPage;

pub fn mount() {
    mount_app(App);
}

#[component]
fn App() -> impl IntoView {
    let i18n = I18n::provide();
    let page = match Route::current() {
        Route::Home => EitherOf5::A(view! { <Home/> }),
        Route::Receipt(code) => EitherOf5::B(view! { <ReceiptPage code/> }),
        Route::Results(campaign) => EitherOf5::C(view! { <ResultsPage campaign/> }),
        Route::UnitResults { campaign, unit } => EitherOf5::D(view! { <UnitResultsPage campaign unit/> }),
        _ => EitherOf5::E(not_found(i18n, |t| t.page_not_found)),
    };
    view! {
        <Header/>
        <main>{page}</main>
    }
}

/// What a page's data load came to.
pub(crate) type Loaded<T> = Result<T, ApiError>;

/// The page's message when its data could not be loaded: not found, or a retry.
fn load_failure(
    error: ApiError,
    not_found: fn(&ResultsTexts) -> &'static str,
    retry: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    if error == ApiError::NotFound {
        return Either::Left(error_note(Signal::derive(move || not_found(i18n.results()).into()), None));
    }
    let message = Signal::derive(move || {
        let t = i18n.t();
        if error == ApiError::Offline { t.offline } else { t.server_trouble }.into()
    });
    Either::Right(error_note(message, Some(Retry::new(|t| t.retry, retry))))
}

/// `?version=N` of the page's address: an older published version.
fn version_in_query() -> Option<u32> {
    crate::figures::version_in(&window().location().search().ok()?)
}
