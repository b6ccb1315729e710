//! Tests of the results module as a whole: hand-computed figures, suppression, the stored form, and
//! the properties that make incremental aggregation safe (order, grouping and the fast path do not
//! change anything, and the figures agree with a direct computation from the responses).

use super::testgen::{self, CHANNELS};
use super::*;
use crate::campaign::{Target, TargetRule};
use crate::catalogue::{template, templates};
use crate::questionnaire::{ItemKind, Questionnaire};
use crate::response::{AnswerValue, Answers, Channel, Response};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The seeds' objective: strictly above 90%.
const ABOVE_90: Target = Target { pct: 90.0, rule: TargetRule::Above };

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// A response to `q` with these raw answers (validated, so only valid answers are built).
fn answered(q: &Questionnaire, channel: Channel, raw: Value) -> Response {
    let raw: BTreeMap<String, Value> = serde_json::from_value(raw).unwrap();
    let mut r = testgen::response(q, 1);
    r.answers = Answers::validate(q, &raw).unwrap();
    r.source = testgen::source(channel);
    r
}

/// ward-short answers: cong_chuc 3 items, ket_qua 2, phan_anh 4.
fn ward(cc: [i64; 3], kq: [i64; 2], pa: [i64; 4]) -> Value {
    json!({"cc1": cc[0], "cc2": cc[1], "cc3": cc[2], "kq1": kq[0], "kq2": kq[1],
           "pa1": pa[0], "pa2": pa[1], "pa3": pa[2], "pa4": pa[3]})
}

fn aggregate_of(q: &Questionnaire, responses: &[Response]) -> Aggregate {
    let mut a = Aggregate::new(q).unwrap();
    for r in responses {
        a.add(r).unwrap();
    }
    a
}

#[test]
fn item_formulas_by_hand() {
    let c = Counts { 0: [3, 1, 1, 2, 3, 3] };
    assert!(close(pct_satisfied(&c, Scale::Scale5Zero), 60.0), "0 is not in the denominator");
    assert!(close(pct_dissatisfied(&c, Scale::Scale5Zero), 20.0));
    assert!(close(mean_score(&c, Scale::Scale5Zero), 3.6));
    let zero_only = Counts { 0: [7, 0, 0, 0, 0, 0] };
    assert_eq!((pct_satisfied(&zero_only, Scale::Scale5Zero), mean_score(&zero_only, Scale::Scale5Zero)), (None, None));
    let faces = Counts { 0: [0, 1, 1, 2, 0, 0] };
    assert!(close(pct_satisfied(&faces, Scale::Faces3), 75.0));
    assert_eq!(mean_score(&faces, Scale::Faces3), None);
    assert_eq!(mean_of([Some(50.0), None, Some(100.0)]), Some(75.0));
    assert_eq!(mean_of([None]), None);
}

#[test]
fn ward_short_figures_by_hand() {
    let q = template("ward-short").unwrap();
    let a = aggregate_of(
        &q,
        &[
            answered(&q, Channel::Qr, ward([5, 4, 3], [4, 4], [5, 5, 5, 5])),
            answered(&q, Channel::Qr, ward([4, 4, 4], [2, 5], [1, 4, 4, 4])),
            answered(&q, Channel::Paper, ward([5, 5, 5], [5, 5], [5, 5, 5, 5])),
        ],
    );
    let f = a.figures(&q, 1, ABOVE_90).unwrap();
    assert_eq!((f.n, f.suppressed), (3, false));
    let sections: Vec<_> = f.sections.iter().map(|s| s.index.unwrap()).collect();
    let expected = [(100.0 + 100.0 + 200.0 / 3.0) / 3.0, (200.0 / 3.0 + 100.0) / 2.0, (200.0 / 3.0 + 300.0) / 4.0];
    for (got, want) in sections.iter().zip(expected) {
        assert!((got - want).abs() < 1e-9, "{got} vs {want}");
    }
    assert!(close(f.index, expected.iter().sum::<f64>() / 3.0)); // 87.96…
    assert!(close(f.pooled_pct, 24.0 / 27.0 * 100.0));
    assert!(close(f.fully_satisfied_pct, 100.0 / 3.0), "only the third respondent");
    assert_eq!(f.target_met, Some(false));
    assert!(close(f.items[0].mean, 14.0 / 3.0));
    assert_eq!(f.items[0].counts, Counts { 0: [0, 0, 0, 0, 1, 2] });
    assert_eq!((f.items[0].n, f.items[0].section.as_str()), (3, "cong_chuc"));
    assert_eq!((f.expectation_pct, f.return_pct), (None, None), "ward-short has no G1/G2");
    assert_eq!(f.ci95, ci95(f.index.unwrap(), 3));
    assert_eq!(f.by_channel[&Channel::Qr].n, 2);
    assert!(close(f.by_channel[&Channel::Paper].index, 100.0));
    // kq1 was answered 4, 2, 5: one dissatisfied of three, two satisfied.
    let kq1 = &f.items[3];
    assert_eq!(kq1.id.as_str(), "kq1");
    assert!(close(kq1.pct_dissatisfied, 100.0 / 3.0) && close(f.items[0].pct_dissatisfied, 0.0));
    assert_eq!(kq1.ci95, ci95(100.0 * 2.0 / 3.0, 3));
    // Every respondent answered every statement, so each section rests on all three.
    assert!(f.sections.iter().all(|s| s.n == 3));
    assert_eq!(f.sections[1].ci95, ci95(f.sections[1].index.unwrap(), 3));
    assert!(close(f.sections[1].index, expected[1]));
    let qr = &f.by_channel[&Channel::Qr];
    assert_eq!(qr.ci95, ci95(qr.index.unwrap(), 2), "a channel's interval is over its own respondents");
    assert_eq!(f.by_channel[&Channel::Paper].ci95, ci95(100.0, 1));
    assert_eq!((f.g1_n, f.g2_n), (0, 0));
}

#[test]
fn an_index_equal_to_the_target_meets_it_only_at_least() {
    let q = template("counter-rating").unwrap();
    let rs: Vec<_> =
        (0..10).map(|i| answered(&q, Channel::Qr, json!({"muc_do": if i == 0 { 1 } else { 3 }}))).collect();
    let a = aggregate_of(&q, &rs);
    let at = |rule| a.figures(&q, 0, Target { pct: 90.0, rule }).unwrap();
    assert_eq!(at(TargetRule::Above).index, Some(90.0), "9 of 10 satisfied");
    assert_eq!(at(TargetRule::Above).target_met, Some(false), "\"> 90%\" is strict");
    assert_eq!(at(TargetRule::AtLeast).target_met, Some(true));
    assert!(close(at(TargetRule::Above).items[0].pct_dissatisfied, 10.0), "the unhappy face");
}

/// All 31 MoH statements at one value, then the overrides.
fn moh(all: i64, overrides: Value) -> Value {
    let mut v = json!({});
    for (s, k) in [("a", 5), ("b", 10), ("c", 8), ("d", 4), ("e", 4)] {
        for i in 1..=k {
            v[format!("{s}{i}")] = json!(all);
        }
    }
    for (k, x) in overrides.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

#[test]
fn moh_zero_g1_g2_and_full_satisfaction() {
    let q = template("moh-outpatient").unwrap();
    let rs = [
        answered(&q, Channel::Qr, moh(5, json!({"a1": 0, "g1": 80, "g2": 5}))),
        answered(&q, Channel::Qr, moh(4, json!({"a1": 3, "g1": 120, "g2": 2}))),
        answered(&q, Channel::Qr, moh(0, json!({"g1": 100, "g2": 6}))), // used nothing: not rated
        answered(&q, Channel::Phone, moh(5, json!({"g2": 4}))),
    ];
    let f = aggregate_of(&q, &rs).figures(&q, 1, ABOVE_90).unwrap();
    assert_eq!(f.n, 4);
    assert!(close(f.items[0].pct_satisfied, 50.0), "a1: 3 and 5 valid, 0 twice left out");
    assert_eq!(f.items[0].n, 2);
    assert!(close(f.items[1].pct_satisfied, 100.0));
    assert!(close(f.fully_satisfied_pct, 200.0 / 3.0), "2 of the 3 rated respondents");
    assert!(close(f.expectation_pct, 100.0));
    assert!(close(f.return_pct, 50.0), "options 4–5 over 1–6: 5 and 4 of 5, 2, 6, 4");
    assert_eq!((f.g1_n, f.g2_n), (3, 4), "the fourth respondent left G1 blank");
    assert_eq!(f.items[0].ci95, ci95(50.0, 2), "a1 over its two valid answers");
    assert_eq!(f.sections[0].n, 3, "section A: the most answers a statement of it received");
    assert!(close(f.pooled_pct, 91.0 / 92.0 * 100.0), "a 0 and a 3 among 93 answers");
    assert_eq!(f.ci95, ci95(f.index.unwrap(), 3), "n of the interval = rated respondents");
}

#[test]
fn counter_rating_faces() {
    let q = template("counter-rating").unwrap();
    let rs: Vec<_> = [1, 2, 3, 3].iter().map(|&v| answered(&q, Channel::Qr, json!({"muc_do": v}))).collect();
    let f = aggregate_of(&q, &rs).figures(&q, 0, Target { pct: 70.0, rule: TargetRule::Above }).unwrap();
    assert!(close(f.index, 75.0) && close(f.pooled_pct, 75.0) && close(f.fully_satisfied_pct, 75.0));
    assert_eq!(f.items[0].mean, None);
    assert_eq!(f.items[0].counts, Counts { 0: [0, 1, 1, 2, 0, 0] }, "faces keep their own codes");
    assert_eq!(f.target_met, Some(true));
}

#[test]
fn suppression_withholds_figures_but_shows_n() {
    let q = template("ward-short").unwrap();
    let rs: Vec<_> = (0..5).map(|i| answered(&q, CHANNELS[i % 2], ward([5, 5, 5], [5, 5], [5, 5, 5, 5]))).collect();
    let a = aggregate_of(&q, &rs);
    let f = a.figures(&q, 6, ABOVE_90).unwrap();
    assert!(f.suppressed);
    assert_eq!((f.n, f.index, f.pooled_pct, f.ci95, f.target_met), (5, None, None, None, None));
    assert!(f.sections.is_empty() && f.items.is_empty() && f.fully_satisfied_pct.is_none());
    assert_eq!(f.by_channel[&Channel::Qr], ChannelFigures { n: 3, index: None, ci95: None });
    assert_eq!((f.g1_n, f.g2_n), (0, 0));
    let f = a.figures(&q, 5, ABOVE_90).unwrap();
    assert!(!f.suppressed && close(f.index, 100.0));
    let withheld = ChannelFigures { n: 3, index: None, ci95: None };
    assert_eq!(f.by_channel[&Channel::Qr], withheld, "a channel below the floor");
    let f = a.figures(&q, 3, ABOVE_90).unwrap();
    assert_eq!(f.by_channel[&Channel::Qr], ChannelFigures { n: 3, index: Some(100.0), ci95: ci95(100.0, 3) });
    assert_eq!((f.by_channel[&Channel::Paper].index, f.by_channel[&Channel::Paper].ci95), (None, None));
}

#[test]
fn refuses_what_cannot_be_counted() {
    let ward_q = template("ward-short").unwrap();
    let sipas = template("sipas").unwrap();
    let mut a = Aggregate::new(&ward_q).unwrap();
    let r = testgen::response(&sipas, 3);
    assert!(matches!(a.add(&r), Err(ResultsError::WrongQuestionnaire { .. })));
    assert!(matches!(a.merge(&Aggregate::new(&sipas).unwrap()), Err(ResultsError::WrongQuestionnaire { .. })));
    assert!(matches!(a.figures(&sipas, 0, ABOVE_90), Err(ResultsError::WrongQuestionnaire { .. })));

    let ok = [5u8; 9];
    let mut rows = ok.repeat(3);
    rows[9 + 4] = 0; // 0 is not an answer to a ward-short statement
    assert_eq!(a.add_codes(Channel::Qr, &rows), Err(ResultsError::BadCode { row: 1, item: "kq2".into(), code: 0 }));
    rows[9 + 4] = 200;
    assert!(matches!(a.add_codes(Channel::Qr, &rows), Err(ResultsError::BadCode { code: 200, .. })));
    assert!(matches!(a.add_codes(Channel::Qr, &rows[..10]), Err(ResultsError::BadBatch(_))));
    assert!(matches!(
        a.add_batch(Channel::Qr, Batch { codes: &ok, g2: &[Some(3)], ..Batch::default() }),
        Err(ResultsError::BadAnswer { .. })
    ));
    assert_eq!(a.n(), 0, "a refused batch counts nothing");
    assert!(a.channels().is_empty());
    a.add_codes(Channel::Qr, &[]).unwrap();
    assert!(a.channels().is_empty(), "an empty batch leaves no empty channel behind");

    let moh_q = template("moh-outpatient").unwrap();
    let mut m = Aggregate::new(&moh_q).unwrap();
    let codes = [4u8; 31];
    for (g1, g2) in [(Some(201), None), (None, Some(7)), (None, Some(0))] {
        let batch = Batch { codes: &codes, g1: &[g1], g2: &[g2] };
        assert!(matches!(m.add_batch(Channel::Qr, batch), Err(ResultsError::BadAnswer { .. })));
    }
    let mut edited = moh_q.clone();
    edited.sections[1].items.pop();
    assert!(matches!(m.figures(&edited, 0, ABOVE_90), Err(ResultsError::LayoutMismatch(_))));
}

#[test]
fn stored_form_round_trips_and_refuses_corruption() {
    let q = template("moh-outpatient").unwrap();
    let a = aggregate_of(&q, &(0..20).map(|s| testgen::response(&q, s)).collect::<Vec<_>>());
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["layout"]["items"][0], json!({"id": "a1", "scale": "scale5_zero"}));
    assert!(v["by_channel"].as_object().unwrap().values().all(|t| t["counts"][0].get("5").is_some()));
    assert_eq!(serde_json::from_value::<Aggregate>(v.clone()).unwrap(), a);

    let channel = v["by_channel"].as_object().unwrap().keys().next().unwrap().clone();
    let mut bad = v.clone();
    bad["by_channel"][&channel]["counts"][0]["5"] = json!(1000);
    assert!(serde_json::from_value::<Aggregate>(bad).is_err(), "more answers than responses");
    let mut bad = v.clone();
    bad["by_channel"][&channel]["counts"].as_array_mut().unwrap().pop();
    assert!(serde_json::from_value::<Aggregate>(bad).is_err(), "counts of another layout");
    let mut bad = v.clone();
    bad["by_channel"][&channel]["fully_satisfied"] = json!(1000);
    assert!(serde_json::from_value::<Aggregate>(bad).is_err());
    let mut empty = serde_json::to_value(Aggregate::new(&q).unwrap()).unwrap();
    empty["by_channel"]["paper"] = json!({"n": 0, "rated": 0, "fully_satisfied": 0, "counts": vec![json!({}); 31]});
    let back: Aggregate = serde_json::from_value(empty).unwrap();
    assert_eq!(back, Aggregate::new(&q).unwrap(), "an empty channel is dropped");
}

/// The figures computed straight from the responses, formula by formula, without any counter.
struct Direct {
    index: Option<f64>,
    pooled: Option<f64>,
    full: Option<f64>,
    /// Respondents with at least one valid scored answer.
    rated: u64,
    items: Vec<DirectItem>,
    sections: Vec<DirectSection>,
    g1: Option<f64>,
    g1_n: u64,
    g2: Option<f64>,
    g2_n: u64,
}

struct DirectItem {
    pct: Option<f64>,
    dissatisfied: Option<f64>,
    mean: Option<f64>,
    n: u64,
}

struct DirectSection {
    index: Option<f64>,
    /// The largest number of valid answers one of its statements received.
    most_answers: u64,
    /// Respondents with a valid answer to at least one of its statements.
    respondents: u64,
}

fn direct(q: &Questionnaire, rs: &[Response]) -> Direct {
    let int = |r: &Response, id: &str| match r.answers.get(id) {
        Some(AnswerValue::Int(v)) => Some(*v),
        _ => None,
    };
    // (valid, satisfied, dissatisfied) of one answer.
    let read = |kind: &ItemKind, v: i64| match kind {
        ItemKind::Faces3 => (true, v >= 2, v == 1),
        _ => ((1..=5).contains(&v), v >= 4, v <= 2),
    };
    let share = |part: usize, whole: usize| (whole > 0).then(|| part as f64 * 100.0 / whole as f64);
    let (mut items, mut sections, mut sat_all, mut valid_all) = (vec![], vec![], 0, 0);
    for s in &q.sections {
        let scored: Vec<_> = s.items.iter().filter(|i| i.scored).collect();
        if scored.is_empty() {
            continue;
        }
        let (mut pcts, mut most_answers) = (vec![], 0);
        for item in &scored {
            let valid: Vec<i64> =
                rs.iter().filter_map(|r| int(r, item.id.as_str())).filter(|&v| read(&item.kind, v).0).collect();
            let sat = valid.iter().filter(|&&v| read(&item.kind, v).1).count();
            let dis = valid.iter().filter(|&&v| read(&item.kind, v).2).count();
            sat_all += sat;
            valid_all += valid.len();
            let mean = (!valid.is_empty() && item.kind != ItemKind::Faces3)
                .then(|| valid.iter().sum::<i64>() as f64 / valid.len() as f64);
            let pct = share(sat, valid.len());
            items.push(DirectItem { pct, dissatisfied: share(dis, valid.len()), mean, n: valid.len() as u64 });
            pcts.push(pct);
            most_answers = most_answers.max(valid.len() as u64);
        }
        let respondents = rs
            .iter()
            .filter(|r| scored.iter().any(|i| int(r, i.id.as_str()).is_some_and(|v| read(&i.kind, v).0)))
            .count() as u64;
        sections.push(DirectSection { index: mean_of(pcts), most_answers, respondents });
    }
    let (mut rated, mut full) = (0, 0);
    for r in rs {
        let answers: Vec<(bool, bool, bool)> = q
            .items()
            .filter(|(_, i)| i.scored)
            .filter_map(|(_, i)| int(r, i.id.as_str()).map(|v| read(&i.kind, v)))
            .filter(|a| a.0)
            .collect();
        if !answers.is_empty() {
            rated += 1;
            full += usize::from(answers.iter().all(|a| a.1));
        }
    }
    let g1: Vec<i64> = if q.item("g1").is_some() { rs.iter().filter_map(|r| int(r, "g1")).collect() } else { vec![] };
    let g2: Vec<i64> = if q.item("g2").is_some() { rs.iter().filter_map(|r| int(r, "g2")).collect() } else { vec![] };
    Direct {
        index: mean_of(sections.iter().map(|s| s.index)),
        pooled: share(sat_all, valid_all),
        full: share(full, rated),
        rated: rated as u64,
        items,
        sections,
        g1: (!g1.is_empty()).then(|| g1.iter().sum::<i64>() as f64 / g1.len() as f64),
        g1_n: g1.len() as u64,
        g2: share(g2.iter().filter(|&&o| o == 4 || o == 5).count(), g2.len()),
        g2_n: g2.len() as u64,
    }
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        _ => false,
    }
}

/// The test's own encoding of a response into codes (not `Layout::encode`), for the fast path.
fn own_codes(q: &Questionnaire, r: &Response) -> (Vec<u8>, Option<i64>, Option<u8>) {
    let int = |id: &str| match r.answers.get(id) {
        Some(AnswerValue::Int(v)) => Some(*v),
        _ => None,
    };
    let codes =
        q.items().filter(|(_, i)| i.scored).map(|(_, i)| int(i.id.as_str()).map_or(BLANK, |v| v as u8)).collect();
    let g1 = q.item("g1").and(int("g1"));
    let g2 = q.item("g2").and(int("g2")).map(|v| v as u8);
    (codes, g1, g2)
}

/// Deterministic shuffle of `v` by `seed` (Fisher–Yates over splitmix).
fn shuffled<T: Clone>(v: &[T], seed: u64) -> Vec<T> {
    let mut out = v.to_vec();
    let mut rng = crate::SplitMix64::new(seed);
    for i in (1..out.len()).rev() {
        out.swap(i, rng.below(i as u64 + 1) as usize);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Incremental aggregation is exact: one by one in any order, split into parts merged in any
    /// order, the fast path over columns, and the stored form all give the aggregate and figures
    /// of the full recompute.
    #[test]
    fn order_grouping_and_path_do_not_matter(
        which in 0usize..4,
        seeds in prop::collection::vec(any::<u64>(), 0..60),
        order in any::<u64>(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
        min_responses in 0u32..40,
    ) {
        let q = &templates()[which];
        let responses: Vec<Response> = seeds.iter().map(|&s| testgen::response(q, s)).collect();
        let full = aggregate_of(q, &responses);
        let figures = full.figures(q, min_responses, ABOVE_90).unwrap();
        prop_assert_eq!(full.n(), responses.len() as u64);

        let one_by_one = aggregate_of(q, &shuffled(&responses, order));
        prop_assert_eq!(&one_by_one, &full);
        prop_assert_eq!(one_by_one.figures(q, min_responses, ABOVE_90).unwrap(), figures.clone());

        let mut bounds: Vec<usize> = cuts.iter().map(|c| c.index(responses.len() + 1)).collect();
        bounds.extend([0, responses.len()]);
        bounds.sort_unstable();
        let mut parts: Vec<Aggregate> = bounds.windows(2).map(|w| aggregate_of(q, &responses[w[0]..w[1]])).collect();
        parts = shuffled(&parts, order ^ 1);
        let mut merged = Aggregate::new(q).unwrap();
        for p in &parts {
            merged.merge(p).unwrap();
        }
        prop_assert_eq!(&merged, &full);
        prop_assert_eq!(merged.figures(q, min_responses, ABOVE_90).unwrap(), figures.clone());

        let mut fast = Aggregate::new(q).unwrap();
        for channel in CHANNELS {
            let (mut codes, mut g1, mut g2) = (vec![], vec![], vec![]);
            for r in responses.iter().filter(|r| r.source.channel() == channel) {
                let (c, a, b) = own_codes(q, r);
                codes.extend(c);
                g1.push(a);
                g2.push(b);
            }
            fast.add_batch(channel, Batch { codes: &codes, g1: &g1, g2: &g2 }).unwrap();
        }
        prop_assert_eq!(&fast, &full);

        let stored: Aggregate = serde_json::from_str(&serde_json::to_string(&full).unwrap()).unwrap();
        prop_assert_eq!(&stored, &full);
        prop_assert_eq!(stored.figures(q, min_responses, ABOVE_90).unwrap(), figures);
    }

    /// Excluding after counting is exact: counting all and removing some equals counting the rest.
    #[test]
    fn removing_equals_never_counting(
        which in 0usize..4,
        seeds in prop::collection::vec(any::<u64>(), 1..40),
        keep in prop::collection::vec(any::<bool>(), 40),
    ) {
        let q = &templates()[which];
        let responses: Vec<Response> = seeds.iter().map(|&s| testgen::response(q, s)).collect();
        let mut all = aggregate_of(q, &responses);
        let (kept, dropped): (Vec<_>, Vec<_>) = responses.iter().zip(&keep).partition(|(_, k)| **k);
        for (r, _) in &dropped {
            all.remove(r).unwrap();
        }
        let kept: Vec<Response> = kept.into_iter().map(|(r, _)| r.clone()).collect();
        prop_assert_eq!(&all, &aggregate_of(q, &kept));
        if let Some((r, _)) = dropped.first() {
            prop_assert!(Aggregate::new(q).unwrap().remove(r).is_err(), "nothing to take from an empty aggregate");
        }
    }

    /// The figures equal the formulas applied directly to the responses, and stay in range.
    #[test]
    fn figures_follow_the_formulas(which in 0usize..4, seeds in prop::collection::vec(any::<u64>(), 1..60)) {
        let q = &templates()[which];
        let responses: Vec<Response> = seeds.iter().map(|&s| testgen::response(q, s)).collect();
        let f = aggregate_of(q, &responses).figures(q, 0, ABOVE_90).unwrap();
        let d = direct(q, &responses);
        prop_assert!(same(f.index, d.index) && same(f.pooled_pct, d.pooled) && same(f.fully_satisfied_pct, d.full));
        prop_assert!(same(f.expectation_pct, d.g1) && same(f.return_pct, d.g2));
        prop_assert_eq!((f.g1_n, f.g2_n), (d.g1_n, d.g2_n));
        prop_assert_eq!(f.ci95, d.index.and_then(|i| ci95(i, d.rated)));
        prop_assert_eq!(f.target_met, d.index.map(|i| i > 90.0));
        prop_assert_eq!(f.items.len(), d.items.len());
        for (item, want) in f.items.iter().zip(&d.items) {
            prop_assert!(same(item.pct_satisfied, want.pct) && same(item.mean, want.mean), "{}", item.id);
            prop_assert!(same(item.pct_dissatisfied, want.dissatisfied), "{}", item.id);
            prop_assert_eq!(item.n, want.n);
            prop_assert_eq!(item.ci95, want.pct.and_then(|p| ci95(p, want.n)));
            prop_assert!(item.pct_satisfied.is_none_or(|p| (0.0..=100.0).contains(&p)));
            prop_assert!(item.pct_satisfied.zip(item.pct_dissatisfied).is_none_or(|(s, d)| s + d <= 100.0 + 1e-9));
            prop_assert!(item.mean.is_none_or(|m| (1.0..=5.0).contains(&m)));
        }
        prop_assert_eq!(f.sections.len(), d.sections.len());
        for (section, want) in f.sections.iter().zip(&d.sections) {
            prop_assert!(same(section.index, want.index), "{}", section.id);
            prop_assert_eq!(section.n, want.most_answers);
            prop_assert!(section.n <= want.respondents, "n never exceeds the respondents who rated the section");
            prop_assert_eq!(section.ci95, want.index.and_then(|i| ci95(i, want.most_answers)));
        }
        for (channel, c) in &f.by_channel {
            let mine: Vec<Response> = responses.iter().filter(|r| r.source.channel() == *channel).cloned().collect();
            let d = direct(q, &mine);
            prop_assert_eq!(c.n, mine.len() as u64);
            prop_assert!(same(c.index, d.index));
            prop_assert_eq!(c.ci95, d.index.and_then(|i| ci95(i, d.rated)));
        }
        let pcts: Vec<f64> = f.items.iter().filter_map(|i| i.pct_satisfied).collect();
        if let Some(pooled) = f.pooled_pct {
            let (lo, hi) = pcts.iter().fold((f64::MAX, f64::MIN), |(l, h), &p| (l.min(p), h.max(p)));
            prop_assert!(lo - 1e-9 <= pooled && pooled <= hi + 1e-9, "pooled lies between its items");
            let [a, b] = f.ci95.unwrap();
            prop_assert!(a <= f.index.unwrap() && f.index.unwrap() <= b);
        }
        prop_assert_eq!(f.by_channel.values().map(|c| c.n).sum::<u64>(), f.n);
    }
}
