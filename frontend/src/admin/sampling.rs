//! Phone-survey sampling of one unit: import its customer list (CSV), draw the people to call
//! with a recorded seed, export the call sheet, and purge the list when done.

use super::api::{Failure, chosen_file_text, save, use_api};
use super::campaigns::{CampaignDetail, campaign_links, load_campaign};
use super::text as t;
use super::units::row_errors;
use super::use_session;
use super::widgets::{AskFirst, Loaded, done_note, failure_note, number, outcome, shown, title};
use crate::api::Call;
use hailong_domain::CampaignStatus;
use leptos::prelude::*;

#[component]
pub fn SamplingPage(campaign: String) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let detail = load_campaign(api, &campaign);
    let pick = {
        let campaign = campaign.clone();
        move |d: CampaignDetail| {
            let mine: Vec<_> = d.units.into_iter().filter(|u| session.may_work(&u.code)).collect();
            if mine.is_empty() {
                return view! { <p>{t::NO_UNIT_TO_ENTER}</p> }.into_any();
            }
            let closed = d.campaign.status == CampaignStatus::Closed;
            let labels: Vec<(String, String)> = mine.iter().map(|u| (u.code.clone(), u.label())).collect();
            let unit = RwSignal::new(mine[0].code.clone());
            let options =
                mine.into_iter().map(|u| view! { <option value=u.code.clone()>{u.label()}</option> }).collect_view();
            let campaign = campaign.clone();
            view! {
                <div class="pick">
                    <label for="sampling-unit">{t::UNIT}</label>
                    <select id="sampling-unit" on:change=move |ev| unit.set(event_target_value(&ev))>{options}</select>
                </div>
                {move || {
                    let u = unit.get();
                    let label = labels.iter().find(|(c, _)| *c == u).map(|(_, l)| l.clone()).unwrap_or_else(|| u.clone());
                    view! { <UnitSampling campaign=campaign.clone() unit=u label closed/> }
                }}
            }
            .into_any()
        }
    };
    view! {
        {title(t::SAMPLING_TITLE)}
        {campaign_links(&campaign)}
        <p class="hint">{t::SAMPLING_INTRO}</p>
        {shown(detail, pick)}
    }
}

#[component]
fn UnitSampling(campaign: String, unit: String, label: String, closed: bool) -> impl IntoView {
    let api = use_api();
    let base = format!("/api/admin/campaigns/{campaign}/units/{unit}");
    let csv = RwSignal::new(String::new());
    let size = RwSignal::new(String::new());
    let seed = RwSignal::new(String::new());
    let uploaded: Loaded<serde_json::Value> = Call::new();
    let drawn: Loaded<serde_json::Value> = Call::new();
    let other: Loaded<serde_json::Value> = Call::new();
    let pick_file = move |ev: leptos::ev::Event| {
        leptos::task::spawn_local(async move {
            if let Some(text) = chosen_file_text(&ev).await {
                csv.set(text);
            }
        });
    };
    let upload = {
        let path = format!("{base}/customers");
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (path, body) = (path.clone(), csv.get_untracked());
            uploaded.run(async move { api.post_csv(&path, body).await });
        }
    };
    let draw = {
        let path = format!("{base}/sample");
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = serde_json::json!({ "size": number::<u32>(&size.get_untracked()).unwrap_or(0), "seed": number::<u64>(&seed.get_untracked()) });
            let path = path.clone();
            drawn.run(async move { api.post(&path, &body).await });
        }
    };
    let sheet = {
        let (path, name) = (format!("{base}/call-sheet.csv"), format!("{campaign}-{unit}-call-sheet.csv"));
        move |_| {
            let (path, name) = (path.clone(), name.clone());
            other.run(async move {
                save(&api.blob(&path).await?, &name);
                Ok(serde_json::json!({ "downloaded": true }))
            });
        }
    };
    let purge = {
        let path = format!("{base}/customers");
        move || {
            let path = path.clone();
            other.run(async move { api.delete(&path).await });
        }
    };
    // Staff purge once the campaign is closed, administrators at any time (the API's rule).
    let may_purge = use_session().is_admin() || closed;
    let upload_report = move || {
        uploaded.result.with(|r| match r {
            None => ().into_any(),
            Some(Ok(v)) => {
                done_note(t::customers_uploaded(v["rows"].as_u64().unwrap_or(0), v["phones"].as_u64().unwrap_or(0)))
                    .into_any()
            }
            Some(Err(Failure::Refused { body, .. })) if !body.rows.is_empty() => row_errors(&body.rows).into_any(),
            Some(Err(f)) => failure_note(f).into_any(),
        })
    };
    view! {
        <section aria-labelledby="customers-title">
            <h2 id="customers-title">{t::CUSTOMERS_TITLE}</h2>
            <p class="hint" id="customers-hint">{t::CUSTOMERS_HINT}</p>
            <form class="admin-form" on:submit=upload>
                <label for="customers-file">{t::IMPORT_FILE}</label>
                <input id="customers-file" type="file" accept=".csv,text/csv" on:change=pick_file/>
                <label for="customers-csv">{t::IMPORT_PASTE}</label>
                <textarea id="customers-csv" rows="5" aria-describedby="customers-hint" prop:value=move || csv.get() on:input=move |ev| csv.set(event_target_value(&ev))></textarea>
                <button type="submit" class="primary" id="upload-customers">{t::UPLOAD_CUSTOMERS}</button>
            </form>
            {upload_report}
        </section>
        <section aria-labelledby="call-sample-title">
            <h2 id="call-sample-title">{t::CALL_SAMPLE_TITLE}</h2>
            <form class="admin-form" on:submit=draw>
                <label for="sample-size">{t::SAMPLE_SIZE}</label>
                <input id="sample-size" type="text" inputmode="numeric" required on:input=move |ev| size.set(event_target_value(&ev))/>
                <label for="sample-seed">{t::SAMPLE_SEED}</label>
                <input id="sample-seed" type="text" inputmode="numeric" aria-describedby="seed-hint" on:input=move |ev| seed.set(event_target_value(&ev))/>
                <p class="hint" id="seed-hint">{t::SEED_HINT}</p>
                <button type="submit" class="primary" id="draw-call-sample">{t::DRAW}</button>
            </form>
            {outcome(drawn, |v| t::call_sample(v["rows"].as_array().map_or(0, Vec::len), v["population"].as_u64().unwrap_or(0), v["seed"].as_u64().unwrap_or(0)))}
            <div class="row">
                <button type="button" id="call-sheet" on:click=sheet>{t::CALL_SHEET}</button>
                <AskFirst id="purge-customers".to_owned() label=t::PURGE
                    disabled=Signal::derive(move || !may_purge || other.pending.get()) why_not=t::PURGE_NOT_YET
                    yes=t::PURGE_YES on_yes=move |_| purge()>
                    <p>{t::confirm_purge(&label)}</p>
                </AskFirst>
            </div>
            {outcome(other, |v| if v.get("downloaded").is_some() { t::DOWNLOADED.to_owned() } else { t::purged(v["rows"].as_u64().unwrap_or(0)) })}
        </section>
    }
}
