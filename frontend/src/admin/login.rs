//! Sign-in: `POST /api/auth/login` gives a bearer token, kept for the browser's session
//! (every tab) until the token expires.

use super::api::use_api;
use super::session::Session;
use super::text as t;
use super::widgets::title;
use crate::dom::focus;
use gloo_net::http::Request;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Login() -> impl IntoView {
    let api = use_api();
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let pending = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = serde_json::json!({ "username": user.get_untracked().trim(), "password": password.get_untracked() });
        pending.set(true);
        spawn_local(async move {
            let result = match Request::post("/api/auth/login").json(&body) {
                Ok(request) => match request.send().await {
                    Ok(r) if r.ok() => r.json::<Session>().await.map_err(|_| t::SERVER_TROUBLE),
                    Ok(r) if r.status() == 401 => Err(t::BAD_CREDENTIALS),
                    Ok(_) => Err(t::SERVER_TROUBLE),
                    Err(_) => Err(t::OFFLINE),
                },
                Err(_) => Err(t::SERVER_TROUBLE),
            };
            pending.set(false);
            match result {
                Ok(session) => {
                    session.save();
                    api.notice.set(None);
                    api.session.set(Some(session));
                    request_animation_frame(|| focus("page-title"));
                }
                Err(message) => {
                    problem.set(Some(message));
                    request_animation_frame(|| focus("login-user"));
                }
            }
        });
    };
    view! {
        {title(t::SIGN_IN_TITLE)}
        {move || api.notice.get().map(|n| view! { <div class="ok" role="status" id="notice"><p>{n}</p></div> })}
        {move || problem.get().map(|p| view! { <div class="error" role="alert" id="login-error"><p>{p}</p></div> })}
        <form class="admin-form" on:submit=submit>
            <label for="login-user">{t::USERNAME}</label>
            <input id="login-user" type="text" autocomplete="username" required
                on:input=move |ev| user.set(event_target_value(&ev))/>
            <label for="login-password">{t::PASSWORD}</label>
            <input id="login-password" type="password" autocomplete="current-password" required
                on:input=move |ev| password.set(event_target_value(&ev))/>
            <button type="submit" class="primary" id="login-submit" disabled=move || pending.get()>{t::SIGN_IN}</button>
        </form>
    }
}
