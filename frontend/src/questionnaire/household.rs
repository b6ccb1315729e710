//! A unit this device already answered for: the receipts given here, and a way for another
//! person of the household to answer their own form. Still one response per person: each form
//! has its own response id, and the server's per-device limit counts them all.

use super::{LoadForm, answered};
use crate::thanks::{About, Thanks};
use hailong_domain::{CampaignId, UnitCode};
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn Answered(campaign: CampaignId, unit: UnitCode) -> impl IntoView {
    let (c, u) = (campaign.to_string(), unit.to_string());
    let receipts = answered::receipts(&c, &u);
    let about = About::load(&c, &u);
    let another = RwSignal::new(false);
    let someone_else = Some(Callback::new(move |()| another.set(true)));
    move || match receipts.last() {
        Some(receipt) if !another.get() => Either::Left(view! {
            <Thanks receipt=receipt.clone() again=true about=about.clone() earlier=receipts.clone() someone_else/>
        }),
        _ => Either::Right(view! { <LoadForm campaign=campaign.clone() unit=unit.clone() kiosk=false served=None/> }),
    }
}
