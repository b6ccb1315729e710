//! The published snapshot of a campaign's results: the JSON the public results page reads. Field
//! names are part of the public API. Building it is pure: the caller brings the aggregates, the
//! exclusion counts and the publication facts.

use super::aggregate::Aggregate;
use super::figures::{ChannelFigures, ItemFigures, SectionFigures, UnitFigures};
use super::interval::{INTERVAL_METHOD, intervals_overlap};
use super::{ResultsError, ref_name};
use crate::campaign::{Campaign, Target, TargetRule};
use crate::code::{CampaignId, UnitCode};
use crate::questionnaire::{Questionnaire, QuestionnaireRef};
use crate::response::Channel;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub campaign: SnapshotCampaign,
    /// Publication number of this campaign's results, 1 for the first.
    pub version: u32,
    /// RFC 3339, UTC.
    pub published_at: String,
    pub publisher_role: String,
    /// Why a new version was published (a correction…); `None` for an ordinary publication.
    pub reason: Option<String>,
    /// Root of the Merkle tree over the counted responses (hex), see `results::merkle`.
    pub digest: String,
    /// How every figure was computed, for readers.
    pub method: String,
    /// The campaign's quality objective, in % (a unit's `target_met` compares its index to it).
    #[serde(default)]
    pub target_pct: f64,
    /// Whether an index equal to `target_pct` met it; snapshots published before the rule was a
    /// campaign setting were judged with ≥.
    #[serde(default = "TargetRule::stored_before_the_setting")]
    pub target_rule: TargetRule,
    /// Below this many counted responses a unit's figures are withheld.
    #[serde(default)]
    pub min_responses: u32,
    pub units: Vec<SnapshotUnit>,
    pub overall: Vec<OverallFigures>,
    /// Responses not counted, by reason (duplicate, out of window…), as the caller counted them.
    pub excluded: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotCampaign {
    pub id: CampaignId,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotUnit {
    pub code: UnitCode,
    pub name: String,
    pub questionnaire: QuestionnaireRef,
    /// 1 for the highest index among the units of the same questionnaire; equal indices share a
    /// rank; `None` when suppressed.
    pub rank: Option<u32>,
    /// Responses the plan asked of this unit.
    #[serde(default)]
    pub quota: u32,
    /// Service volume of the period (dossiers, patients), when known: `n / volume` is the
    /// response rate.
    #[serde(default)]
    pub volume: Option<u32>,
    #[serde(flatten)]
    pub figures: UnitFigures,
}

/// All counted responses of one questionnaire pooled across units: the same figures as a unit's,
/// per section, item and channel, with their n and intervals. Snapshots published before these
/// entries carried more than `n`, `index` and `pooled_pct` read with the rest empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverallFigures {
    pub questionnaire: QuestionnaireRef,
    #[serde(flatten)]
    pub figures: UnitFigures,
}

/// One unit's input to [`Snapshot::build`]; a unit with no response brings an empty
/// `Aggregate::new(q)`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitInput {
    pub code: UnitCode,
    pub name: String,
    pub volume: Option<u32>,
    pub aggregate: Aggregate,
}

/// The method note published with every snapshot.
pub fn method_note(min_responses: u32, target: Target) -> String {
    let pct = target.pct;
    let rule = match target.rule {
        TargetRule::Above => {
            format!("unit index > {pct}% (strictly above: an index of exactly {pct}% does not meet it)")
        }
        TargetRule::AtLeast => format!("unit index ≥ {pct}% (an index of exactly {pct}% meets it)"),
    };
    format!(
        "Item: % satisfied = answers 4–5 / answers 1–5 × 100 (counter rating: Hài lòng and Rất hài lòng \
         over all three faces); % dissatisfied = answers 1–2 / answers 1–5 × 100 (counter rating: the \
         unhappy face); mean score over answers 1–5. 0 \"không sử dụng\", \"không ý kiến\" and \
         blanks are in no denominator. Section index = mean of its items' % satisfied, items without a \
         valid answer left out. Unit index = mean of its section indices. Pooled % = all answers 4–5 / \
         all answers 1–5 over every scored statement. Hài lòng toàn diện = share of respondents whose \
         every answered statement is 4–5. G1 = mean % of expectations met over its g1_n answers; G2 \
         return rate = options 4–5 over its g2_n answers 1–6. Overall entries pool every counted response \
         of a questionnaire across units and give the same figures. A unit's figures are withheld below \
         {min_responses} counted responses. Target: {rule}. Ranks order units by index; equal indices \
         share a rank. {INTERVAL_METHOD}"
    )
}

impl Snapshot {
    /// Builds the snapshot. Units keep the order given; each must be in the campaign, given once,
    /// with its questionnaire among `questionnaires`. Ranks compare units of one questionnaire id.
    /// `overall` has one entry per questionnaire version used, in (id, version) order, its figures
    /// withheld like a unit's below the minimum.
    #[allow(clippy::too_many_arguments)] // The signature is the one the results issue fixes.
    pub fn build(
        campaign: &Campaign,
        units: &[UnitInput],
        questionnaires: &[Questionnaire],
        excluded: BTreeMap<String, u64>,
        version: u32,
        published_at: String,
        publisher_role: String,
        reason: Option<String>,
        digest: String,
    ) -> Result<Snapshot, ResultsError> {
        let template = |r: &QuestionnaireRef| {
            questionnaires
                .iter()
                .find(|q| q.reference() == *r)
                .ok_or_else(|| ResultsError::UnknownQuestionnaire(ref_name(r)))
        };
        let mut seen = BTreeSet::new();
        let mut pooled: BTreeMap<QuestionnaireRef, Aggregate> = BTreeMap::new();
        let mut out = Vec::with_capacity(units.len());
        for u in units {
            let Some(member) = campaign.unit(&u.code) else {
                return Err(ResultsError::UnitNotInCampaign(u.code.to_string()));
            };
            if !seen.insert(&u.code) {
                return Err(ResultsError::DuplicateUnit(u.code.to_string()));
            }
            let q = template(u.aggregate.questionnaire())?;
            let figures = u.aggregate.figures(q, campaign.min_responses, campaign.target())?;
            match pooled.get_mut(u.aggregate.questionnaire()) {
                Some(all) => all.merge(&u.aggregate)?,
                None => {
                    pooled.insert(u.aggregate.questionnaire().clone(), u.aggregate.clone());
                }
            }
            let questionnaire = u.aggregate.questionnaire().clone();
            out.push(SnapshotUnit {
                code: u.code.clone(),
                name: u.name.clone(),
                questionnaire,
                rank: None,
                quota: member.quota,
                volume: u.volume,
                figures,
            });
        }
        // Units are ranked against units answering the same instrument: a SIPAS index and an MoH
        // index measure different things.
        let instruments: BTreeSet<_> = out.iter().map(|u| u.questionnaire.id.clone()).collect();
        for id in instruments {
            let index = |u: &SnapshotUnit| if u.questionnaire.id == id { u.figures.index } else { None };
            let ranks = ranks(&out.iter().map(index).collect::<Vec<_>>());
            for (unit, rank) in out.iter_mut().zip(ranks) {
                unit.rank = unit.rank.or(rank);
            }
        }
        let overall = pooled
            .into_iter()
            .map(|(r, all)| {
                let figures = all.figures(template(&r)?, campaign.min_responses, campaign.target())?;
                Ok(OverallFigures { questionnaire: r, figures })
            })
            .collect::<Result<_, ResultsError>>()?;
        Ok(Snapshot {
            campaign: SnapshotCampaign { id: campaign.id.clone(), title: campaign.title.clone() },
            version,
            published_at,
            publisher_role,
            reason,
            digest,
            method: method_note(campaign.min_responses, campaign.target()),
            target_pct: campaign.target_pct,
            target_rule: campaign.target_rule,
            min_responses: campaign.min_responses,
            units: out,
            overall,
            excluded,
        })
    }

    /// The objective the units were judged against.
    pub fn target(&self) -> Target {
        Target { pct: self.target_pct, rule: self.target_rule }
    }

    pub fn unit(&self, code: &str) -> Option<&SnapshotUnit> {
        self.units.iter().find(|u| u.code.as_str() == code)
    }

    /// Whether the 95% intervals of two units overlap (their order is then within the noise);
    /// `None` if either unit is unknown or has no interval.
    pub fn overlap(&self, a: &str, b: &str) -> Option<bool> {
        Some(intervals_overlap(self.unit(a)?.figures.ci95?, self.unit(b)?.figures.ci95?))
    }
}

impl SnapshotUnit {
    pub fn overlaps(&self, other: &SnapshotUnit) -> Option<bool> {
        Some(intervals_overlap(self.figures.ci95?, other.figures.ci95?))
    }

    pub fn sections(&self) -> &[SectionFigures] {
        &self.figures.sections
    }

    pub fn items(&self) -> &[ItemFigures] {
        &self.figures.items
    }

    pub fn by_channel(&self) -> &BTreeMap<Channel, ChannelFigures> {
        &self.figures.by_channel
    }
}

/// Competition ranking ("1, 2, 2, 4") by value descending; `None` values get no rank and take no place.
pub fn ranks(values: &[Option<f64>]) -> Vec<Option<u32>> {
    let mut sorted: Vec<f64> = values.iter().flatten().copied().collect();
    sorted.sort_unstable_by(|a, b| b.total_cmp(a));
    // Rank = 1 + how many values are strictly higher: the length of the prefix above v.
    values.iter().map(|v| v.map(|v| sorted.partition_point(|&w| w > v) as u32 + 1)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::CampaignUnit;
    use crate::campaign::tests::sample_campaign;
    use crate::catalogue::template;
    use crate::response::Response;
    use crate::results::ci95;
    use crate::results::testgen;
    use crate::unit::UnitKind;
    use serde_json::json;

    /// Four communes on the short ward form, two stations on the MoH form; 5 responses needed.
    fn campaign() -> Campaign {
        let mut c = sample_campaign();
        c.questionnaires = [
            (UnitKind::UbndXa, template("ward-short").unwrap().reference()),
            (UnitKind::TramYTe, template("moh-outpatient").unwrap().reference()),
        ]
        .into();
        let (ward, station) = (c.units[0].clone(), c.units[1].clone());
        c.units = (1..=4)
            .map(|i| CampaignUnit { code: UnitCode::parse(&format!("ubnd-{i}")).unwrap(), ..ward.clone() })
            .chain(
                (1..=2)
                    .map(|i| CampaignUnit { code: UnitCode::parse(&format!("tyt-{i}")).unwrap(), ..station.clone() }),
            )
            .collect();
        c.min_responses = 5;
        c
    }

    fn ward_response(all: i64, seed: u64) -> Response {
        let q = template("ward-short").unwrap();
        let mut r = testgen::response(&q, seed);
        let raw = q.items().map(|(_, i)| (i.id.to_string(), json!(all))).collect();
        r.answers = crate::response::Answers::validate(&q, &raw).unwrap();
        r
    }

    fn unit(code: &str, q: &Questionnaire, responses: &[Response]) -> UnitInput {
        let mut aggregate = Aggregate::new(q).unwrap();
        for r in responses {
            aggregate.add(r).unwrap();
        }
        UnitInput { code: UnitCode::parse(code).unwrap(), name: format!("Đơn vị {code}"), volume: None, aggregate }
    }

    fn inputs() -> (Vec<UnitInput>, Vec<Questionnaire>) {
        let ward = template("ward-short").unwrap();
        let moh = template("moh-outpatient").unwrap();
        let fives: Vec<_> = (0..6).map(|s| ward_response(5, s)).collect();
        let mixed: Vec<_> = (0..6).map(|s| ward_response(if s % 2 == 0 { 5 } else { 3 }, s)).collect();
        let units = vec![
            unit("ubnd-1", &ward, &fives),
            unit("ubnd-2", &ward, &fives[..5]),
            unit("ubnd-3", &ward, &mixed),
            unit("ubnd-4", &ward, &fives[..2]),
            unit("tyt-1", &moh, &(0..10).map(|s| testgen::response(&moh, s)).collect::<Vec<_>>()),
            unit("tyt-2", &moh, &[]),
        ];
        (units, vec![ward, moh])
    }

    fn build(units: &[UnitInput], qs: &[Questionnaire]) -> Result<Snapshot, ResultsError> {
        let excluded = [("duplicate".to_owned(), 3), ("out_of_window".to_owned(), 1)].into();
        let root = "ab".repeat(32);
        Snapshot::build(&campaign(), units, qs, excluded, 1, "2026-11-30T09:00:00Z".into(), "admin".into(), None, root)
    }

    #[test]
    fn ranks_ties_suppression_and_overall() {
        let (units, qs) = inputs();
        let s = build(&units, &qs).unwrap();
        let rank = |c: &str| s.unit(c).unwrap().rank;
        assert_eq!([rank("ubnd-1"), rank("ubnd-2"), rank("ubnd-3"), rank("ubnd-4")], [Some(1), Some(1), Some(3), None]);
        assert_eq!((rank("tyt-1"), rank("tyt-2")), (Some(1), None), "stations are ranked among stations");
        assert!(s.unit("ubnd-4").unwrap().figures.suppressed && s.unit("tyt-2").unwrap().figures.n == 0);
        assert_eq!(s.unit("ubnd-1").unwrap().figures.target_met, Some(true));
        assert_eq!(s.unit("ubnd-3").unwrap().figures.target_met, Some(false));

        assert_eq!(s.overall.len(), 2);
        let ward = &s.overall[1];
        let pool = &ward.figures;
        assert_eq!((ward.questionnaire.id.as_str(), pool.n), ("ward-short", 19), "suppressed units count in the pool");
        assert!((pool.pooled_pct.unwrap() - 16.0 / 19.0 * 100.0).abs() < 1e-9, "13 all-5 and 3 of 6 mixed respondents");
        // Per element, counted by hand: 16 of the 19 respondents answered 5 everywhere, 3 answered 3.
        assert_eq!((pool.items.len(), pool.sections.len()), (9, 3));
        for item in &pool.items {
            assert_eq!((item.n, item.counts.get(5), item.counts.get(3)), (19, 16, 3), "{}", item.id);
            assert_eq!((item.pct_dissatisfied, item.ci95), (Some(0.0), ci95(100.0 * 16.0 / 19.0, 19)));
        }
        assert!(pool.sections.iter().all(|s| s.n == 19 && s.ci95 == ci95(100.0 * 16.0 / 19.0, 19)));
        assert_eq!(pool.ci95, ci95(100.0 * 16.0 / 19.0, 19));
        assert_eq!(pool.by_channel.values().map(|c| c.n).sum::<u64>(), 19);
        assert_eq!(pool.target_met, Some(false), "84% is below 90%");
        let mut pooled = units[0].aggregate.clone();
        for u in &units[1..4] {
            pooled.merge(&u.aggregate).unwrap();
        }
        assert_eq!(*pool, pooled.figures(&qs[0], 5, campaign().target()).unwrap(), "a pool's figures are a unit's");
        assert_eq!(s.target_rule, TargetRule::Above);
        assert_eq!(s.overall[0].questionnaire.id.as_str(), "moh-outpatient");
        assert_eq!(s.excluded["duplicate"], 3);
        assert!(s.method.contains("Wilson") && s.method.contains("below 5 counted responses"));
        assert!(s.method.contains("unit index > 90% (strictly above"), "{}", s.method);
    }

    #[test]
    fn the_method_note_words_the_rule() {
        let note = |rule| method_note(30, Target { pct: 90.0, rule });
        assert!(note(TargetRule::Above).contains("unit index > 90% (strictly above: an index of exactly 90% does not"));
        assert!(note(TargetRule::AtLeast).contains("unit index ≥ 90% (an index of exactly 90% meets it)"));
        assert!(note(TargetRule::Above).contains("% dissatisfied = answers 1–2"));
    }

    #[test]
    fn overlap_of_intervals() {
        let (units, qs) = inputs();
        let s = build(&units, &qs).unwrap();
        assert_eq!(s.overlap("ubnd-1", "ubnd-2"), Some(true));
        assert_eq!(s.overlap("ubnd-1", "ubnd-4"), None, "a suppressed unit has no interval");
        assert_eq!(s.overlap("ubnd-1", "nowhere"), None);
        let (a, b) = (s.unit("ubnd-1").unwrap(), s.unit("ubnd-3").unwrap());
        assert_eq!(a.overlaps(b), Some(intervals_overlap(a.figures.ci95.unwrap(), b.figures.ci95.unwrap())));
    }

    #[test]
    fn refuses_foreign_repeated_and_unknown() {
        let (mut units, qs) = inputs();
        assert!(matches!(build(&units, &qs[..1]), Err(ResultsError::UnknownQuestionnaire(_))));
        units.push(units[0].clone());
        assert!(matches!(build(&units, &qs), Err(ResultsError::DuplicateUnit(_))));
        units.pop();
        units[0].code = UnitCode::parse("elsewhere").unwrap();
        assert!(matches!(build(&units, &qs), Err(ResultsError::UnitNotInCampaign(_))));
    }

    #[test]
    fn json_has_the_public_field_names_and_round_trips() {
        let (units, qs) = inputs();
        let s = build(&units, &qs).unwrap();
        let v = serde_json::to_value(&s).unwrap();
        let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<BTreeSet<_>>();
        for k in [
            "campaign",
            "version",
            "published_at",
            "method",
            "units",
            "overall",
            "excluded",
            "publisher_role",
            "reason",
            "digest",
        ] {
            assert!(keys(&v).contains(k), "snapshot.{k}");
        }
        assert_eq!(v["campaign"], json!({"id": "demo", "title": "Khảo sát thử"}));
        let unit = &v["units"][0];
        for k in [
            "code",
            "name",
            "n",
            "index",
            "pooled_pct",
            "ci95",
            "target_met",
            "suppressed",
            "questionnaire",
            "rank",
            "quota",
            "volume",
            "by_channel",
            "sections",
            "items",
        ] {
            assert!(keys(unit).contains(k), "unit.{k}");
        }
        assert_eq!(unit["ci95"].as_array().unwrap().len(), 2);
        for k in ["g1_n", "g2_n"] {
            assert!(keys(unit).contains(k), "unit.{k}");
        }
        assert_eq!(v["target_rule"], "above");
        assert_eq!(keys(&unit["sections"][0]), ["ci95", "id", "index", "n"].map(String::from).into());
        assert_eq!(
            keys(&unit["items"][0]),
            ["ci95", "counts", "id", "mean", "n", "pct_dissatisfied", "pct_satisfied", "section"]
                .map(String::from)
                .into()
        );
        assert_eq!(keys(&unit["items"][0]["counts"]), (0..=5).map(|k| k.to_string()).collect());
        assert!(
            unit["by_channel"]
                .as_object()
                .unwrap()
                .values()
                .all(|c| keys(c) == ["ci95", "index", "n"].map(String::from).into())
        );
        let mut overall = keys(unit);
        for k in ["code", "name", "rank", "quota", "volume"] {
            overall.remove(k);
        }
        assert_eq!(keys(&v["overall"][0]), overall, "an overall entry has a unit's figures, flat");
        let suppressed = &v["units"][3];
        assert_eq!(
            (suppressed["suppressed"].clone(), suppressed["index"].clone(), suppressed["n"].clone()),
            (json!(true), json!(null), json!(2))
        );
        let back: Snapshot = serde_json::from_value(v).unwrap();
        assert_eq!(back, s);
    }

    /// A snapshot as published before intervals per element, G1/G2 n, the target rule and full
    /// overall entries: it still reads, the new figures empty and the rule ≥ as it was judged.
    #[test]
    fn snapshots_published_before_read_with_the_new_figures_empty() {
        let (units, qs) = inputs();
        let mut v = serde_json::to_value(build(&units, &qs).unwrap()).unwrap();
        v.as_object_mut().unwrap().remove("target_rule");
        for unit in v["units"].as_array_mut().unwrap() {
            let unit = unit.as_object_mut().unwrap();
            unit.remove("g1_n");
            unit.remove("g2_n");
            for item in unit["items"].as_array_mut().unwrap() {
                item.as_object_mut().unwrap().retain(|k, _| !["pct_dissatisfied", "ci95"].contains(&k.as_str()));
            }
            for section in unit["sections"].as_array_mut().unwrap() {
                section.as_object_mut().unwrap().retain(|k, _| k == "id" || k == "index");
            }
            for channel in unit["by_channel"].as_object_mut().unwrap().values_mut() {
                channel.as_object_mut().unwrap().remove("ci95");
            }
        }
        for entry in v["overall"].as_array_mut().unwrap() {
            entry
                .as_object_mut()
                .unwrap()
                .retain(|k, _| ["questionnaire", "n", "index", "pooled_pct"].contains(&k.as_str()));
        }
        let old: Snapshot = serde_json::from_value(v).unwrap();
        assert_eq!(old.target_rule, TargetRule::AtLeast);
        let unit = old.unit("ubnd-3").unwrap();
        assert!(unit.figures.index.is_some() && unit.items()[0].ci95.is_none() && unit.sections()[0].n == 0);
        let ward = &old.overall[1].figures;
        assert_eq!((ward.n, ward.suppressed, ward.items.len(), ward.ci95), (19, false, 0, None));
        assert!(ward.index.is_some() && ward.pooled_pct.is_some());
    }

    #[test]
    fn ranks_are_competition_ranks() {
        assert_eq!(
            ranks(&[Some(80.0), None, Some(90.0), Some(80.0), Some(70.0)]),
            [Some(2), None, Some(1), Some(2), Some(4)]
        );
        assert_eq!(ranks(&[]), Vec::<Option<u32>>::new());
    }
}
