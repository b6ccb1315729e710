//! Campaigns: which units are surveyed with which questionnaire, how many answers each needs, and
//! when answers are accepted.

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

/// How a unit's index is compared with the campaign's target: the seed documents' quality
/// objective reads "> 90% satisfied", so exactly 90% does not meet it unless a campaign says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetRule {
    /// index > target
    #[default]
    Above,
    /// index ≥ target
    AtLeast,
}

/// A campaign's quality objective: a percentage and how it is compared.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub pct: f64,
    pub rule: TargetRule,
}

impl Target {
    pub fn met(self, index: f64) -> bool {
        match self.rule {
            TargetRule::Above => index > self.pct,
            TargetRule::AtLeast => index >= self.pct,
        }
    }

    /// `> 90%`, `≥ 95%`: how notes write the objective.
    pub fn describe(self) -> String {
        let sign = match self.rule {
            TargetRule::Above => ">",
            TargetRule::AtLeast => "≥",
        };
        format!("{sign} {}%", self.pct)
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

    pub fn unit(&self, code: &str) -> Option<&CampaignUnit> {
        self.units.iter().find(|u| u.code.as_str() == code)
    }

    pub fn target(&self) -> Target {
        Target { pct: self.target_pct, rule: TargetRule::Above }
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
            status: CampaignStatus::Open,
            questionnaires: [(UnitKind::UbndXa, q.clone()), (UnitKind::TramYTe, q)].into(),
            units: vec![
                CampaignUnit { code: UnitCode::parse("ubnd-1").unwrap(), kind: UnitKind::UbndXa, quota: 60 },
                CampaignUnit { code: UnitCode::parse("tyt-1").unwrap(), kind: UnitKind::TramYTe, quota: 50 },
            ],
            opens: Date::parse("2021-07-02").unwrap(),
            closes: Date::parse("2021-09-15").unwrap(),
            target_pct: 90.0,
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
    fn the_target_rule_decides_the_boundary() {
        let strict = Target { pct: 90.0, rule: TargetRule::Above };
        let at_least = Target { rule: TargetRule::AtLeast, ..strict };
        assert!(!strict.met(90.0) && strict.met(90.01) && !strict.met(89.9));
        assert!(at_least.met(90.0) && !at_least.met(89.99));
        assert_eq!((strict.describe(), at_least.describe()), ("> 90%".to_owned(), "≥ 90%".to_owned()));
        assert_eq!(sample_campaign().target(), strict, "the seeds' objective is strict");
        assert_eq!(serde_json::to_value(TargetRule::AtLeast).unwrap(), "at_least");
    }

    #[test]
    fn defaults_apply_when_reading_a_plan() {
        let mut v = serde_json::to_value(sample_campaign()).unwrap();
        v.as_object_mut().unwrap().remove("target_pct");
        v.as_object_mut().unwrap().remove("min_responses");
        let c: Campaign = serde_json::from_value(v).unwrap();
        assert_eq!((c.target_pct, c.min_responses), (90.0, 30));
    }
}
