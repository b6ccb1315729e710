//! The admin console, `/admin/…`: its own bundle, loaded only there.

use crate::chrome::mount_app;
use leptos::prelude::*;

pub fn mount() {
    mount_app(App);
}

#[component]
fn App() -> impl IntoView {
    view! { <main><h1>"Quản trị khảo sát"</h1></main> }
}
