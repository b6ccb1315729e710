//! What a respondent sees once the server has stored the answers.

use crate::dom::focus_from_top;
use crate::i18n::use_i18n;
use hailong_domain::Receipt;
use leptos::prelude::*;

#[component]
pub fn Thanks(receipt: Receipt) -> impl IntoView {
    let i18n = use_i18n();
    // Focus the heading so the new page is read out and keyboard users start from the top.
    request_animation_frame(|| focus_from_top("thanks"));
    view! {
        <section class="thanks">
            <h1 id="thanks" tabindex="-1">{i18n.text(|t| t.thanks)}</h1>
            <p>{i18n.text(|t| t.your_receipt)}</p>
            <p id="receipt" class="receipt" data-receipt=receipt.as_str().to_owned()>{receipt.display()}</p>
            <p>{i18n.text(|t| t.receipt_explain)}</p>
            <p><a href=format!("/receipt/{receipt}")>{i18n.text(|t| t.check_receipt)}</a></p>
        </section>
    }
}
