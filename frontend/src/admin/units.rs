//! The unit register: the tree (province → district or department → commune office or health
//! station), CSV import with the API's row-by-row report (nothing stored when a row is wrong),
//! editing, and deactivation. Administrators change it; others read it.

use super::api::{Failure, chosen_file_text, use_api};
use super::text as t;
use super::use_session;
use super::widgets::{Loaded, done_note, failure_note, number, shown, title};
use crate::api::Call;
use hailong_domain::{Unit, UnitKind};
use leptos::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `GET /api/admin/units`: a unit and the quota its service volume suggests.
#[derive(Debug, Clone, Deserialize)]
pub struct RegisteredUnit {
    #[serde(flatten)]
    pub unit: Unit,
    pub suggested_quota: Option<u32>,
}

pub fn load_units(api: super::api::Api) -> Loaded<Vec<RegisteredUnit>> {
    let call = Call::new();
    call.run(async move { api.get("/api/admin/units").await });
    call
}

#[component]
pub fn UnitsPage() -> impl IntoView {
    let api = use_api();
    let units = load_units(api);
    let reload = move || units.run(async move { api.get("/api/admin/units").await });
    let admin = use_session().is_admin();
    view! {
        {title(t::UNITS_TITLE)}
        {admin.then(|| view! { <Import on_done=Callback::new(move |()| reload())/> })}
        <h2>{t::UNITS_TREE}</h2>
        {shown(units, move |list| tree(list, admin, Callback::new(move |()| reload())))}
    }
}

fn tree(list: Vec<RegisteredUnit>, admin: bool, reload: Callback<()>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>{t::NO_UNITS}</p> }.into_any();
    }
    let codes: Vec<String> = list.iter().map(|u| u.unit.code.to_string()).collect();
    let mut children: BTreeMap<Option<String>, Vec<RegisteredUnit>> = BTreeMap::new();
    for u in list.iter().cloned() {
        // A unit whose parent is not registered (or not visible) is shown at the top.
        let parent = u.unit.parent.as_ref().map(|p| p.to_string()).filter(|p| codes.contains(p));
        children.entry(parent).or_default().push(u);
    }
    for kids in children.values_mut() {
        kids.sort_by(|a, b| a.unit.name.cmp(&b.unit.name));
    }
    let all: Vec<Unit> = list.into_iter().map(|u| u.unit).collect();
    view! { <div id="unit-tree">{branch(&children, None, admin, &all, reload, 0)}</div> }.into_any()
}

fn branch(
    children: &BTreeMap<Option<String>, Vec<RegisteredUnit>>,
    parent: Option<String>,
    admin: bool,
    all: &[Unit],
    reload: Callback<()>,
    depth: usize,
) -> impl IntoView + use<> {
    let items = children
        .get(&parent)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|u| {
            let code = u.unit.code.to_string();
            let below = (depth < 16 && children.contains_key(&Some(code.clone())))
                .then(|| branch(children, Some(code.clone()), admin, all, reload, depth + 1).into_any());
            view! {
                <li>
                    <UnitLine unit=u admin all=all.to_vec() reload/>
                    {below}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="tree">{items}</ul> }
}

#[component]
fn UnitLine(unit: RegisteredUnit, admin: bool, all: Vec<Unit>, reload: Callback<()>) -> impl IntoView {
    let editing = RwSignal::new(false);
    let u = unit.unit.clone();
    let facts = {
        let mut parts = vec![t::kind(u.kind).to_owned(), u.code.to_string()];
        if let Some(v) = u.volume {
            parts.push(t::volume(v, unit.suggested_quota));
        }
        if !u.active {
            parts.push(t::INACTIVE.to_owned());
        }
        parts.join(" · ")
    };
    let actions = admin.then(|| {
        let u = u.clone();
        view! {
            <button type="button" class="small" on:click=move |_| editing.update(|e| *e = !*e)
                aria-expanded=move || editing.get().to_string()>{t::EDIT}" "<span class="visually-hidden">{u.name.clone()}</span></button>
            {u.active.then(|| view! { <Deactivate code=u.code.to_string() name=u.name.clone() reload/> })}
        }
    });
    view! {
        <div class="unit-line" class:inactive=!u.active data-unit=u.code.to_string()>
            <span class="unit-name">{u.name.clone()}</span>
            <span class="hint">{facts}</span>
            {actions}
        </div>
        {move || editing.get().then(|| view! { <Edit unit=u.clone() all=all.clone() reload done=editing/> })}
    }
}

#[component]
fn Deactivate(code: String, name: String, reload: Callback<()>) -> impl IntoView {
    let api = use_api();
    let call: Loaded<Unit> = Call::new();
    let run = move |_| {
        if !window().confirm_with_message(&t::confirm_deactivate(&name)).unwrap_or(false) {
            return;
        }
        let path = format!("/api/admin/units/{code}/deactivate");
        call.run(async move {
            let r = api.post(&path, &serde_json::json!({})).await;
            if r.is_ok() {
                reload.run(());
            }
            r
        });
    };
    view! {
        <button type="button" class="small" on:click=run>{t::DEACTIVATE}</button>
        {move || call.result.with(|r| r.as_ref().and_then(|r| r.as_ref().err()).map(failure_note))}
    }
}

#[component]
fn Edit(unit: Unit, all: Vec<Unit>, reload: Callback<()>, done: RwSignal<bool>) -> impl IntoView {
    let api = use_api();
    let code = unit.code.to_string();
    let name = RwSignal::new(unit.name.clone());
    let kind = RwSignal::new(unit.kind);
    let parent = RwSignal::new(unit.parent.as_ref().map(|p| p.to_string()).unwrap_or_default());
    let volume = RwSignal::new(unit.volume.map(|v| v.to_string()).unwrap_or_default());
    let call: Loaded<Unit> = Call::new();
    let save = {
        let code = code.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let parent = parent.get_untracked();
            let body = serde_json::json!({
                "name": name.get_untracked(),
                "kind": kind.get_untracked(),
                "parent": (!parent.is_empty()).then_some(parent),
                "volume": number::<u32>(&volume.get_untracked()),
            });
            let path = format!("/api/admin/units/{code}");
            call.run(async move {
                let r = api.put(&path, &body).await;
                if r.is_ok() {
                    done.set(false);
                    reload.run(());
                }
                r
            });
        }
    };
    let id = |field: &str| format!("edit-{code}-{field}");
    let kinds = UnitKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.as_str() selected=move || kind.get() == k>{t::kind(k)}</option> })
        .collect_view();
    let parents = all
        .into_iter()
        .filter(|u| u.code != unit.code)
        .map(|u| {
            let c = u.code.to_string();
            let selected = parent.get_untracked() == c;
            view! { <option value=c selected=selected>{u.name}</option> }
        })
        .collect_view();
    view! {
        <form class="admin-form unit-edit" on:submit=save>
            <label for=id("name")>{t::UNIT_NAME}</label>
            <input id=id("name") type="text" required prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <label for=id("kind")>{t::UNIT_KIND}</label>
            <select id=id("kind") on:change=move |ev| {
                if let Some(k) = UnitKind::parse(&event_target_value(&ev)) { kind.set(k) }
            }>{kinds}</select>
            <label for=id("parent")>{t::UNIT_PARENT}</label>
            <select id=id("parent") on:change=move |ev| parent.set(event_target_value(&ev))>
                <option value="">{t::NO_PARENT}</option>
                {parents}
            </select>
            <label for=id("volume")>{t::UNIT_VOLUME}</label>
            <input id=id("volume") type="text" inputmode="numeric" prop:value=move || volume.get() on:input=move |ev| volume.set(event_target_value(&ev))/>
            <div class="row">
                <button type="submit" class="primary">{t::SAVE}</button>
                <button type="button" on:click=move |_| done.set(false)>{t::CANCEL}</button>
            </div>
            {move || call.result.with(|r| r.as_ref().and_then(|r| r.as_ref().err()).map(failure_note))}
        </form>
    }
}

/// CSV import: pasted or from a file. The API stores every row or none and reports each bad row.
#[component]
fn Import(on_done: Callback<()>) -> impl IntoView {
    let api = use_api();
    let csv = RwSignal::new(String::new());
    let call: Loaded<serde_json::Value> = Call::new();
    let pick_file = move |ev: leptos::ev::Event| {
        leptos::task::spawn_local(async move {
            if let Some(text) = chosen_file_text(&ev).await {
                csv.set(text);
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = csv.get_untracked();
        call.run(async move {
            let r = api.post_csv("/api/admin/units/import", body).await;
            if r.is_ok() {
                on_done.run(());
            }
            r
        });
    };
    let report = move || {
        call.result.with(|r| match r {
            None => ().into_any(),
            Some(Ok(v)) => done_note(t::imported(v["imported"].as_u64().unwrap_or(0))).into_any(),
            Some(Err(Failure::Refused { body, .. })) if !body.rows.is_empty() => row_errors(&body.rows).into_any(),
            Some(Err(f)) => failure_note(f).into_any(),
        })
    };
    view! {
        <section aria-labelledby="import-title">
            <h2 id="import-title">{t::IMPORT_TITLE}</h2>
            <p class="hint" id="import-hint">{t::IMPORT_HINT}</p>
            <form class="admin-form" on:submit=submit>
                <label for="import-file">{t::IMPORT_FILE}</label>
                <input id="import-file" type="file" accept=".csv,text/csv" on:change=pick_file/>
                <label for="import-csv">{t::IMPORT_PASTE}</label>
                <textarea id="import-csv" rows="6" aria-describedby="import-hint" prop:value=move || csv.get()
                    on:input=move |ev| csv.set(event_target_value(&ev))></textarea>
                <button type="submit" class="primary" id="import-submit" disabled=move || call.pending.get()>{t::IMPORT}</button>
            </form>
            {report}
        </section>
    }
}

/// The API's row-by-row report of a refused file, as a table.
pub fn row_errors(rows: &[hailong_domain::api::RowError]) -> impl IntoView + use<> {
    let rows =
        rows.iter().map(|r| view! { <tr><th scope="row">{r.row}</th><td>{r.message.clone()}</td></tr> }).collect_view();
    view! {
        <div class="error" role="alert">
            <p>{t::ROWS_REFUSED}</p>
            <table class="data" id="row-errors">
                <caption>{t::ROWS_CAPTION}</caption>
                <thead><tr><th scope="col">{t::ROW}</th><th scope="col">{t::PROBLEM}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
