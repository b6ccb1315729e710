//! Staff entry of paper, phone and interviewer forms (`POST /api/admin/responses`): pick the
//! campaign and unit (staff: their own units only), the channel and the form's serial number,
//! then type the answers on the compact sheet. After each form: the receipt, and an empty sheet.

use super::api::{Failure, use_api};
use super::campaigns::{CampaignDetail, load_campaign, load_campaigns};
use super::sheet::{Sheet, cell_id, sheet_view};
use super::text as t;
use super::use_session;
use super::widgets::{Loaded, failure_note, shown, title};
use crate::api::Call;
use crate::dom::{focus, random_uuid};
use hailong_domain::api::{FormView, SubmitAccepted};
use hailong_domain::response::COMMENT_MAX_CHARS;
use hailong_domain::{Campaign, CampaignStatus, Channel, Sender, Source, SourceError, Submission};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn EntryPage(campaign: Option<String>, unit: Option<String>) -> impl IntoView {
    let api = use_api();
    let chosen_campaign = RwSignal::new(campaign);
    let chosen_unit = RwSignal::new(unit);
    let campaigns = load_campaigns(api);
    let campaign_select = move |list: Vec<Campaign>| {
        let open: Vec<Campaign> = list.into_iter().filter(|c| c.status == CampaignStatus::Open).collect();
        if open.is_empty() {
            return view! { <p>{t::NO_OPEN_CAMPAIGN}</p> }.into_any();
        }
        if chosen_campaign.get_untracked().is_none() || open.len() == 1 {
            chosen_campaign.set(Some(open[0].id.to_string()));
        }
        let options = open
            .into_iter()
            .map(|c| {
                let id = c.id.to_string();
                let selected = chosen_campaign.get_untracked().as_deref() == Some(id.as_str());
                view! { <option value=id selected=selected>{c.title}</option> }
            })
            .collect_view();
        view! {
            <label for="entry-campaign">{t::CAMPAIGN}</label>
            <select id="entry-campaign" on:change=move |ev| {
                chosen_campaign.set(Some(event_target_value(&ev)));
                chosen_unit.set(None);
            }>{options}</select>
        }
        .into_any()
    };
    let unit_part = move || chosen_campaign.get().map(|c| view! { <UnitPick campaign=c unit=chosen_unit/> });
    view! {
        {title(t::ENTRY_TITLE)}
        <p class="hint">{t::ENTRY_INTRO}</p>
        <div class="pick">{shown(campaigns, campaign_select)}</div>
        {unit_part}
    }
}

#[component]
fn UnitPick(campaign: String, unit: RwSignal<Option<String>>) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let detail = load_campaign(api, &campaign);
    let pick = move |d: CampaignDetail| {
        let mine: Vec<_> = d.units.into_iter().filter(|u| session.may_work(&u.code)).collect();
        if mine.is_empty() {
            return view! { <p>{t::NO_UNIT_TO_ENTER}</p> }.into_any();
        }
        if unit.get_untracked().is_none_or(|u| !mine.iter().any(|m| m.code == u)) {
            unit.set(Some(mine[0].code.clone()));
        }
        let options = mine
            .into_iter()
            .map(|u| {
                let selected = unit.get_untracked().as_deref() == Some(u.code.as_str());
                view! { <option value=u.code.clone() selected=selected>{u.label()}</option> }
            })
            .collect_view();
        let campaign = d.campaign.id.to_string();
        view! {
            <div class="pick">
                <label for="entry-unit">{t::UNIT}</label>
                <select id="entry-unit" on:change=move |ev| unit.set(Some(event_target_value(&ev)))>{options}</select>
            </div>
            {move || unit.get().map(|u| view! { <FormLoader campaign=campaign.clone() unit=u/> })}
        }
        .into_any()
    };
    shown(detail, pick)
}

/// The unit's questionnaire, from the form endpoint the citizen app uses.
#[component]
fn FormLoader(campaign: String, unit: String) -> impl IntoView {
    let api = use_api();
    let form: Loaded<FormView> = Call::new();
    let path = format!("/api/forms/{campaign}/{unit}");
    form.run(async move { api.get(&path).await });
    shown(form, |f| view! { <EntryForm form=f/> })
}

/// One entered form's confirmation.
#[derive(Clone)]
struct Entered {
    receipt: String,
    serial: String,
    id: String,
}

#[component]
fn EntryForm(form: FormView) -> impl IntoView {
    let api = use_api();
    let sheet = Sheet::new();
    let channel = RwSignal::new(Channel::Paper);
    let serial = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let serial_problem = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<Failure>);
    let entered = RwSignal::new(None::<Entered>);
    let pending = RwSignal::new(false);
    let form_id = RwSignal::new(random_uuid());
    let (campaign, unit, q) = (form.campaign.id, form.unit.code, form.questionnaire);
    let unit_code = unit.to_string();
    let first_cell = q.items().next().map(|(_, i)| cell_id(i.id.as_str())).unwrap_or_default();
    let submit = {
        let (q, campaign, unit) = (q.clone(), campaign.clone(), unit.clone());
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if pending.get_untracked() {
                return;
            }
            failure.set(None);
            let number = Some(serial.get_untracked().trim().to_owned());
            // The channel rules are the domain's, as the server applies them.
            let on = channel.get_untracked();
            if Source::of(on, number.as_deref(), None, Sender::Staff("")) == Err(SourceError::SerialRequired) {
                serial_problem.set(Some(t::SERIAL_REQUIRED.into()));
                focus("entry-serial");
                return;
            }
            let number = number.filter(|n| !n.is_empty());
            let answers = match sheet.answers(&q) {
                Ok(answers) => answers,
                Err(errors) => return sheet.show_errors(&errors),
            };
            let submission = Submission {
                id: form_id.get_untracked(),
                campaign: campaign.clone(),
                unit: unit.clone(),
                channel: channel.get_untracked(),
                answers,
                comment: Some(comment.get_untracked().trim().to_owned()).filter(|c| !c.is_empty()),
                serial: number.clone(),
                poster: None,
                website: None,
            };
            pending.set(true);
            leptos::task::spawn_local(async move {
                let result: Result<SubmitAccepted, Failure> = api.post("/api/admin/responses", &submission).await;
                pending.set(false);
                match result {
                    Ok(accepted) => {
                        entered.set(Some(Entered {
                            receipt: accepted.receipt.to_string(),
                            serial: number.unwrap_or_default(),
                            id: submission.id.to_string(),
                        }));
                        form_id.set(random_uuid());
                        sheet.clear();
                        serial.set(String::new());
                        comment.set(String::new());
                        request_animation_frame(|| focus("entry-serial"));
                    }
                    Err(f) if f.code() == Some("duplicate_serial") => {
                        serial_problem.set(Some(t::duplicate_serial(number.as_deref().unwrap_or_default())));
                        focus("entry-serial");
                    }
                    Err(f) if f.code() == Some("serial_required") => {
                        serial_problem.set(Some(t::SERIAL_REQUIRED.into()));
                        focus("entry-serial");
                    }
                    Err(Failure::Refused { body, .. }) if !body.items.is_empty() => sheet.show_errors(&body.items),
                    Err(f) => failure.set(Some(f)),
                }
            });
        }
    };
    let channels = [Channel::Paper, Channel::Phone, Channel::Interviewer]
        .into_iter()
        .map(|c| {
            let id = format!("channel-{}", t::channel_key(c));
            let label_for = id.clone();
            view! {
                <label class="inline" for=label_for>
                    <input type="radio" name="channel" id=id checked=move || channel.get() == c on:change=move |_| channel.set(c)/>
                    {t::channel(c)}
                </label>
            }
        })
        .collect_view();
    let confirmation = move || {
        entered.get().map(|e| {
            view! {
                <div class="ok" role="status" id="entered">
                    <p>{t::entered(&e.serial)}</p>
                    <p>{t::RECEIPT}": "<strong id="entered-receipt">{e.receipt}</strong></p>
                    <p class="hint">{t::RESPONSE_ID}": "<span id="entered-id">{e.id}</span></p>
                </div>
            }
        })
    };
    view! {
        <h2>{form.unit.name.clone()}" · "{q.title.clone()}</h2>
        {confirmation}
        <form class="entry" id="entry-form" data-unit=unit_code novalidate on:submit=submit>
            <fieldset class="channels">
                <legend>{t::CHANNEL}</legend>
                {channels}
            </fieldset>
            <div class="pick">
                <label for="entry-serial">{t::SERIAL}</label>
                <input id="entry-serial" type="text" autocomplete="off" aria-describedby="serial-problem"
                    aria-invalid=move || serial_problem.get().map(|_| "true")
                    prop:value=move || serial.get()
                    on:input=move |ev| { serial.set(event_target_value(&ev)); serial_problem.set(None); }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" {
                        // Enter after the serial goes to the first answer, not to sending.
                        ev.prevent_default();
                        focus(&first_cell);
                    }/>
                <span class="problem" id="serial-problem" role="alert">{move || serial_problem.get()}</span>
            </div>
            {sheet_view(q, sheet, "entry-comment")}
            <div class="pick">
                <label for="entry-comment">{t::COMMENT_ON_FORM}</label>
                <textarea id="entry-comment" rows="2" maxlength=COMMENT_MAX_CHARS aria-describedby="comment-hint"
                    prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" && !ev.shift_key() {
                        // Most forms have no comment: Enter saves, as everywhere on the sheet.
                        ev.prevent_default();
                        if let Some(button) = document().get_element_by_id("entry-submit") {
                            button.unchecked_into::<web_sys::HtmlElement>().click();
                        }
                    }></textarea>
                <span class="hint" id="comment-hint">{t::COMMENT_HINT}</span>
            </div>
            {move || failure.get().map(|f| failure_note(&f))}
            <button type="submit" class="primary" id="entry-submit" disabled=move || pending.get()>{t::SAVE_FORM}</button>
        </form>
    }
}
