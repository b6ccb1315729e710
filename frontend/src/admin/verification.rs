//! Re-verification (phúc tra): draw a reproducible share (10% by default) of a unit's paper,
//! phone and interviewer forms, record for each whether the respondent confirmed it, and follow
//! the progress per unit.

use super::api::use_api;
use super::campaigns::{CampaignDetail, MemberUnit, campaign_links, load_campaign};
use super::progress::{PagedProgress, Progress};
use super::text as t;
use super::use_session;
use super::widgets::{Loaded, number, outcome, shown, title};
use crate::api::Call;
use hailong_domain::api::{Verification, VerificationStatus};
use leptos::prelude::*;
use serde::Deserialize;

/// The answer of `POST …/verification-sample`.
#[derive(Debug, Clone, Deserialize)]
struct Drawn {
    unit: String,
    seed: u64,
    population: usize,
    sample: Vec<String>,
}

/// `GET …/verification-sample`: every sampled response with its verdict so far.
#[derive(Debug, Clone, Deserialize)]
struct Samples {
    sample: Vec<Verification>,
}

#[component]
pub fn VerificationPage(campaign: String) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let detail = load_campaign(api, &campaign);
    let progress = PagedProgress::load(api, &campaign);
    let samples: Loaded<Samples> = Call::new();
    let samples_path = format!("/api/admin/campaigns/{campaign}/verification-sample");
    let reload = Callback::new(move |()| {
        let path = samples_path.clone();
        samples.run(async move { api.get(&path).await });
    });
    reload.run(());
    let names = RwSignal::new(Vec::<(String, String)>::new());
    let draw = {
        let (campaign, session, progress) = (campaign.clone(), session.clone(), progress.clone());
        move |d: CampaignDetail| {
            names.set(d.units.iter().map(|u| (u.code.clone(), u.label())).collect());
            let mine: Vec<_> = d.units.into_iter().filter(|u| session.may_work(&u.code)).collect();
            (session.enters_data() && !mine.is_empty())
                .then(|| view! { <DrawForm campaign=campaign.clone() units=mine progress=progress.clone() reload/> })
        }
    };
    let list = move |s: Samples| sample_list(s, names.get(), use_session().enters_data());
    view! {
        {title(t::VERIFICATION_TITLE)}
        {campaign_links(&campaign)}
        <p class="hint">{t::VERIFICATION_INTRO}</p>
        {shown(detail, draw)}
        <section aria-labelledby="sample-title">
            <h2 id="sample-title">{t::SAMPLE_TITLE}</h2>
            {shown(samples, list)}
        </section>
        <h2>{t::VERIFICATION_PROGRESS}</h2>
        {progress.nav()}
        {shown(progress.call, verification_table)}
    }
}

#[component]
fn DrawForm(campaign: String, units: Vec<MemberUnit>, progress: PagedProgress, reload: Callback<()>) -> impl IntoView {
    let api = use_api();
    let unit = RwSignal::new(units[0].code.clone());
    let share = RwSignal::new("10".to_owned());
    let call: Loaded<Drawn> = Call::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pct = number::<f64>(&share.get_untracked().replace(',', ".")).unwrap_or(10.0);
        let body = serde_json::json!({ "unit": unit.get_untracked(), "share": pct / 100.0 });
        let path = format!("/api/admin/campaigns/{campaign}/verification-sample");
        let progress = progress.clone();
        call.run(async move {
            let r: Result<Drawn, _> = api.post(&path, &body).await;
            if r.is_ok() {
                reload.run(());
                progress.reload();
            }
            r
        });
    };
    let options = units.into_iter().map(|u| view! { <option value=u.code.clone()>{u.label()}</option> }).collect_view();
    view! {
        <form class="admin-form" on:submit=submit>
            <h2>{t::DRAW_TITLE}</h2>
            <label for="verify-unit">{t::UNIT}</label>
            <select id="verify-unit" on:change=move |ev| unit.set(event_target_value(&ev))>{options}</select>
            <label for="verify-share">{t::SHARE}</label>
            <input id="verify-share" type="text" inputmode="decimal" prop:value=move || share.get() on:input=move |ev| share.set(event_target_value(&ev))/>
            <button type="submit" class="primary" id="draw-sample" disabled=move || call.pending.get()>{t::DRAW}</button>
        </form>
        <div id="sample-summary">
            {outcome(call, |d| t::sample_summary(&d.unit, d.sample.len(), d.population, d.seed))}
        </div>
    }
}

/// The sampled responses, unit by unit, each with its verdict or the form to record it.
fn sample_list(s: Samples, names: Vec<(String, String)>, works: bool) -> impl IntoView {
    if s.sample.is_empty() {
        return view! { <p>{t::NO_SAMPLE}</p> }.into_any();
    }
    let units: std::collections::BTreeSet<String> = s.sample.iter().map(|v| v.unit.to_string()).collect();
    let session = use_session();
    units
        .into_iter()
        .map(|unit| {
            let name = names.iter().find(|(c, _)| *c == unit).map(|(_, n)| n.clone()).unwrap_or_else(|| unit.clone());
            let may = works && session.may_work(&unit);
            let items = s
                .sample
                .iter()
                .filter(|v| v.unit.as_str() == unit)
                .cloned()
                .map(|v| view! { <li><Verdict sampled=v may/></li> })
                .collect_view();
            view! {
                <h3>{name}</h3>
                <ul class="sample" data-unit=unit>{items}</ul>
            }
        })
        .collect_view()
        .into_any()
}

/// Confirmed or discrepancy, with a note, for one sampled response; the verdict once recorded.
#[component]
fn Verdict(sampled: Verification, may: bool) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let response = sampled.response.to_string();
    let exclude = session.is_admin().then(|| {
        let href = format!("/admin/responses/{response}/exclude");
        view! { <a href=href>{t::EXCLUDE_THIS}</a> }
    });
    if sampled.status != VerificationStatus::Pending || !may {
        let said = match sampled.status {
            VerificationStatus::Pending => t::PENDING.to_owned(),
            status => t::verdict(
                status == VerificationStatus::Confirmed,
                &sampled.note,
                sampled.by.as_deref().unwrap_or_default(),
            ),
        };
        return view! {
            <p class="verdict" data-response=response.clone()><code>{response.clone()}</code>": "{said}" "{exclude}</p>
        }
        .into_any();
    }
    let result = RwSignal::new("confirmed");
    let note = RwSignal::new(String::new());
    let call: Loaded<serde_json::Value> = Call::new();
    let key = response.chars().take(8).collect::<String>();
    let name = format!("verdict-{key}");
    let submit = {
        let response = response.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let path = format!("/api/admin/responses/{response}/verification");
            let body = serde_json::json!({ "result": result.get_untracked(), "note": note.get_untracked() });
            call.run(async move { api.post(&path, &body).await });
        }
    };
    let radio = |value: &'static str, label: &'static str| {
        let id = format!("{name}-{value}");
        let label_for = id.clone();
        view! {
            <label class="inline" for=label_for>
                <input type="radio" id=id name=name.clone() checked=move || result.get() == value on:change=move |_| result.set(value)/>
                {label}
            </label>
        }
    };
    view! {
        <form class="verdict" data-response=response.clone() on:submit=submit>
            <fieldset>
                <legend>{t::RESPONSE_ID}" "<code>{response.clone()}</code></legend>
                {radio("confirmed", t::CONFIRMED)}
                {radio("discrepancy", t::DISCREPANCY)}
                <label for=format!("{name}-note")>{t::NOTE}</label>
                <input id=format!("{name}-note") type="text" on:input=move |ev| note.set(event_target_value(&ev))/>
                <button type="submit" disabled=move || call.pending.get() || matches!(call.result.get(), Some(Ok(_)))>{t::RECORD}</button>
                {exclude}
            </fieldset>
            {outcome(call, |v| t::recorded(v["status"].as_str() == Some("confirmed")))}
        </form>
    }
    .into_any()
}

fn verification_table(p: Progress) -> impl IntoView {
    let rows = p
        .units
        .into_iter()
        .map(|u| {
            let (sampled, confirmed, discrepancy) =
                (u.verification.sampled, u.verification.confirmed, u.verification.discrepancy);
            view! {
                <tr data-unit=u.code.clone()>
                    <th scope="row">{u.label()}</th>
                    <td class="num">{sampled}</td>
                    <td class="num">{confirmed}</td>
                    <td class="num">{discrepancy}</td>
                    <td class="num">{sampled - confirmed - discrepancy}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data" id="verification-progress">
            <caption>{t::VERIFICATION_CAPTION}</caption>
            <thead><tr>
                <th scope="col">{t::UNIT}</th><th scope="col">{t::SAMPLED}</th><th scope="col">{t::CONFIRMED}</th>
                <th scope="col">{t::DISCREPANCY}</th><th scope="col">{t::PENDING}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
