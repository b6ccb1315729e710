//! What a respondent sees once the server has stored the answers, or on coming back to a unit
//! this device already answered for: the receipt, which unit and campaign it counts for, when the
//! results come out and where.

use crate::dom::focus_from_top;
use crate::i18n::use_i18n;
use crate::saved;
use hailong_domain::api::FormView;
use hailong_domain::{Date, Receipt};
use leptos::prelude::*;
use serde_json::{Value, json};

/// The unit and campaign an answer is about, kept on the device with its receipt so that a later
/// visit names them too without loading the form.
#[derive(Debug, Clone, PartialEq)]
pub struct About {
    pub campaign: String,
    pub unit: String,
    pub campaign_title: String,
    pub unit_name: String,
    pub closes: Date,
}

impl About {
    pub fn of(form: &FormView) -> About {
        About {
            campaign: form.campaign.id.to_string(),
            unit: form.unit.code.to_string(),
            campaign_title: form.campaign.title.clone(),
            unit_name: form.unit.name.clone(),
            closes: form.campaign.closes,
        }
    }

    fn key(campaign: &str, unit: &str) -> String {
        format!("hailong.about.{campaign}.{unit}")
    }

    /// Read through `Value`, as drafts are: no derived deserializer in the bundle.
    pub fn load(campaign: &str, unit: &str) -> Option<About> {
        let stored: Value = saved::get_json(&About::key(campaign, unit))?;
        let text = |name: &str| stored[name].as_str().map(str::to_owned);
        Some(About {
            campaign: campaign.to_owned(),
            unit: unit.to_owned(),
            campaign_title: text("campaign_title")?,
            unit_name: text("unit_name")?,
            closes: Date::parse(&text("closes")?).ok()?,
        })
    }

    pub fn save(&self) {
        let stored = json!({
            "campaign_title": self.campaign_title,
            "unit_name": self.unit_name,
            "closes": self.closes.to_string(),
        });
        saved::set_json(&About::key(&self.campaign, &self.unit), &stored);
    }
}

/// `again`: the answer was given on an earlier visit (`earlier` holds every receipt given here
/// for the unit, `someone_else` lets another person of the household answer). `next_respondent`
/// (kiosk mode) clears the screen for the next person, which also happens by itself shortly; a
/// kiosk shows no links, so nobody walks off with the previous person's receipt on screen.
#[component]
pub fn Thanks(
    receipt: Receipt,
    #[prop(optional)] again: bool,
    #[prop(default = None)] about: Option<About>,
    #[prop(optional)] earlier: Vec<Receipt>,
    #[prop(default = None)] someone_else: Option<Callback<()>>,
    #[prop(default = None)] next_respondent: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Focus the heading so the new page is read out and keyboard users start from the top.
    request_animation_frame(|| focus_from_top("thanks"));
    let heading = move || if again { i18n.t().answered_before } else { i18n.t().thanks };
    i18n.title(move || heading().to_owned());
    let kiosk = next_respondent.is_some();
    let about = about.map(|a| {
        let results = format!("/r/{}/{}", a.campaign, a.unit);
        let closes = a.closes;
        let (unit_name, campaign_title) = (a.unit_name, a.campaign_title);
        view! {
            <p id="about" lang="vi">{move || (i18n.t().answer_for)(&unit_name, &campaign_title)}</p>
            <p>{i18n.text(|t| t.counted_later)}" "{move || (i18n.t().results_when)(closes)}</p>
            {(!kiosk).then(|| view! { <p><a id="unit-results" href=results>{i18n.text(|t| t.unit_results)}</a></p> })}
        }
    });
    let others: Vec<Receipt> = earlier.into_iter().filter(|r| *r != receipt).collect();
    let others = (!others.is_empty()).then(|| {
        view! {
            <p>{i18n.text(|t| t.receipts_here)}</p>
            <ul class="receipts">
                {others.into_iter().map(|r| view! { <li><a href=format!("/receipt/{r}")>{r.display()}</a></li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <section class="thanks">
            <h1 id="thanks" tabindex="-1">{heading}</h1>
            {again.then(|| view! { <p>{i18n.text(|t| t.one_per_device)}</p> })}
            <p>{i18n.text(|t| t.your_receipt)}</p>
            <p id="receipt" class="receipt" data-receipt=receipt.as_str().to_owned()>{receipt.display()}</p>
            <p>{i18n.text(|t| t.receipt_explain)}</p>
            {(!kiosk).then(|| view! { <p><a href=format!("/receipt/{receipt}")>{i18n.text(|t| t.check_receipt)}</a></p> })}
            {about}
            {others}
            {someone_else.map(|go| view! {
                <div class="household">
                    <p>{i18n.text(|t| t.someone_else_hint)}</p>
                    <button id="someone-else" type="button" on:click=move |_| go.run(())>{i18n.text(|t| t.someone_else)}</button>
                </div>
            })}
            {next_respondent.map(|next| view! {
                <p class="hint">{i18n.text(|t| t.kiosk_resets)}</p>
                <button id="next-respondent" type="button" class="primary" on:click=move |_| next.run(())>
                    {i18n.text(|t| t.kiosk_next)}
                </button>
            })}
        </section>
    }
}
