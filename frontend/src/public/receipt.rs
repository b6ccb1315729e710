//! Checking a receipt code: the page `/receipt/{code}` and the small form that leads to it.

use crate::api::{self, ApiError, Call};
use crate::authority::authority_line;
use crate::dom::focus;
use crate::error::{Retry, error_note};
use crate::i18n::use_i18n;
use hailong_domain::api::ReceiptView;
use hailong_domain::results::{NodeHash, verify_receipt};
use hailong_domain::{Authority, Date, Receipt};
use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn ReceiptPage(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let not_found = move || error_note(Signal::derive(move || i18n.t().receipt_not_found.into()), None);
    let answer = match Receipt::parse(&code) {
        Ok(receipt) => {
            let found = Call::new();
            let fetch = {
                let receipt = receipt.clone();
                move || found.run(check(receipt.clone()))
            };
            fetch();
            Either::Left(move || {
                found.result.get().map(|result| match result {
                    Ok(found) => Either::Left(recorded(receipt.clone(), found)),
                    Err(ApiError::NotFound | ApiError::Invalid(_)) => Either::Right(not_found()),
                    Err(error) => {
                        let message = Signal::derive(move || {
                            let t = i18n.t();
                            if error == ApiError::Offline { t.offline } else { t.server_trouble }.into()
                        });
                        Either::Right(error_note(message, Some(Retry::new(|t| t.retry, fetch.clone()))))
                    }
                })
            })
        }
        Err(_) => Either::Right(not_found()),
    };
    i18n.title(move || i18n.t().receipt_title.to_owned());
    view! {
        <h1>{i18n.text(|t| t.receipt_title)}</h1>
        {answer}
        <ReceiptForm/>
    }
}

/// What the receipt page found: the receipt, the latest published version of its campaign (if
/// any) and the names of its campaign and unit, for people who do not read codes.
#[derive(Clone)]
struct Found {
    view: ReceiptView,
    published: Option<(u32, String)>,
    /// Whether the receipt's leaf checks against the latest version's files, when both exist.
    verified: Option<bool>,
    names: Option<Names>,
}

#[derive(Clone)]
struct Names {
    campaign: String,
    authority: Option<Authority>,
    unit: String,
    /// The last day of the campaign, when it is still open (results come after it).
    closes: Option<Date>,
}

/// The receipt, and the digest of the latest published version of its campaign, if any: the
/// page checks the receipt's leaf against the digest published with the results, recomputing
/// the unit's root and the digest from the published files, not trusting what the server says.
/// The names come from the published results, or from the form while the campaign is open; a
/// receipt without them still shows its codes.
async fn check(receipt: Receipt) -> Result<Found, ApiError> {
    let view = api::receipt(receipt).await?;
    let published = api::publications().await?.into_iter().find(|p| p.campaign == view.campaign);
    let latest = published.as_ref().and_then(|p| p.versions.last().map(|v| (v.version, v.digest.clone())));
    let names = match published {
        Some(p) => api::snapshot(&view.campaign, None).await.ok().and_then(|s| {
            s.unit(view.unit.as_str()).map(|u| Names {
                campaign: p.title.clone(),
                authority: p.authority.clone(),
                unit: u.name.clone(),
                closes: None,
            })
        }),
        None => api::form(view.campaign.clone(), view.unit.clone(), None).await.ok().map(|f| Names {
            campaign: f.campaign.title,
            authority: f.campaign.authority,
            unit: f.unit.name,
            closes: Some(f.campaign.closes),
        }),
    };
    let verified = match (&view.leaf, &latest) {
        (Some(leaf), Some((version, digest))) => Some(leaf_counted(&view, leaf, *version, digest).await?),
        _ => None,
    };
    Ok(Found { view, published: latest, verified, names })
}

/// Whether the leaf is in its unit's leaves file of the version, that file makes the root the
/// version's roots file gives the unit, and the roots make the published digest. A unit without
/// a leaves file in that version counted nothing.
async fn leaf_counted(view: &ReceiptView, leaf: &NodeHash, version: u32, digest: &str) -> Result<bool, ApiError> {
    let leaves = match api::unit_leaves(&view.campaign, &view.unit, version).await {
        Err(ApiError::NotFound) => return Ok(false),
        other => other?,
    };
    let roots = api::unit_roots(&view.campaign, version).await?;
    Ok(verify_receipt(leaf, &leaves, &roots, digest).is_ok())
}

/// What the receipt's answer says about counting, checked here in the browser.
fn counting(
    view: &ReceiptView,
    published: Option<(u32, String)>,
    verified: Option<bool>,
) -> Option<(bool, Signal<String>)> {
    let i18n = use_i18n();
    if let Some(e) = &view.excluded {
        let reason = e.reason.clone();
        return Some((
            false,
            Signal::derive(move || {
                let t = i18n.results();
                (t.excluded_because)((t.exclusion_reason)(&reason))
            }),
        ));
    }
    let Some((version, _)) = published else {
        return Some((false, Signal::derive(move || i18n.results().not_published_yet.to_owned())));
    };
    let verified = verified?;
    Some((
        verified,
        Signal::derive(move || {
            let t = i18n.results();
            if verified { (t.counted_verified)(version) } else { t.counted_failed.to_owned() }
        }),
    ))
}

fn recorded(receipt: Receipt, found: Found) -> impl IntoView {
    let i18n = use_i18n();
    let Found { view, published, verified, names } = found;
    let is_published = published.is_some();
    let status = counting(&view, published, verified).map(|(verified, text)| {
        // The proof is one tap away: what a reader needs first is whether the answer counts.
        let proof = verified.then(|| {
            view! {
                <details class="proof">
                    <summary>{move || i18n.results().proof_title}</summary>
                    <p>{move || i18n.results().proof_checked}</p>
                </details>
            }
        });
        view! { <p id="counting" data-verified=verified.to_string()>{text}</p>{proof} }
    });
    let ReceiptView { campaign, unit, received_at, .. } = view;
    let when = move || match vietnam_time(&received_at) {
        Some((time, date)) => (i18n.t().received_at)(&time, date),
        None => received_at.clone(),
    };
    let results = format!("/r/{campaign}/{unit}");
    let (campaign_name, authority, unit_name, closes) = match names {
        Some(n) => (n.campaign, n.authority, n.unit, n.closes),
        None => (campaign.to_string(), None, unit.to_string(), None),
    };
    let later = closes.filter(|_| !is_published).map(|closes| {
        view! { <p>{i18n.text(|t| t.counted_later)}" "{move || (i18n.t().results_when)(closes)}</p> }
    });
    view! {
        <div class="ok" role="status">
            <p>{when}</p>
            {status}
            {authority_line(authority.as_ref())}
            <dl>
                <dt>{i18n.text(|t| t.receipt_code)}</dt><dd>{receipt.display()}</dd>
                <dt>{i18n.text(|t| t.unit)}</dt><dd id="receipt-unit" lang="vi">{unit_name}</dd>
                <dt>{i18n.text(|t| t.campaign)}</dt><dd id="receipt-campaign" lang="vi">{campaign_name}</dd>
            </dl>
            {later}
            <p><a id="unit-results" href=results>{i18n.text(|t| t.unit_results)}</a></p>
        </div>
    }
}

/// `hh:mm` and the date in Việt Nam (UTC+7, no daylight saving) of an RFC 3339 instant, parsed
/// by the browser to spare the bundle a date library.
pub(super) fn vietnam_time(rfc3339: &str) -> Option<(String, Date)> {
    let ms = js_sys::Date::parse(rfc3339);
    if ms.is_nan() {
        return None;
    }
    let ms = ms as i64;
    let minutes = (ms + 7 * 3_600_000).rem_euclid(86_400_000) / 60_000;
    Some((format!("{:02}:{:02}", minutes / 60, minutes % 60), Date::in_vietnam_at(ms)))
}

/// A code typed by hand; the check itself happens on `/receipt/{code}`.
#[component]
pub fn ReceiptForm() -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let bad = RwSignal::new(false);
    let check = move |ev: SubmitEvent| {
        ev.prevent_default();
        match Receipt::parse(&code.get_untracked()) {
            Ok(receipt) => {
                let _ = window().location().set_href(&format!("/receipt/{receipt}"));
            }
            Err(_) => {
                bad.set(true);
                focus("receipt-code");
            }
        }
    };
    view! {
        <form class="receipt-form" novalidate on:submit=check>
            <label for="receipt-code">{i18n.text(|t| t.receipt_code)}</label>
            <p id="receipt-hint" class="hint">{i18n.text(|t| t.receipt_hint)}</p>
            <input
                id="receipt-code"
                type="text"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                maxlength="20"
                aria-describedby="receipt-hint"
                aria-invalid=move || bad.get().then_some("true")
                on:input=move |ev| {
                    code.set(event_target_value(&ev));
                    bad.set(false);
                }
            />
            {move || bad.get().then(|| view! { <p class="problem" role="alert">{i18n.text(|t| t.receipt_bad)}</p> })}
            <button type="submit" class="primary">{i18n.text(|t| t.check_receipt)}</button>
        </form>
    }
}
