//! Results: preview of the figures as they would be published (a job, then paged by unit), and publishing
//! (`POST …/publish`, with a public reason for a second version), which runs as a job whose
//! progress the page follows. Publishing is for administrators, once the campaign is closed,
//! after saying what will happen; everyone may preview the units they see.

use super::api::{Api, use_api};
use super::campaigns::{campaign_links, load_campaign};
use super::jobs::followed;
use super::pager::{PagerNav, Pages};
use super::text as t;
use super::use_session;
use super::widgets::{AskFirst, Loaded, failure_note, loading, title};
use crate::api::Call;
use hailong_domain::api::{JobFailure, JobState, PreviewJob, PublishJob};
use hailong_domain::{CampaignStatus, Snapshot};
use leptos::prelude::*;

#[component]
pub fn PublishPage(campaign: String) -> impl IntoView {
    let api = use_api();
    let (started, preview) = start_preview(api, &campaign);
    let detail = load_campaign(api, &campaign);
    let closed = Signal::derive(move || {
        detail.result.with(|d| matches!(d, Some(Ok(d)) if d.campaign.status == CampaignStatus::Closed))
    });
    view! {
        {title(t::PUBLISH_TITLE)}
        {campaign_links(&campaign)}
        // Shown once the campaign's state is known, so the button is never briefly wrong.
        {use_session().is_admin().then(|| {
            let campaign = campaign.clone();
            move || {
                let known = detail.result.with(|d| matches!(d, Some(Ok(_))));
                known.then(|| view! { <Publish campaign=campaign.clone() closed preview/> })
            }
        })}
        <h2>{t::PREVIEW_TITLE}</h2>
        <Preview campaign started preview/>
    }
}

/// The preview is a job too (its figures read every unit's aggregates): started as the page
/// opens and followed until it is done.
fn start_preview(api: Api, campaign: &str) -> (Loaded<PreviewJob>, RwSignal<Option<PreviewJob>>) {
    let started: Loaded<PreviewJob> = Call::new();
    let base = format!("/api/admin/campaigns/{campaign}/preview");
    let job = followed(api, started, base.clone());
    started.run(async move { api.post(&base, &serde_json::json!({})).await });
    (started, job)
}

/// The preview's state, then its figures a page of units at a time: the first page is the
/// followed job's own answer, the others are read when the reader moves to them.
#[component]
fn Preview(campaign: String, started: Loaded<PreviewJob>, preview: RwSignal<Option<PreviewJob>>) -> impl IntoView {
    let api = use_api();
    let pages = Pages::new();
    let page: Loaded<PreviewJob> = Call::new();
    Effect::new(move || {
        if let Some(j) = preview.get().filter(|j| j.state == JobState::Done) {
            pages.answered(j.next);
        }
    });
    let moved = Callback::new(move |()| {
        let Some(id) = preview.with_untracked(|j| j.as_ref().map(|j| j.job.clone())) else { return };
        let path = pages.path(&format!("/api/admin/campaigns/{campaign}/preview/{id}"));
        page.run(async move {
            let answer: PreviewJob = api.get(&path).await?;
            pages.answered(answer.next.clone());
            Ok(answer)
        });
    });
    move || {
        if let Some(Err(f)) = started.result.get() {
            return failure_note(&f).into_any();
        }
        let shown = match page.result.get() {
            Some(Err(f)) => return failure_note(&f).into_any(),
            Some(Ok(p)) => Some(p),
            None => preview.get(),
        };
        match shown {
            None => loading().into_any(),
            Some(j) if j.state == JobState::Running => {
                view! { <p class="status" role="status" id="preview-job">{t::PREVIEWING}</p> }.into_any()
            }
            Some(j) if j.state == JobState::Failed => {
                view! { <div class="error" role="alert" id="preview-job"><p>{t::PREVIEW_FAILED}</p></div> }.into_any()
            }
            Some(j) => view! { {j.figures.map(figures)} <PagerNav pages moved/> }.into_any(),
        }
    }
}

/// Publishing is a job: the request answers at once with it, and the page follows its progress
/// every second until it is done or failed.
#[component]
fn Publish(campaign: String, closed: Signal<bool>, preview: RwSignal<Option<PreviewJob>>) -> impl IntoView {
    let api = use_api();
    let reason = RwSignal::new(String::new());
    let call: Loaded<PublishJob> = Call::new();
    let base = format!("/api/admin/campaigns/{campaign}/publish");
    let job = followed(api, call, base.clone());
    let publish = move || {
        let r = reason.get_untracked().trim().to_owned();
        let body = if r.is_empty() { serde_json::json!({}) } else { serde_json::json!({ "reason": r }) };
        let path = base.clone();
        job.set(None);
        call.run(async move { api.post(&path, &body).await });
    };
    // What will happen, from the preview: how many units and counted responses go public.
    let what = move || {
        preview.with(|p| match p {
            Some(j) if j.state == JobState::Done => t::confirm_publish(j.units_total, j.counted_total),
            _ => t::confirm_publish(0, 0),
        })
    };
    let running = move || job.with(|j| j.as_ref().is_some_and(|j| j.state == JobState::Running));
    let result = move || {
        if let Some(j) = job.get() {
            return job_note(&j).into_any();
        }
        call.result.with(|r| match r {
            Some(Err(f)) if f.code() == Some("reason_required") => {
                view! { <div class="error" role="alert"><p>{t::REASON_REQUIRED}</p></div> }.into_any()
            }
            Some(Err(f)) => failure_note(f).into_any(),
            _ => ().into_any(),
        })
    };
    view! {
        <div class="admin-form">
            <label for="publish-reason">{t::PUBLISH_REASON}</label>
            <textarea id="publish-reason" rows="2" aria-describedby="publish-hint" on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            <p class="hint" id="publish-hint">{t::PUBLISH_HINT}</p>
            <AskFirst id="publish".to_owned() label=t::PUBLISH
                disabled=Signal::derive(move || !closed.get() || call.pending.get() || running())
                why_not=t::PUBLISH_NOT_CLOSED yes=t::PUBLISH_YES on_yes=move |_| publish()>
                <p>{what}</p>
            </AskFirst>
        </div>
        {result}
    }
}

fn job_note(j: &PublishJob) -> impl IntoView + use<> {
    let (class, role, text) = match (&j.state, &j.failure) {
        (JobState::Running, _) => {
            ("status", "status", t::publishing(j.version, j.units_done, j.units_total, j.responses_hashed))
        }
        (JobState::Done, _) => ("ok", "status", t::published(j.version, j.digest.as_deref().unwrap_or_default())),
        (JobState::Failed, Some(JobFailure::NotFullyCounted { stored, counted, units })) => {
            let units = units.iter().map(|u| u.to_string()).collect::<Vec<_>>().join(", ");
            ("error", "alert", t::not_fully_counted(*stored, *counted, &units))
        }
        (JobState::Failed, Some(JobFailure::ExclusionsChanged)) => {
            ("error", "alert", t::PUBLISH_EXCLUSIONS_CHANGED.to_owned())
        }
        (JobState::Failed, Some(JobFailure::StepFailed { step, .. })) => {
            ("error", "alert", t::publish_step_failed(step))
        }
        (JobState::Failed, None) => ("error", "alert", t::publish_step_failed("")),
    };
    view! { <div class=class role=role id="publish-job"><p>{text}</p></div> }
}

fn figures(s: Snapshot) -> impl IntoView {
    let maybe = |x: Option<f64>| x.map(t::pct).unwrap_or_else(|| t::UNKNOWN.to_owned());
    let rows = s
        .units
        .into_iter()
        .map(|u| {
            let f = &u.figures;
            let ci =
                f.ci95.map(|[a, b]| format!("{} – {}", t::pct(a), t::pct(b))).unwrap_or_else(|| t::UNKNOWN.to_owned());
            let met = match (f.suppressed, f.target_met) {
                (true, _) => t::SUPPRESSED,
                (false, Some(true)) => t::TARGET_MET,
                (false, Some(false)) => t::TARGET_MISSED,
                (false, None) => t::UNKNOWN,
            };
            view! {
                <tr>
                    <th scope="row">{u.name.clone()}</th>
                    <td class="num">{f.n}</td>
                    <td class="num">{maybe(f.index)}</td>
                    <td class="num">{ci}</td>
                    <td class="num">{maybe(f.pooled_pct)}</td>
                    <td>{met}</td>
                    <td class="num">{u.rank.map(|r| r.to_string()).unwrap_or_else(|| t::UNKNOWN.to_owned())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data" id="preview">
                <caption>{t::PREVIEW_CAPTION}</caption>
                <thead><tr>
                    <th scope="col">{t::UNIT}</th><th scope="col">{t::COUNTED}</th><th scope="col">{t::INDEX}</th>
                    <th scope="col">{t::CI95}</th><th scope="col">{t::POOLED}</th><th scope="col">{t::TARGET}</th><th scope="col">{t::RANK}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
