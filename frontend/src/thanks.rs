//! What a respondent sees once the server has stored the answers, or on coming back to a unit
//! this device already answered for.

use crate::dom::focus_from_top;
use crate::i18n::use_i18n;
use hailong_domain::Receipt;
use leptos::prelude::*;

/// `again`: the answer was given on an earlier visit. `next_respondent` (kiosk mode) clears the
/// screen for the next person, which also happens by itself shortly.
#[component]
pub fn Thanks(
    receipt: Receipt,
    #[prop(optional)] again: bool,
    #[prop(default = None)] next_respondent: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Focus the heading so the new page is read out and keyboard users start from the top.
    request_animation_frame(|| focus_from_top("thanks"));
    let heading = move || if again { i18n.t().answered_before } else { i18n.t().thanks };
    view! {
        <section class="thanks">
            <h1 id="thanks" tabindex="-1">{heading}</h1>
            {again.then(|| view! { <p>{i18n.text(|t| t.one_per_device)}</p> })}
            <p>{i18n.text(|t| t.your_receipt)}</p>
            <p id="receipt" class="receipt" data-receipt=receipt.as_str().to_owned()>{receipt.display()}</p>
            <p>{i18n.text(|t| t.receipt_explain)}</p>
            <p><a href=format!("/receipt/{receipt}")>{i18n.text(|t| t.check_receipt)}</a></p>
            {next_respondent.map(|next| view! {
                <p class="hint">{i18n.text(|t| t.kiosk_resets)}</p>
                <button id="next-respondent" type="button" class="primary" on:click=move |_| next.run(())>
                    {i18n.text(|t| t.kiosk_next)}
                </button>
            })}
        </section>
    }
}
