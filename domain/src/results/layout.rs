//! Which items of a questionnaire are counted, in which order, and how each answer code is read.
//! The layout is stored inside every aggregate, so an aggregate can take a response, or be merged
//! with another, without the questionnaire at hand, and refuses to mix two different forms.

use super::{ResultsError, ref_name};
use crate::code::ItemId;
use crate::questionnaire::{ItemKind, Questionnaire, QuestionnaireRef};
use crate::response::{AnswerValue, Answers};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The code of a scored item left unanswered in a row of codes (0 is a real answer: "không sử dụng").
pub const BLANK: u8 = 6;

/// How the codes of a scored item read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// 1..=5; satisfied = 4 (Hài lòng) or 5 (Rất hài lòng).
    Scale5,
    /// 1..=5 plus 0 "không sử dụng / không ý kiến", which is in no denominator.
    Scale5Zero,
    /// The counter rating: 1 Không hài lòng · 2 Hài lòng · 3 Rất hài lòng. Satisfied = 2 or 3, the
    /// same two words that make 4 and 5 satisfied on the 5-point scale. Codes are kept as answered
    /// (not mapped onto 1..=5), and no mean is given: a 3-face item has no 1–5 score.
    Faces3,
}

/// Bit k of a mask stands for code k.
const fn bits(codes: &[u8]) -> u8 {
    let mut mask = 0;
    let mut i = 0;
    while i < codes.len() {
        mask |= 1 << codes[i];
        i += 1;
    }
    mask
}

impl Scale {
    pub fn of(kind: &ItemKind) -> Option<Scale> {
        match kind {
            ItemKind::Scale5 { zero: false } => Some(Scale::Scale5),
            ItemKind::Scale5 { zero: true } => Some(Scale::Scale5Zero),
            ItemKind::Faces3 => Some(Scale::Faces3),
            _ => None,
        }
    }

    /// Codes a row may hold for this item, `BLANK` included.
    pub const fn allowed(self) -> u8 {
        match self {
            Scale::Scale5 => bits(&[1, 2, 3, 4, 5, BLANK]),
            Scale::Scale5Zero => bits(&[0, 1, 2, 3, 4, 5, BLANK]),
            Scale::Faces3 => bits(&[1, 2, 3, BLANK]),
        }
    }

    /// Codes that count in the denominator.
    pub const fn valid(self) -> u8 {
        match self {
            Scale::Scale5 | Scale::Scale5Zero => bits(&[1, 2, 3, 4, 5]),
            Scale::Faces3 => bits(&[1, 2, 3]),
        }
    }

    pub const fn satisfied(self) -> u8 {
        match self {
            Scale::Scale5 | Scale::Scale5Zero => bits(&[4, 5]),
            Scale::Faces3 => bits(&[2, 3]),
        }
    }

    /// "Không hài lòng": 1 or 2 on the 5-point scale, the unhappy face on the counter rating.
    pub const fn dissatisfied(self) -> u8 {
        match self {
            Scale::Scale5 | Scale::Scale5Zero => bits(&[1, 2]),
            Scale::Faces3 => bits(&[1]),
        }
    }

    /// Whether a mean score on 1–5 exists for this scale.
    pub const fn has_mean(self) -> bool {
        !matches!(self, Scale::Faces3)
    }
}

/// One counted item: a scored 5-point or faces statement.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ScoredItem {
    pub id: ItemId,
    pub scale: Scale,
}

/// MoH G1, "% of expectations met": a number item whose mean is reported.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NumberItem {
    pub id: ItemId,
    pub min: i64,
    pub max: i64,
}

/// The counted shape of one questionnaire version.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Layout {
    questionnaire: QuestionnaireRef,
    items: Vec<ScoredItem>,
    #[serde(default)]
    g1: Option<NumberItem>,
    #[serde(default)]
    g2: Option<ItemId>,
}

/// One response as the fast path reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// One code per scored item, in layout order; `BLANK` when unanswered.
    pub codes: Vec<u8>,
    pub g1: Option<i64>,
    pub g2: Option<u8>,
}

/// G1 sums are i64: bounding each value to i32 keeps the sum exact for 2³² responses.
const G1_BOUND: i64 = i32::MAX as i64;

impl Layout {
    /// The scored items of `q` in form order; G1 and G2 are found by the MoH rule: an item `g1` that
    /// is a number, an item `g2` that is a choice of exactly the options 1..=6. Other forms have none.
    pub fn of(q: &Questionnaire) -> Result<Layout, ResultsError> {
        let g1 = q.item("g1").filter(|i| number_item(&i.kind).is_some()).map(|_| "g1");
        let g2 = q.item("g2").filter(|i| is_return_item(&i.kind)).map(|_| "g2");
        Layout::with_extras(q, g1, g2)
    }

    /// As [`Layout::of`], with the expectation (G1-like) and return (G2-like) items named by the
    /// caller; naming an item of the wrong kind is an error rather than a silent omission.
    pub fn with_extras(q: &Questionnaire, g1: Option<&str>, g2: Option<&str>) -> Result<Layout, ResultsError> {
        let items: Vec<ScoredItem> = q
            .items()
            .filter(|(_, i)| i.scored)
            .filter_map(|(_, i)| Some(ScoredItem { id: i.id.clone(), scale: Scale::of(&i.kind)? }))
            .collect();
        let bad = |item: &str, why: &'static str| ResultsError::BadExtraItem { item: item.to_owned(), why };
        let g1 = match g1 {
            None => None,
            Some(id) => {
                let item = q.item(id).ok_or_else(|| bad(id, "no such item"))?;
                let (min, max) = number_item(&item.kind).ok_or_else(|| bad(id, "not a number item"))?;
                Some(NumberItem { id: item.id.clone(), min, max })
            }
        };
        let g2 = match g2 {
            None => None,
            Some(id) => {
                let item = q.item(id).ok_or_else(|| bad(id, "no such item"))?;
                if !is_return_item(&item.kind) {
                    return Err(bad(id, "not a choice of the options 1 to 6"));
                }
                Some(item.id.clone())
            }
        };
        let layout = Layout { questionnaire: q.reference(), items, g1, g2 };
        layout.check()?;
        Ok(layout)
    }

    /// What must hold of a layout, also when it is read back from storage.
    pub(crate) fn check(&self) -> Result<(), ResultsError> {
        if self.items.is_empty() {
            return Err(ResultsError::NoScoredItems(ref_name(&self.questionnaire)));
        }
        let ids: BTreeSet<&ItemId> = self.items.iter().map(|i| &i.id).collect();
        if ids.len() != self.items.len() {
            return Err(ResultsError::Corrupt("an item is counted twice".into()));
        }
        if let Some(g1) = &self.g1
            && !(g1.min <= g1.max && g1.min >= -G1_BOUND && g1.max <= G1_BOUND)
        {
            return Err(ResultsError::BadExtraItem { item: g1.id.to_string(), why: "bounds beyond ±2³¹" });
        }
        Ok(())
    }

    pub fn questionnaire(&self) -> &QuestionnaireRef {
        &self.questionnaire
    }

    pub fn items(&self) -> &[ScoredItem] {
        &self.items
    }

    pub fn g1(&self) -> Option<&NumberItem> {
        self.g1.as_ref()
    }

    pub fn g2(&self) -> Option<&ItemId> {
        self.g2.as_ref()
    }

    /// Whether `q` is the form this layout was made from: same reference and same scored items.
    /// Catches a template edited without a new version.
    pub fn matches(&self, q: &Questionnaire) -> bool {
        q.reference() == self.questionnaire && Layout::with_extras(q, None, None).is_ok_and(|l| l.items == self.items)
    }

    /// Reads valid answers into the row the fast path counts.
    pub fn encode(&self, answers: &Answers) -> Result<Row, ResultsError> {
        let bad = |item: &ItemId, v: &AnswerValue| ResultsError::BadAnswer {
            item: item.to_string(),
            value: serde_json::to_string(v).unwrap_or_default(),
        };
        let codes = self
            .items
            .iter()
            .map(|item| match answers.get(item.id.as_str()) {
                None => Ok(BLANK),
                Some(AnswerValue::Int(v)) => u8::try_from(*v)
                    .ok()
                    .filter(|&c| c != BLANK && c < 8 && item.scale.allowed() >> c & 1 == 1)
                    .ok_or_else(|| bad(&item.id, &AnswerValue::Int(*v))),
                Some(other) => Err(bad(&item.id, other)),
            })
            .collect::<Result<Vec<u8>, _>>()?;
        let g1 = match &self.g1 {
            None => None,
            Some(g1) => match answers.get(g1.id.as_str()) {
                None => None,
                Some(AnswerValue::Int(v)) if (g1.min..=g1.max).contains(v) => Some(*v),
                Some(other) => return Err(bad(&g1.id, other)),
            },
        };
        let g2 = match &self.g2 {
            None => None,
            Some(id) => match answers.get(id.as_str()) {
                None => None,
                Some(AnswerValue::Int(v @ 1..=6)) => Some(*v as u8),
                Some(other) => return Err(bad(id, other)),
            },
        };
        Ok(Row { codes, g1, g2 })
    }
}

fn number_item(kind: &ItemKind) -> Option<(i64, i64)> {
    match kind {
        ItemKind::Number { min, max } => Some((*min, *max)),
        _ => None,
    }
}

/// The G2 scale: options 1..=6, of which 4 and 5 mean "will come back".
fn is_return_item(kind: &ItemKind) -> bool {
    match kind {
        ItemKind::Choice { options, .. } => {
            let values: BTreeSet<i64> = options.iter().map(|c| c.value).collect();
            values.len() == options.len() && values.into_iter().eq(1..=6)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::template;
    use crate::questionnaire::tests::sample;
    use serde_json::json;

    #[test]
    fn moh_layout_has_31_items_and_finds_g1_g2() {
        let l = Layout::of(&template("moh-outpatient").unwrap()).unwrap();
        assert_eq!(l.items().len(), 31);
        assert!(l.items().iter().all(|i| i.scale == Scale::Scale5Zero));
        assert_eq!(l.g1(), Some(&NumberItem { id: ItemId::parse("g1").unwrap(), min: 0, max: 200 }));
        assert_eq!(l.g2().map(ItemId::as_str), Some("g2"));
    }

    #[test]
    fn other_forms_have_no_g1_g2_and_faces_are_kept() {
        let sipas = Layout::of(&template("sipas").unwrap()).unwrap();
        assert_eq!((sipas.items().len(), sipas.g1(), sipas.g2()), (19, None, None));
        let counter = Layout::of(&template("counter-rating").unwrap()).unwrap();
        assert_eq!(counter.items()[0].scale, Scale::Faces3);
    }

    #[test]
    fn explicit_extras_must_be_of_the_right_kind() {
        let q = sample();
        let l = Layout::with_extras(&q, Some("b3"), None).unwrap();
        assert_eq!(l.g1().unwrap().max, 200);
        assert!(matches!(Layout::with_extras(&q, Some("a1"), None), Err(ResultsError::BadExtraItem { .. })));
        assert!(matches!(Layout::with_extras(&q, None, Some("b1")), Err(ResultsError::BadExtraItem { .. })));
        assert!(matches!(Layout::with_extras(&q, Some("zz"), None), Err(ResultsError::BadExtraItem { .. })));
    }

    #[test]
    fn a_form_without_scored_items_cannot_be_counted() {
        let mut q = sample();
        for s in &mut q.sections {
            for i in &mut s.items {
                i.scored = false;
            }
        }
        assert!(matches!(Layout::of(&q), Err(ResultsError::NoScoredItems(_))));
    }

    #[test]
    fn encodes_answers_blank_and_zero() {
        let q = sample();
        let l = Layout::with_extras(&q, Some("b3"), None).unwrap();
        let raw = serde_json::from_value(json!({"a1": 0, "b3": 120})).unwrap();
        let answers = Answers::validate(&q, &raw).unwrap();
        assert_eq!(l.encode(&answers).unwrap(), Row { codes: vec![0, BLANK], g1: Some(120), g2: None });
    }

    #[test]
    fn masks_say_what_the_doc_says() {
        assert_eq!(Scale::Scale5.valid() & Scale::Scale5.satisfied(), Scale::Scale5.satisfied());
        assert_eq!(Scale::Faces3.satisfied(), 0b1100);
        assert_eq!(Scale::Scale5Zero.allowed(), 0b111_1111);
        assert_eq!(Scale::Scale5.allowed() & 1, 0, "0 only where the item allows it");
        assert_eq!(serde_json::to_value(Scale::Scale5Zero).unwrap(), json!("scale5_zero"));
    }

    #[test]
    fn matches_catches_an_edited_template() {
        let q = template("ward-short").unwrap();
        let l = Layout::of(&q).unwrap();
        assert!(l.matches(&q));
        let mut edited = q.clone();
        edited.sections[0].items.pop();
        assert!(!l.matches(&edited));
        let mut bumped = q;
        bumped.version = 2;
        assert!(!l.matches(&bumped));
    }
}
