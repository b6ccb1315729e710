//! `/`: what hailong is, the published results, and where to check a receipt.

use super::Loaded;
use super::receipt::ReceiptForm;
use crate::api::{self, Call};
use crate::authority::authority_line;
use crate::figures::published_line;
use crate::i18n::use_i18n;
use hailong_domain::api::Publication;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    i18n.title(move || i18n.t().home_title.to_owned());
    view! {
        <h1>{i18n.text(|t| t.home_title)}</h1>
        <p>{i18n.text(|t| t.home_intro)}</p>
        <p>{i18n.text(|t| t.home_privacy)}</p>
        <h2>{move || i18n.results().published_title}</h2>
        <Published/>
        <h2>{i18n.text(|t| t.home_receipt)}</h2>
        <ReceiptForm/>
    }
}

/// The published campaigns, newest survey first. A failure leaves the rest of the page usable.
#[component]
fn Published() -> impl IntoView {
    let i18n = use_i18n();
    let list: Call<Loaded<Vec<Publication>>> = Call::new();
    list.run(api::publications());
    move || {
        let t = i18n.results();
        list.result.get().map(|result| match result {
            Ok(mut all) if !all.is_empty() => {
                all.sort_by_key(|p| std::cmp::Reverse(p.period.map(|w| w.closes)));
                view! {
                    <ul class="campaigns" data-ready="true">
                        {all.into_iter().map(|p| {
                            let latest = p.versions.last().cloned();
                            let href = format!("/r/{}", p.campaign);
                            view! {
                                <li data-campaign=p.campaign.to_string()>
                                    {authority_line(p.authority.as_ref())}
                                    <a href=href>{p.title.clone()}</a>
                                    <br/>
                                    {p.period.map(|w| (t.period)(w.opens, w.closes))}
                                    {latest.map(|v| format!(" · {}, {}", (t.version)(v.version), published_line(t, &v.published_at)))}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }
            _ => view! { <p data-ready="true">{t.published_none}</p> }.into_any(),
        })
    }
}
