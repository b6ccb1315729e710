//! The published formulas (domain reference §3), computed from counts. Percentages are 0–100 and
//! unrounded; `None` wherever the denominator is empty, so "no data" never reads as 0%.

use super::counts::Counts;
use super::interval::ci95;
use super::layout::{Layout, Scale};
use super::tally::Tally;
use crate::campaign::Target;
use crate::code::{ItemId, SectionId};
use crate::questionnaire::Questionnaire;
use crate::response::Channel;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemFigures {
    pub id: ItemId,
    pub section: SectionId,
    /// Valid answers (1..=5; faces 1..=3): the denominator of the item's figures.
    pub n: u64,
    pub counts: Counts,
    pub pct_satisfied: Option<f64>,
    /// `% không hài lòng`: answers 1–2 (the unhappy face) over valid answers.
    #[serde(default)]
    pub pct_dissatisfied: Option<f64>,
    /// Mean score on 1–5; `None` for a faces item, which has no such score.
    pub mean: Option<f64>,
    /// 95% interval of `pct_satisfied` over the item's `n` answers, one per respondent.
    #[serde(default)]
    pub ci95: Option<[f64; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionFigures {
    pub id: SectionId,
    pub index: Option<f64>,
    /// The most valid answers any statement of the section received: at least this many
    /// respondents rated the section (exactly this many when everyone answers every statement).
    #[serde(default)]
    pub n: u64,
    /// 95% interval of `index` over `n`; a smaller n than the true one only widens it.
    #[serde(default)]
    pub ci95: Option<[f64; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelFigures {
    pub n: u64,
    /// Withheld (`None`) when this channel alone has fewer than the minimum responses.
    pub index: Option<f64>,
    /// 95% interval of `index` over the channel's respondents who rated a statement; withheld
    /// with it.
    #[serde(default)]
    pub ci95: Option<[f64; 2]>,
}

/// Everything published about one unit. When `suppressed`, only `n` and the per-channel `n` are given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitFigures {
    /// Counted responses.
    pub n: u64,
    #[serde(default)]
    pub suppressed: bool,
    /// Mean of the section indices ("tương tự SIPAS").
    pub index: Option<f64>,
    /// Σ satisfied / Σ valid over all scored items (the MoH pooled rate).
    pub pooled_pct: Option<f64>,
    /// 95% interval of `index`; see [`super::INTERVAL_METHOD`].
    pub ci95: Option<[f64; 2]>,
    /// Whether `index` meets the campaign's target under its rule (`>` or `≥`).
    pub target_met: Option<bool>,
    /// "Hài lòng toàn diện": share of respondents whose every valid scored answer is satisfied,
    /// among those who gave at least one.
    pub fully_satisfied_pct: Option<f64>,
    /// MoH G1: mean of "% of expectations met" (may exceed 100).
    pub expectation_pct: Option<f64>,
    /// Answers to G1, the denominator of `expectation_pct` (0 when suppressed or not asked).
    #[serde(default)]
    pub g1_n: u64,
    /// MoH G2: options 4–5 over answers 1–6.
    pub return_pct: Option<f64>,
    /// Answers 1–6 to G2, the denominator of `return_pct` (0 when suppressed or not asked).
    #[serde(default)]
    pub g2_n: u64,
    #[serde(default)]
    pub by_channel: BTreeMap<Channel, ChannelFigures>,
    #[serde(default)]
    pub sections: Vec<SectionFigures>,
    #[serde(default)]
    pub items: Vec<ItemFigures>,
}

/// `num / den × 100`, or `None` when `den` is 0.
pub fn ratio_pct(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| 100.0 * num as f64 / den as f64)
}

/// Item `% hài lòng` = count(satisfied) / count(valid) × 100.
pub fn pct_satisfied(c: &Counts, scale: Scale) -> Option<f64> {
    ratio_pct(c.sum_mask(scale.satisfied()), c.sum_mask(scale.valid()))
}

/// Item `% không hài lòng` = count(1, 2) / count(1..5) × 100 (faces: the unhappy face).
pub fn pct_dissatisfied(c: &Counts, scale: Scale) -> Option<f64> {
    ratio_pct(c.sum_mask(scale.dissatisfied()), c.sum_mask(scale.valid()))
}

/// Mean score over valid answers (0 and blank left out).
pub fn mean_score(c: &Counts, scale: Scale) -> Option<f64> {
    let valid = c.sum_mask(scale.valid());
    if !scale.has_mean() || valid == 0 {
        return None;
    }
    let points: u64 = (1..=5u8).map(|k| u64::from(k) * c.get(k)).sum();
    Some(points as f64 / valid as f64)
}

/// Mean of the defined values, in order; `None` if none is defined. Section and unit indices use it,
/// so an item or section with no valid answer is left out rather than counted as 0.
pub fn mean_of(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let (sum, k) = values.into_iter().flatten().fold((0.0, 0u32), |(s, k), v| (s + v, k + 1));
    (k > 0).then(|| sum / f64::from(k))
}

/// Figures of one tally, before suppression.
struct Computed {
    index: Option<f64>,
    pooled_pct: Option<f64>,
    sections: Vec<SectionFigures>,
    items: Vec<ItemFigures>,
}

fn compute(layout: &Layout, q: &Questionnaire, t: &Tally) -> Computed {
    let position: BTreeMap<&str, usize> =
        layout.items().iter().enumerate().map(|(i, it)| (it.id.as_str(), i)).collect();
    let mut items = Vec::with_capacity(layout.items().len());
    let mut sections = Vec::new();
    let (mut satisfied, mut valid) = (0, 0);
    for section in &q.sections {
        let first = items.len();
        for item in &section.items {
            let Some(&i) = position.get(item.id.as_str()) else { continue };
            let scale = layout.items()[i].scale;
            let counts = t.counts(i);
            satisfied += counts.sum_mask(scale.satisfied());
            valid += counts.sum_mask(scale.valid());
            let n = counts.sum_mask(scale.valid());
            let pct = pct_satisfied(&counts, scale);
            items.push(ItemFigures {
                id: item.id.clone(),
                section: section.id.clone(),
                n,
                counts,
                pct_satisfied: pct,
                pct_dissatisfied: pct_dissatisfied(&counts, scale),
                mean: mean_score(&counts, scale),
                ci95: pct.and_then(|p| ci95(p, n)),
            });
        }
        if items.len() > first {
            let index = mean_of(items[first..].iter().map(|i| i.pct_satisfied));
            let n = items[first..].iter().map(|i| i.n).max().unwrap_or(0);
            sections.push(SectionFigures { id: section.id.clone(), index, n, ci95: index.and_then(|i| ci95(i, n)) });
        }
    }
    Computed {
        index: mean_of(sections.iter().map(|s| s.index)),
        pooled_pct: ratio_pct(satisfied, valid),
        sections,
        items,
    }
}

/// The figures of a unit from its tallies; the caller has checked that `q` matches `layout`.
pub(crate) fn unit_figures(
    layout: &Layout,
    q: &Questionnaire,
    total: &Tally,
    channels: &BTreeMap<Channel, Tally>,
    min_responses: u32,
    target: Target,
) -> UnitFigures {
    let floor = u64::from(min_responses);
    let n = total.n();
    let suppressed = n < floor;
    let by_channel = channels
        .iter()
        .map(|(c, t)| {
            let shown = !suppressed && t.n() >= floor;
            let index = shown.then(|| compute(layout, q, t).index).flatten();
            (*c, ChannelFigures { n: t.n(), index, ci95: index.and_then(|i| ci95(i, t.rated())) })
        })
        .collect();
    if suppressed {
        return UnitFigures {
            n,
            suppressed,
            index: None,
            pooled_pct: None,
            ci95: None,
            target_met: None,
            fully_satisfied_pct: None,
            expectation_pct: None,
            g1_n: 0,
            return_pct: None,
            g2_n: 0,
            by_channel,
            sections: Vec::new(),
            items: Vec::new(),
        };
    }
    let c = compute(layout, q, total);
    let (g1_sum, g1_n) = total.g1();
    let g2 = total.g2();
    UnitFigures {
        n,
        suppressed,
        index: c.index,
        pooled_pct: c.pooled_pct,
        ci95: c.index.and_then(|i| ci95(i, total.rated())),
        target_met: c.index.map(|i| target.met_by(i)),
        fully_satisfied_pct: ratio_pct(total.fully_satisfied(), total.rated()),
        expectation_pct: (g1_n > 0).then(|| g1_sum as f64 / g1_n as f64),
        g1_n,
        return_pct: ratio_pct(g2.sum_mask(0b11_0000), g2.total()),
        g2_n: g2.total(),
        by_channel,
        sections: c.sections,
        items: c.items,
    }
}
