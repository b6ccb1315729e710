//! Responses as CSV or XLSX, of the whole campaign or one unit. An export is a job: the button
//! starts it (`POST …/exports`), the page follows its progress every second, then offers the
//! file: the admin route locally (fetched with the token and saved), a short-lived presigned
//! link of the private bucket in AWS (opened as it is: the link is its own permission).

use super::api::{Api, save, use_api};
use super::campaigns::MemberUnit;
use super::jobs::followed;
use super::text as t;
use super::use_session;
use super::widgets::{Loaded, failure_note};
use crate::api::Call;
use hailong_domain::api::{ExportJob, JobState};
use leptos::prelude::*;

#[component]
pub fn Exports(campaign: String, units: Vec<MemberUnit>) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let whole = session.role != super::session::Role::Staff;
    let units: Vec<MemberUnit> = units.into_iter().filter(|u| session.may_see(&u.code)).collect();
    let first = if whole { String::new() } else { units.first().map(|u| u.code.clone()).unwrap_or_default() };
    let unit = RwSignal::new(first);
    let call: Loaded<ExportJob> = Call::new();
    let base = format!("/api/admin/campaigns/{campaign}/exports");
    let job = followed(api, call, base.clone());
    let start = move |format: &'static str| {
        let path = base.clone();
        move |_| {
            let u = unit.get_untracked();
            let body = if u.is_empty() {
                serde_json::json!({ "format": format })
            } else {
                serde_json::json!({ "format": format, "unit": u })
            };
            let path = path.clone();
            job.set(None);
            call.run(async move { api.post(&path, &body).await });
        }
    };
    let running = move || call.pending.get() || job.with(|j| j.as_ref().is_some_and(|j| j.state == JobState::Running));
    let options = units.into_iter().map(|u| view! { <option value=u.code.clone()>{u.label()}</option> }).collect_view();
    let result = move || {
        if let Some(j) = job.get() {
            return job_note(api, j).into_any();
        }
        call.result.with(|r| match r {
            Some(Err(f)) => failure_note(f).into_any(),
            _ => ().into_any(),
        })
    };
    view! {
        <section aria-labelledby="exports-title">
            <h2 id="exports-title">{t::EXPORTS_TITLE}</h2>
            <label for="export-unit">{t::UNIT}</label>
            <select id="export-unit" on:change=move |ev| unit.set(event_target_value(&ev))>
                {whole.then(|| view! { <option value="">{t::WHOLE_CAMPAIGN}</option> })}
                {options}
            </select>
            <div class="row">
                <button type="button" id="export-csv" on:click=start("csv") disabled=running>{t::DOWNLOAD_CSV}</button>
                <button type="button" id="export-xlsx" on:click=start("xlsx") disabled=running>{t::DOWNLOAD_XLSX}</button>
            </div>
            {result}
        </section>
    }
}

fn job_note(api: Api, j: ExportJob) -> impl IntoView {
    match (j.state, j.download) {
        (JobState::Running, _) => {
            let text = t::exporting(j.units_done, j.units_total, j.rows_written);
            view! { <div class="status" role="status" id="export-job"><p>{text}</p></div> }.into_any()
        }
        (JobState::Done, Some(link)) => {
            let unit = j.unit.map(|u| format!("-{u}")).unwrap_or_default();
            let name = format!("{}{unit}-responses.{}", j.campaign, j.format.extension());
            // The admin route needs the token; a presigned link needs nothing else.
            let file = if link.starts_with('/') {
                let call: Loaded<()> = Call::new();
                let fetch = move |_| {
                    let (link, name) = (link.clone(), name.clone());
                    call.run(async move {
                        save(&api.blob(&link).await?, &name);
                        Ok(())
                    });
                };
                view! {
                    <button type="button" class="primary" id="export-file" on:click=fetch>{t::DOWNLOAD_FILE}</button>
                    {move || call.result.with(|r| r.as_ref().and_then(|r| r.as_ref().err()).map(failure_note))}
                }
                .into_any()
            } else {
                view! { <a class="button primary" id="export-file" href=link download=name>{t::DOWNLOAD_FILE}</a> }
                    .into_any()
            };
            view! { <div class="ok" role="status" id="export-job"><p>{t::EXPORT_READY}</p>{file}</div> }.into_any()
        }
        (_, _) => view! { <div class="error" role="alert" id="export-job"><p>{t::EXPORT_FAILED}</p></div> }.into_any(),
    }
}
