//! The charts of the results pages: small SVGs drawn here (no chart library), each an image with
//! a text alternative that says the figures it shows. Scales run 0–100%.

use crate::i18n::ResultsTexts;
use leptos::prelude::*;

/// A figure as the reader's language writes it: `87,3%` or `87.3%`.
pub fn pct(t: &ResultsTexts, v: f64) -> String {
    format!("{v:.1}%").replace('.', &t.decimal.to_string())
}

/// `pct`, or a dash where there is no figure.
pub fn pct_or_dash(t: &ResultsTexts, v: Option<f64>) -> String {
    v.map_or_else(|| t.not_known.to_owned(), |v| pct(t, v))
}

/// A unit's index inside its 95% interval, with the target as a tick.
pub fn interval_bar(t: &ResultsTexts, index: f64, ci: [f64; 2], target: f64) -> impl IntoView + use<> {
    let label = (t.interval_label)(&pct(t, index), &pct(t, ci[0]), &pct(t, ci[1]));
    view! {
        <svg class="ci-bar" viewBox="0 0 100 12" preserveAspectRatio="none" role="img" aria-label=label>
            <rect class="track" x="0" y="5.5" width="100" height="1"/>
            <rect class="range" x=ci[0] y="3" width=ci[1] - ci[0] height="6"/>
            <rect class="target" x=target - 0.3 y="0" width="0.6" height="12"/>
            <rect class="point" x=index - 0.8 y="1.5" width="1.6" height="9"/>
        </svg>
    }
}

/// A horizontal bar of a percentage, labelled with its text.
pub fn pct_bar(t: &ResultsTexts, what: &str, v: Option<f64>) -> impl IntoView + use<> {
    let value = pct_or_dash(t, v);
    let label = (t.bar_label)(what, &value);
    view! {
        <span class="pct-bar">
            <svg viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label=label>
                <rect class="track" x="0" y="0" width="100" height="8"/>
                <rect class="fill" x="0" y="0" width=v.unwrap_or(0.0) height="8"/>
            </svg>
            <span class="value" aria-hidden="true">{value}</span>
        </span>
    }
}
