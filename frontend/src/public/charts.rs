//! The charts of the results pages: small SVGs drawn here (no chart library), each an image with
//! a text alternative that says the figures it shows. Percentage bars run 0–100%; interval bars
//! share one [`Axis`] per page.

use crate::figures::{pct, pct_or_dash};
use crate::i18n::ResultsTexts;
use hailong_domain::results::SnapshotUnit;
use leptos::prelude::*;

/// The scale the interval bars of a page share: from a round figure below every interval and the
/// target up to 100%, so that the differences between units are wide enough to read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    pub from: f64,
    pub target: f64,
}

impl Axis {
    pub fn for_units(units: &[SnapshotUnit], target: f64) -> Axis {
        let lowest = units.iter().filter_map(|u| u.figures.ci95.map(|c| c[0])).fold(target, f64::min);
        Axis { from: ((lowest / 10.0).floor() * 10.0).clamp(0.0, 90.0), target }
    }

    /// Where `v` sits on a 0–100 wide drawing.
    fn x(self, v: f64) -> f64 {
        (v - self.from).max(0.0) / (100.0 - self.from) * 100.0
    }
}

/// A unit's index inside its 95% interval on the page's axis, with the target as a tick and
/// light ticks at each quarter of the axis.
pub fn interval_bar(t: &ResultsTexts, index: f64, ci: [f64; 2], axis: Axis) -> impl IntoView + use<> {
    let label = (t.interval_label)(&pct(t, index), &pct(t, ci[0]), &pct(t, ci[1]));
    let (lo, hi) = (axis.x(ci[0]), axis.x(ci[1]));
    view! {
        <svg class="ci-bar" viewBox="0 0 100 12" preserveAspectRatio="none" role="img" aria-label=label>
            <rect class="track" x="0" y="5.5" width="100" height="1"/>
            {[25.0, 50.0, 75.0].map(|x| view! { <rect class="tick" x=x - 0.15 y="2" width="0.3" height="8"/> })}
            <rect class="range" x=lo y="3" width=hi - lo height="6"/>
            <rect class="target" x=axis.x(axis.target) - 0.3 y="0" width="0.6" height="12"/>
            <rect class="point" x=axis.x(index) - 0.8 y="1.5" width="1.6" height="9"/>
        </svg>
    }
}

/// The axis under the interval column's heading: its two ends.
pub fn axis_legend(t: &ResultsTexts, axis: Axis) -> impl IntoView + use<> {
    view! {
        <span class="axis" aria-hidden="true"><span>{pct(t, axis.from)}</span><span>"100%"</span></span>
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
