//! `/`: what hailong is, and where to check a receipt. Public results will be linked from here.

use crate::i18n::use_i18n;
use super::receipt::ReceiptForm;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{i18n.text(|t| t.home_title)}</h1>
        <p>{i18n.text(|t| t.home_intro)}</p>
        <p>{i18n.text(|t| t.home_privacy)}</p>
        <h2>{i18n.text(|t| t.home_receipt)}</h2>
        <ReceiptForm/>
    }
}
