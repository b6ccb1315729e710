//! The admin console, `/admin/…`: its own bundle, loaded only there. Staff of the province sign
//! in, plan and run campaigns, enter paper and phone forms, keep the unit register, re-verify,
//! and publish. Each page is a file named for what it holds; all text is in `text.rs`.

mod api;
mod audit;
mod campaigns;
mod entry;
mod exclusion;
mod exports;
mod flags;
mod jobs;
mod login;
mod nav;
mod pager;
mod plan;
mod posters;
mod progress;
mod publish;
mod sampling;
mod session;
mod sheet;
mod text;
mod units;
mod verification;
mod widgets;

use crate::chrome::mount_app;
use api::Api;
use leptos::prelude::*;
use nav::Nav;
use session::{Role, Session};
use text as t;

pub fn mount() {
    mount_app(App);
}

#[component]
fn App() -> impl IntoView {
    let api = Api::provide();
    move || match api.session.get() {
        None => view! { <main class="admin-main narrow"><login::Login/></main> }.into_any(),
        Some(session) => view! { <Shell session/> }.into_any(),
    }
}

/// The signed-in console: header with the person and role, navigation, and the current page.
#[component]
fn Shell(session: Session) -> impl IntoView {
    let api = api::use_api();
    let nav = Nav::provide();
    provide_context(session.clone());
    let role = match session.role {
        Role::Admin => t::ROLE_ADMIN,
        Role::Staff => t::ROLE_STAFF,
        Role::Viewer => t::ROLE_VIEWER,
    };
    let scope = (session.role == Role::Staff).then(|| format!(" ({})", session.units.join(", ")));
    let mut links = vec![("/admin", t::NAV_CAMPAIGNS)];
    if session.enters_data() {
        links.push(("/admin/entry", t::NAV_ENTRY));
    }
    links.push(("/admin/units", t::NAV_UNITS));
    if session.role != Role::Staff {
        links.push(("/admin/audit", t::NAV_AUDIT));
    }
    let links = links
        .into_iter()
        .map(|(href, label)| {
            let here = move || {
                let s = nav.segments();
                let first = href.trim_start_matches("/admin").trim_start_matches('/');
                let current = s.first().map(String::as_str).unwrap_or("");
                (current == first || (first.is_empty() && current == "campaigns")).then_some("page")
            };
            view! { <li><a href=href aria-current=here>{label}</a></li> }
        })
        .collect_view();
    let page = move || page(nav.segments(), &session);
    view! {
        <div class="admin" on:click=move |ev| nav.intercept(ev)>
            <header class="top admin-top">
                <a class="brand" href="/admin">"hailong"<span>{t::CONSOLE}</span></a>
                <p class="who" id="who">{api.session.get_untracked().map(|s| s.user)}" · "{role}{scope}</p>
                <button type="button" class="lang" id="sign-out" on:click=move |_| api.sign_out(Some(t::SIGNED_OUT))>{t::SIGN_OUT}</button>
            </header>
            <nav class="admin-nav" aria-label=t::NAV_LABEL><ul>{links}</ul></nav>
            <main class="admin-main">{page}</main>
        </div>
    }
}

fn page(segments: Vec<String>, session: &Session) -> AnyView {
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    let owned = |x: &str| x.to_owned();
    match s.as_slice() {
        [] | ["campaigns"] => view! { <campaigns::CampaignList/> }.into_any(),
        ["campaigns", "new"] if session.is_admin() => view! { <plan::NewCampaign/> }.into_any(),
        ["campaigns", "new"] => not_allowed(),
        ["campaigns", c] => view! { <campaigns::CampaignPage id=owned(c)/> }.into_any(),
        ["campaigns", c, "verification"] => view! { <verification::VerificationPage campaign=owned(c)/> }.into_any(),
        ["campaigns", c, "flags"] => view! { <flags::FlagsPage campaign=owned(c)/> }.into_any(),
        ["campaigns", c, "posters"] => view! { <posters::PostersPage campaign=owned(c)/> }.into_any(),
        ["campaigns", c, "sampling"] if session.enters_data() => {
            view! { <sampling::SamplingPage campaign=owned(c)/> }.into_any()
        }
        ["campaigns", c, "publish"] => view! { <publish::PublishPage campaign=owned(c)/> }.into_any(),
        ["entry", rest @ ..] if session.enters_data() && rest.len() <= 2 => {
            let (campaign, unit) = (rest.first().map(|c| owned(c)), rest.get(1).map(|u| owned(u)));
            view! { <entry::EntryPage campaign unit/> }.into_any()
        }
        ["responses", id, "exclude"] if session.is_admin() => {
            view! { <exclusion::ExcludePage response=owned(id)/> }.into_any()
        }
        ["units"] => view! { <units::UnitsPage/> }.into_any(),
        ["audit"] if session.role != Role::Staff => view! { <audit::AuditPage/> }.into_any(),
        ["campaigns", _, "sampling"] | ["entry", ..] | ["responses", _, "exclude"] | ["audit"] => not_allowed(),
        _ => view! { {widgets::title(t::NOT_FOUND)}<p><a href="/admin">{t::BACK_TO_CAMPAIGNS}</a></p> }.into_any(),
    }
}

/// A page the role may not open (typed or bookmarked): said plainly, with the way back.
fn not_allowed() -> AnyView {
    view! {
        {widgets::title(t::NOT_ALLOWED_TITLE)}
        <div class="error" role="alert" id="not-allowed"><p>{t::NOT_ALLOWED}</p></div>
        <p><a href="/admin">{t::BACK_TO_CAMPAIGNS}</a></p>
    }
    .into_any()
}

/// The signed-in person, for pages that hide what the role cannot do.
pub(crate) fn use_session() -> Session {
    use_context::<Session>().expect("the shell provides the session")
}
