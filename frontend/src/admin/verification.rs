//! Re-verification (phúc tra): draw a reproducible share (10% by default) of a unit's paper,
//! phone and interviewer forms, record for each whether the respondent confirmed it, and follow
//! the progress per unit.

use super::api::use_api;
use super::campaigns::{CampaignDetail, campaign_links, load_campaign};
use super::progress::{ProgressView, load_progress};
use super::text as t;
use super::use_session;
use super::widgets::{Loaded, failure_note, number, outcome, shown, title};
use crate::api::Call;
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

#[component]
pub fn VerificationPage(campaign: String) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let detail = load_campaign(api, &campaign);
    let progress = load_progress(api, &campaign);
    let drawn = RwSignal::new(None::<Drawn>);
    let draw = {
        let campaign = campaign.clone();
        let session = session.clone();
        move |d: CampaignDetail| {
            let mine: Vec<_> = d.units.into_iter().filter(|u| session.may_work(&u.code)).collect();
            (!mine.is_empty()).then(|| view! { <DrawForm campaign=campaign.clone() units=mine drawn progress/> })
        }
    };
    let works = session.enters_data();
    view! {
        {title(t::VERIFICATION_TITLE)}
        {campaign_links(&campaign)}
        <p class="hint">{t::VERIFICATION_INTRO}</p>
        {works.then(|| shown(detail, draw))}
        {move || drawn.get().map(sample_list)}
        {works.then(|| view! { <EarlierSample/> })}
        <h2>{t::VERIFICATION_PROGRESS}</h2>
        {shown(progress, verification_table)}
    }
}

#[component]
fn DrawForm(campaign: String, units: Vec<super::campaigns::MemberUnit>, drawn: RwSignal<Option<Drawn>>, progress: Loaded<ProgressView>) -> impl IntoView {
    let api = use_api();
    let unit = RwSignal::new(units[0].code.clone());
    let share = RwSignal::new("10".to_owned());
    let call: Loaded<Drawn> = Call::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pct = number::<f64>(&share.get_untracked().replace(',', ".")).unwrap_or(10.0);
        let body = serde_json::json!({ "unit": unit.get_untracked(), "share": pct / 100.0 });
        let path = format!("/api/admin/campaigns/{campaign}/verification-sample");
        let reload = format!("/api/admin/campaigns/{campaign}/progress");
        call.run(async move {
            let r: Result<Drawn, _> = api.post(&path, &body).await;
            if let Ok(d) = &r {
                drawn.set(Some(d.clone()));
                progress.run(async move { api.get(&reload).await });
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
        {move || call.result.with(|r| r.as_ref().and_then(|r| r.as_ref().err()).map(failure_note))}
    }
}

fn sample_list(d: Drawn) -> impl IntoView {
    let rows = d.sample.iter().map(|id| view! { <li><Verdict response=id.clone()/></li> }).collect_view();
    view! {
        <section aria-labelledby="sample-title">
            <h2 id="sample-title">{t::sample_title(&d.unit)}</h2>
            <p id="sample-summary" role="status">{t::sample_summary(d.sample.len(), d.population, d.seed)}</p>
            <ul class="sample" id="sample">{rows}</ul>
        </section>
    }
}

/// For a sample drawn in an earlier visit: the verdict by response id.
#[component]
fn EarlierSample() -> impl IntoView {
    let id = RwSignal::new(String::new());
    let shown_id = RwSignal::new(None::<String>);
    view! {
        <details class="earlier">
            <summary>{t::EARLIER_SAMPLE}</summary>
            <form class="admin-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                shown_id.set(Some(id.get_untracked().trim().to_owned()));
            }>
                <label for="earlier-id">{t::RESPONSE_ID}</label>
                <input id="earlier-id" type="text" autocomplete="off" on:input=move |ev| id.set(event_target_value(&ev))/>
                <button type="submit">{t::SHOW}</button>
            </form>
            {move || shown_id.get().filter(|i| !i.is_empty()).map(|i| view! { <Verdict response=i/> })}
        </details>
    }
}

/// Confirmed or discrepancy, with a note, for one sampled response.
#[component]
fn Verdict(response: String) -> impl IntoView {
    let api = use_api();
    let session = use_session();
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
    let exclude = session.is_admin().then(|| {
        let href = format!("/admin/responses/{response}/exclude");
        view! { <a href=href>{t::EXCLUDE_THIS}</a> }
    });
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
}

fn verification_table(p: ProgressView) -> impl IntoView {
    let rows = p
        .units
        .into_iter()
        .map(|u| {
            let (sampled, confirmed, discrepancy) = (u.verified("sampled"), u.verified("confirmed"), u.verified("discrepancy"));
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
