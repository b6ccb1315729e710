//! Moving through a list the API answers a page at a time (`?cursor=`, answered with `next`):
//! progress and flags, a page of units each, so a national campaign's 10,000 units are never
//! read in one request.

use super::text as t;
use leptos::prelude::*;

/// Where the reader is: the cursors of the pages before (to go back), this page's, and the next.
#[derive(Debug, Clone, Copy)]
pub struct Pages {
    before: RwSignal<Vec<Option<String>>>,
    cursor: RwSignal<Option<String>>,
    next: RwSignal<Option<String>>,
}

impl Pages {
    pub fn new() -> Pages {
        Pages { before: RwSignal::new(Vec::new()), cursor: RwSignal::new(None), next: RwSignal::new(None) }
    }

    /// `path` with this page's cursor.
    pub fn path(self, path: &str) -> String {
        match self.cursor.get_untracked() {
            Some(c) => format!("{path}?cursor={c}"),
            None => path.to_owned(),
        }
    }

    /// What the page just read says of the next.
    pub fn answered(self, next: Option<String>) {
        self.next.set(next);
    }
}

/// "Previous" and "next" buttons with the page's number; `moved` loads the page moved to.
#[component]
pub fn PagerNav(pages: Pages, moved: Callback<()>) -> impl IntoView {
    let Pages { before, cursor, next } = pages;
    let back = move |_| {
        let mut trail = before.get_untracked();
        if let Some(previous) = trail.pop() {
            before.set(trail);
            cursor.set(previous);
            moved.run(());
        }
    };
    let forward = move |_| {
        if let Some(following) = next.get_untracked() {
            before.update(|trail| trail.push(cursor.get_untracked()));
            cursor.set(Some(following));
            moved.run(());
        }
    };
    view! {
        <nav class="pager" aria-label=t::PAGES>
            <button type="button" class="previous" on:click=back disabled=move || before.with(Vec::is_empty)>{t::PREVIOUS_PAGE}</button>
            " "<span class="page">{move || t::page(before.with(Vec::len) + 1)}</span>" "
            <button type="button" class="next" on:click=forward disabled=move || next.with(Option::is_none)>{t::NEXT_PAGE}</button>
        </nav>
    }
}
