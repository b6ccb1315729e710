//! A new campaign from a plan (`POST /api/admin/campaigns`), as the province's plans write it:
//! title, issuing authority, period, the kinds of units taking part (under a parent unit, if chosen), the
//! questionnaire and quota of each kind, the satisfaction target and the minimum of responses.
//! The questionnaires offered are the catalogue's (`GET /api/admin/questionnaires`), every version.

use super::api::use_api;
use super::nav::use_nav;
use super::text as t;
use super::units::{RegisteredUnit, load_units};
use super::widgets::{Loaded, failure_note, number, shown, title};
use crate::api::Call;
use hailong_domain::authority::MAX_AUTHORITY_CHARS;
use hailong_domain::{Authority, Campaign, CampaignId, Date, Questionnaire, TargetRule, UnitKind};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The questionnaire a kind of unit answers unless the plan says otherwise.
fn usual_questionnaire(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::TramYTe | UnitKind::BenhVien => "moh-outpatient",
        UnitKind::Other => "counter-rating",
        _ => "sipas",
    }
}

#[derive(Clone, Copy)]
struct KindChoice {
    on: RwSignal<bool>,
    questionnaire: RwSignal<String>,
    quota: RwSignal<String>,
}

#[component]
pub fn NewCampaign() -> impl IntoView {
    let api = use_api();
    let nav = use_nav();
    let units = load_units(api);
    let id = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let authority = RwSignal::new(String::new());
    let opens = RwSignal::new(String::new());
    let closes = RwSignal::new(String::new());
    let parent = RwSignal::new(String::new());
    let target = RwSignal::new("90".to_owned());
    let rule = RwSignal::new(TargetRule::Above);
    let min = RwSignal::new("30".to_owned());
    let problem = RwSignal::new(None::<&'static str>);
    let catalogue: Loaded<Vec<Questionnaire>> = Call::new();
    catalogue.run(async move { api.get("/api/admin/questionnaires").await });
    let kinds: Vec<(UnitKind, KindChoice)> = UnitKind::ALL
        .into_iter()
        .map(|k| {
            (
                k,
                KindChoice {
                    on: RwSignal::new(false),
                    questionnaire: RwSignal::new(String::new()),
                    quota: RwSignal::new(String::new()),
                },
            )
        })
        .collect();
    let call: Loaded<Campaign> = Call::new();
    let submit = {
        let kinds = kinds.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            problem.set(None);
            let chosen: Vec<(UnitKind, KindChoice)> =
                kinds.iter().copied().filter(|(_, c)| c.on.get_untracked()).collect();
            if CampaignId::parse(id.get_untracked().trim()).is_err() {
                return problem.set(Some(t::PLAN_BAD_ID));
            }
            if Authority::parse(&authority.get_untracked()).is_err() {
                return problem.set(Some(t::PLAN_BAD_AUTHORITY));
            }
            if Date::parse(&opens.get_untracked()).is_err() || Date::parse(&closes.get_untracked()).is_err() {
                return problem.set(Some(t::PLAN_BAD_DATES));
            }
            if chosen.is_empty() {
                return problem.set(Some(t::PLAN_NO_KIND));
            }
            let mut questionnaires = BTreeMap::new();
            let mut quotas = BTreeMap::new();
            for (kind, c) in &chosen {
                let q = c.questionnaire.get_untracked();
                let (qid, version) = q.split_once('@').unwrap_or((&q, "1"));
                questionnaires.insert(
                    kind.as_str(),
                    serde_json::json!({ "id": qid, "version": number::<u32>(version).unwrap_or(1) }),
                );
                if let Some(quota) = number::<u32>(&c.quota.get_untracked()) {
                    quotas.insert(kind.as_str(), quota);
                }
            }
            let parent = parent.get_untracked();
            let plan = serde_json::json!({
                "id": id.get_untracked().trim(),
                "title": name.get_untracked(),
                "authority": authority.get_untracked(),
                "opens": opens.get_untracked(),
                "closes": closes.get_untracked(),
                "kinds": chosen.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
                "parent": (!parent.is_empty()).then_some(parent),
                "questionnaires": questionnaires,
                "quotas": quotas,
                "target_pct": number::<f64>(&target.get_untracked().replace(',', ".")).unwrap_or(90.0),
                "target_rule": rule.get_untracked().as_str(),
                "min_responses": number::<u32>(&min.get_untracked()).unwrap_or(30),
            });
            call.run(async move {
                let r: Result<Campaign, _> = api.post("/api/admin/campaigns", &plan).await;
                if let Ok(c) = &r {
                    nav.go(&format!("/admin/campaigns/{}", c.id));
                }
                r
            });
        }
    };
    let kind_rows = move |list: Vec<Questionnaire>| kind_rows(list, kinds.clone());
    let parents = move |list: Vec<RegisteredUnit>| {
        let options = list
            .into_iter()
            .filter(|u| u.unit.active)
            .map(|u| view! { <option value=u.unit.code.to_string()>{u.unit.name}</option> })
            .collect_view();
        view! {
            <label for="plan-parent">{t::PLAN_PARENT}</label>
            <select id="plan-parent" on:change=move |ev| parent.set(event_target_value(&ev))>
                <option value="">{t::ANY_PARENT}</option>
                {options}
            </select>
        }
    };
    let field = |id: &'static str, label: &'static str, kind: &'static str, signal: RwSignal<String>| {
        view! {
            <label for=id>{label}</label>
            <input id=id type=kind required prop:value=move || signal.get() on:input=move |ev| signal.set(event_target_value(&ev))/>
        }
    };
    view! {
        {title(t::PLAN_TITLE)}
        <form class="admin-form plan" on:submit=submit novalidate>
            {field("plan-id", t::PLAN_ID, "text", id)}
            {field("plan-title", t::PLAN_NAME, "text", name)}
            <label for="plan-authority">{t::PLAN_AUTHORITY}</label>
            <p class="hint" id="plan-authority-hint">{t::PLAN_AUTHORITY_HINT}</p>
            <input id="plan-authority" type="text" required maxlength=MAX_AUTHORITY_CHARS aria-describedby="plan-authority-hint"
                prop:value=move || authority.get() on:input=move |ev| authority.set(event_target_value(&ev))/>
            {field("plan-opens", t::OPENS, "date", opens)}
            {field("plan-closes", t::CLOSES, "date", closes)}
            <fieldset>
                <legend>{t::PLAN_UNITS}</legend>
                <p class="hint">{t::PLAN_UNITS_HINT}</p>
                <p class="hint" id="quota-hint">{t::PLAN_QUOTA_HINT}</p>
                {shown(catalogue, kind_rows)}
                {shown(units, parents)}
            </fieldset>
            {field("plan-target", t::PLAN_TARGET, "text", target)}
            <label for="plan-target-rule">{t::PLAN_TARGET_RULE}</label>
            <select id="plan-target-rule" on:change=move |ev| rule.set(TargetRule::parse(&event_target_value(&ev)).unwrap_or(TargetRule::Above))>
                {[TargetRule::Above, TargetRule::AtLeast].map(|r| view! {
                    <option value=r.as_str() selected=r == TargetRule::Above>{t::target_rule(r)}</option>
                }).collect_view()}
            </select>
            {field("plan-min", t::PLAN_MIN, "text", min)}
            {move || problem.get().map(|p| view! { <div class="error" role="alert"><p>{p}</p></div> })}
            {move || call.result.with(|r| r.as_ref().and_then(|r| r.as_ref().err()).map(failure_note))}
            <button type="submit" class="primary" id="plan-submit" disabled=move || call.pending.get()>{t::PLAN_CREATE}</button>
        </form>
    }
}

/// One row per kind of unit: taking part or not, its questionnaire (the latest version of the
/// usual one preselected) and its quota.
fn kind_rows(mut list: Vec<Questionnaire>, kinds: Vec<(UnitKind, KindChoice)>) -> impl IntoView {
    list.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()).then(b.version.cmp(&a.version)));
    kinds
        .into_iter()
        .map(|(kind, c)| {
            let key = kind.as_str();
            if c.questionnaire.get_untracked().is_empty() {
                let usual = list.iter().find(|q| q.id.as_str() == usual_questionnaire(kind)).map(|q| format!("{}@{}", q.id, q.version));
                c.questionnaire.set(usual.unwrap_or_default());
            }
            let options = list
                .iter()
                .map(|q| {
                    let value = format!("{}@{}", q.id, q.version);
                    let selected = c.questionnaire.get_untracked() == value;
                    view! { <option value=value selected=selected>{t::questionnaire_choice(&q.title, q.id.as_str(), q.version)}</option> }
                })
                .collect_view();
            view! {
                <div class="kind-row">
                    <label class="inline" for=format!("kind-{key}")>
                        <input type="checkbox" id=format!("kind-{key}") prop:checked=move || c.on.get() on:change=move |ev| c.on.set(event_target_checked(&ev))/>
                        {t::kind(kind)}
                    </label>
                    <label for=format!("questionnaire-{key}")>{t::PLAN_QUESTIONNAIRE}</label>
                    <select id=format!("questionnaire-{key}") disabled=move || !c.on.get() on:change=move |ev| c.questionnaire.set(event_target_value(&ev))>{options}</select>
                    <label for=format!("quota-{key}")>{t::PLAN_QUOTA}</label>
                    <input id=format!("quota-{key}") type="text" inputmode="numeric" disabled=move || !c.on.get()
                        aria-describedby="quota-hint" prop:value=move || c.quota.get() on:input=move |ev| c.quota.set(event_target_value(&ev))/>
                </div>
            }
        })
        .collect_view()
}
