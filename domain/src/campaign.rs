//! Campaigns: which units are surveyed with which questionnaire, how many answers each needs, and
//! when answers are accepted.

use crate::authority::Authority;
use crate::code::{CampaignId, UnitCode};
use crate::date::Date;
use crate::questionnaire::QuestionnaireRef;
use crate::unit::UnitKind;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    pub id: CampaignId,
    pub title: String,
    /// Who runs the campaign (the province's department, a People's Committee). Campaigns stored
    /// before it was asked for have none, and their pages leave the line out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
    /// Draft → open → closed; answers are taken only while open and within the dates.
    pub status: CampaignStatus,
    /// The questionnaire each kind of unit answers.
    pub questionnaires: BTreeMap<UnitKind, QuestionnaireRef>,
    pub units: Vec<CampaignUnit>,
    /// First day answers are accepted (Việt Nam time).
    pub opens: Date,
    /// Last day answers are accepted (Việt Nam time), inclusive.
    pub closes: Date,
    /// The quality objective, in % satisfied ("> 90%" in the seed documents).
    #[serde(default = "default_target_pct")]
    pub target_pct: f64,
    /// Whether an index equal to `target_pct` meets it. Campaigns stored before this was a
    /// setting were judged with ≥, so they read as [`TargetRule::AtLeast`].
    #[serde(default = "TargetRule::stored_before_the_setting")]
    pub target_rule: TargetRule,
    /// Below this many counted responses a unit's figures are withheld.
    #[serde(default = "default_min_responses")]
    pub min_responses: u32,
}

fn default_target_pct() -> f64 {
    90.0
}

fn default_min_responses() -> u32 {
    30
}

/// How a unit's index is compared with the target percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "String")]
pub enum TargetRule {
    /// Strictly above: "> 90%", as the quality objectives of the seed documents write it; what a
    /// new plan gets unless it says otherwise.
    Above,
    /// At or above (≥).
    AtLeast,
}

impl TargetRule {
    /// The rule of a campaign or snapshot stored before the rule was a setting.
    pub fn stored_before_the_setting() -> TargetRule {
        TargetRule::AtLeast
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TargetRule::Above => "above",
            TargetRule::AtLeast => "at_least",
        }
    }

    /// `>` or `≥`, as the paper plans write a target.
    pub fn symbol(self) -> &'static str {
        match self {
            TargetRule::Above => ">",
            TargetRule::AtLeast => "≥",
        }
    }

    pub fn parse(s: &str) -> Result<TargetRule, CampaignError> {
        match s {
            "above" => Ok(TargetRule::Above),
            "at_least" => Ok(TargetRule::AtLeast),
            other => Err(CampaignError::BadTargetRule(other.to_owned())),
        }
    }
}

impl TryFrom<String> for TargetRule {
    type Error = CampaignError;

    fn try_from(s: String) -> Result<TargetRule, CampaignError> {
        TargetRule::parse(&s)
    }
}

/// A campaign's quality objective: a percentage and whether reaching it exactly is enough.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub pct: f64,
    pub rule: TargetRule,
}

impl Target {
    /// Whether an index (0–100) meets the objective.
    pub fn met_by(self, index: f64) -> bool {
        match self.rule {
            TargetRule::Above => index > self.pct,
            TargetRule::AtLeast => index >= self.pct,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignUnit {
    pub code: UnitCode,
    pub kind: UnitKind,
    /// Number of forms the plan asks for (60 per commune, 50 per station in Cam Ranh).
    pub quota: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatus {
    /// Being planned: not visible to the public.
    Draft,
    Open,
    /// Closed by an administrator (or past its dates): results can be published.
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowState {
    /// Still a draft: as if it did not exist, for the public.
    Draft,
    NotYetOpen,
    Open,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CampaignError {
    #[error("the campaign closes ({closes}) before it opens ({opens})")]
    ClosesBeforeOpening { opens: Date, closes: Date },
    #[error("unit {0} is listed twice")]
    DuplicateUnit(UnitCode),
    #[error("unit {0} has a quota of 0")]
    ZeroQuota(UnitCode),
    #[error("unit {unit} is a {kind:?} but the campaign has no questionnaire for that kind")]
    NoQuestionnaire { unit: UnitCode, kind: UnitKind },
    #[error("the target must be a percentage between 0 and 100")]
    BadTarget,
    #[error(
        "the target rule must be \"above\" (index > target, as \"> 90%\") or \"at_least\" (index ≥ target), not {0:?}"
    )]
    BadTargetRule(String),
    #[error("the campaign has no units")]
    NoUnits,
    #[error("the campaign needs a title")]
    NoTitle,
}

impl Campaign {
    /// Checks the plan as a whole; a campaign is stored only once this passes.
    pub fn check(&self) -> Result<(), CampaignError> {
        if self.title.trim().is_empty() {
            return Err(CampaignError::NoTitle);
        }
        if self.closes < self.opens {
            return Err(CampaignError::ClosesBeforeOpening { opens: self.opens, closes: self.closes });
        }
        if !(0.0..=100.0).contains(&self.target_pct) {
            return Err(CampaignError::BadTarget);
        }
        if self.units.is_empty() {
            return Err(CampaignError::NoUnits);
        }
        let mut seen = BTreeSet::new();
        for u in &self.units {
            if !seen.insert(&u.code) {
                return Err(CampaignError::DuplicateUnit(u.code.clone()));
            }
            if u.quota == 0 {
                return Err(CampaignError::ZeroQuota(u.code.clone()));
            }
            if !self.questionnaires.contains_key(&u.kind) {
                return Err(CampaignError::NoQuestionnaire { unit: u.code.clone(), kind: u.kind });
            }
        }
        Ok(())
    }

    pub fn target(&self) -> Target {
        Target { pct: self.target_pct, rule: self.target_rule }
    }

    pub fn unit(&self, code: &UnitCode) -> Option<&CampaignUnit> {
        self.units.iter().find(|u| &u.code == code)
    }

    pub fn questionnaire_for(&self, kind: UnitKind) -> Option<&QuestionnaireRef> {
        self.questionnaires.get(&kind)
    }

    pub fn window_on(&self, today: Date) -> WindowState {
        match self.status {
            CampaignStatus::Draft => return WindowState::Draft,
            CampaignStatus::Closed => return WindowState::Closed,
            CampaignStatus::Open => {}
        }
        if today < self.opens {
            WindowState::NotYetOpen
        } else if today > self.closes {
            WindowState::Closed
        } else {
            WindowState::Open
        }
    }

    pub fn total_quota(&self) -> u32 {
        self.units.iter().map(|u| u.quota).sum()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::code::QuestionnaireId;

    pub(crate) fn sample_campaign() -> Campaign {
        let q = QuestionnaireRef { id: QuestionnaireId::parse("sample").unwrap(), version: 2 };
        Campaign {
            id: CampaignId::parse("demo").unwrap(),
            title: "Khảo sát thử".into(),
            authority: Some(Authority::parse("Sở Nội vụ tỉnh Khánh Hòa").unwrap()),
            status: CampaignStatus::Open,
            questionnaires: [(UnitKind::UbndXa, q.clone()), (UnitKind::TramYTe, q)].into(),
            units: vec![
                CampaignUnit { code: UnitCode::parse("ubnd-1").unwrap(), kind: UnitKind::UbndXa, quota: 60 },
                CampaignUnit { code: UnitCode::parse("tyt-1").unwrap(), kind: UnitKind::TramYTe, quota: 50 },
            ],
            opens: Date::parse("2021-07-02").unwrap(),
            closes: Date::parse("2021-09-15").unwrap(),
            target_pct: 90.0,
            target_rule: TargetRule::Above,
            min_responses: 30,
        }
    }

    #[test]
    fn window_is_inclusive_of_both_ends() {
        let c = sample_campaign();
        let day = |s| Date::parse(s).unwrap();
        assert_eq!(c.window_on(day("2021-07-01")), WindowState::NotYetOpen);
        assert_eq!(c.window_on(day("2021-07-02")), WindowState::Open);
        assert_eq!(c.window_on(day("2021-09-15")), WindowState::Open);
        assert_eq!(c.window_on(day("2021-09-16")), WindowState::Closed);
        let draft = Campaign { status: CampaignStatus::Draft, ..c.clone() };
        assert_eq!(draft.window_on(day("2021-08-01")), WindowState::Draft);
        let closed_early = Campaign { status: CampaignStatus::Closed, ..c };
        assert_eq!(closed_early.window_on(day("2021-08-01")), WindowState::Closed);
    }

    #[test]
    fn check_accepts_the_sample_and_refuses_broken_plans() {
        let c = sample_campaign();
        assert_eq!(c.check(), Ok(()));
        assert_eq!(c.total_quota(), 110);

        let mut bad = c.clone();
        std::mem::swap(&mut bad.opens, &mut bad.closes);
        assert!(matches!(bad.check(), Err(CampaignError::ClosesBeforeOpening { .. })));

        let mut bad = c.clone();
        bad.units.push(bad.units[0].clone());
        assert!(matches!(bad.check(), Err(CampaignError::DuplicateUnit(_))));

        let mut bad = c.clone();
        bad.units[1].quota = 0;
        assert!(matches!(bad.check(), Err(CampaignError::ZeroQuota(_))));

        let mut bad = c.clone();
        bad.units[0].kind = UnitKind::BenhVien;
        assert!(matches!(bad.check(), Err(CampaignError::NoQuestionnaire { .. })));

        let mut bad = c;
        bad.target_pct = 120.0;
        assert_eq!(bad.check(), Err(CampaignError::BadTarget));
    }

    #[test]
    fn defaults_apply_when_reading_a_plan() {
        let mut v = serde_json::to_value(sample_campaign()).unwrap();
        for k in ["target_pct", "target_rule", "min_responses", "authority"] {
            v.as_object_mut().unwrap().remove(k);
        }
        let c: Campaign = serde_json::from_value(v).unwrap();
        assert_eq!((c.target_pct, c.min_responses), (90.0, 30));
        assert_eq!(c.target_rule, TargetRule::AtLeast, "a campaign stored before the rule keeps ≥");
        assert_eq!(c.authority, None, "a campaign stored before the authority still reads");
    }

    #[test]
    fn the_rule_decides_an_index_equal_to_the_target() {
        let above = Target { pct: 90.0, rule: TargetRule::Above };
        let at_least = Target { pct: 90.0, rule: TargetRule::AtLeast };
        assert_eq!((above.met_by(90.0), at_least.met_by(90.0)), (false, true));
        assert!(above.met_by(90.000_001) && at_least.met_by(90.000_001));
        assert!(!above.met_by(89.9) && !at_least.met_by(89.9));
        assert_eq!(sample_campaign().target(), above);
    }

    #[test]
    fn the_rule_is_written_and_read_by_name() {
        let mut v = serde_json::to_value(sample_campaign()).unwrap();
        assert_eq!(v["target_rule"], "above");
        v["target_rule"] = "at_least".into();
        assert_eq!(serde_json::from_value::<Campaign>(v.clone()).unwrap().target_rule, TargetRule::AtLeast);
        v["target_rule"] = ">=".into();
        let e = serde_json::from_value::<Campaign>(v).unwrap_err().to_string();
        assert!(e.contains("\"above\"") && e.contains("\">=\""), "{e}");
        assert_eq!(TargetRule::parse("above"), Ok(TargetRule::Above));
        assert_eq!(TargetRule::parse("Above"), Err(CampaignError::BadTargetRule("Above".into())));
    }
}
