//! Questionnaires: versioned templates of sections and items.

use crate::code::{ItemId, QuestionnaireId, SectionId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use thiserror::Error;

/// Which version of which template a campaign uses and a response answered.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QuestionnaireRef {
    pub id: QuestionnaireId,
    pub version: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub id: QuestionnaireId,
    pub version: u32,
    pub title: String,
    /// Instructions shown before the first section.
    #[serde(default)]
    pub intro: String,
    /// Words for 1..=5 on this questionnaire's 5-point scale, from "Rất không hài lòng" up.
    pub scale_labels: [String; 5],
    /// Words for the 0 choice ("Không sử dụng", "Không ý kiến") where an item allows it.
    #[serde(default)]
    pub zero_label: Option<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: SectionId,
    pub title: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: ItemId,
    pub text: String,
    pub kind: ItemKind,
    #[serde(default)]
    pub required: bool,
    /// Counted in satisfaction figures (5-point statements about the service).
    #[serde(default)]
    pub scored: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "RawKind")]
pub enum ItemKind {
    /// 1..=5, plus 0 ("không sử dụng / không ý kiến") when `zero` is set.
    Scale5 {
        #[serde(default)]
        zero: bool,
    },
    /// 1 Không hài lòng · 2 Hài lòng · 3 Rất hài lòng, shown as faces.
    Faces3,
    /// One of the options; `banded` marks demographic bands (age, education…).
    Choice {
        options: Vec<Choice>,
        #[serde(default)]
        banded: bool,
    },
    /// Any of the options, at most `max` of them.
    Multi { options: Vec<Choice>, max: u8 },
    /// A whole number within bounds (e.g. % of expectations met, 0..=200).
    Number { min: i64, max: i64 },
    /// Free text of at most `max_len` characters; `long` asks for a text area.
    Text {
        max_len: u32,
        #[serde(default)]
        long: bool,
    },
}

/// An `ItemKind` as read: every kind's fields side by side, beside the `type` tag. A derived
/// internally tagged enum would buffer each item into serde's generic `Content` first, which
/// costs the size-bound citizen bundle several KB of wasm; this flat shape reads in one pass.
#[derive(Deserialize)]
struct RawKind {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    zero: bool,
    options: Option<Vec<Choice>>,
    #[serde(default)]
    banded: bool,
    min: Option<i64>,
    /// `Multi`'s `u8` or `Number`'s `i64`.
    max: Option<i64>,
    max_len: Option<u32>,
    #[serde(default)]
    long: bool,
}

impl TryFrom<RawKind> for ItemKind {
    type Error = &'static str;

    fn try_from(raw: RawKind) -> Result<ItemKind, &'static str> {
        let (options, max) = (raw.options.ok_or("missing field `options`"), raw.max.ok_or("missing field `max`"));
        Ok(match raw.kind.as_str() {
            "scale5" => ItemKind::Scale5 { zero: raw.zero },
            "faces3" => ItemKind::Faces3,
            "choice" => ItemKind::Choice { options: options?, banded: raw.banded },
            "multi" => {
                ItemKind::Multi { options: options?, max: max?.try_into().map_err(|_| "`max` is out of range")? }
            }
            "number" => ItemKind::Number { min: raw.min.ok_or("missing field `min`")?, max: max? },
            "text" => ItemKind::Text { max_len: raw.max_len.ok_or("missing field `max_len`")?, long: raw.long },
            _ => return Err("unknown item type"),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: i64,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QuestionnaireError {
    #[error("item id {0} is used twice")]
    DuplicateItem(ItemId),
    #[error("section id {0} is used twice")]
    DuplicateSection(SectionId),
    #[error("item {0} has no options, or two options with one value")]
    BadOptions(ItemId),
    #[error("item {0} has bounds that cannot be met")]
    BadBounds(ItemId),
    #[error("item {0} is scored but is not a 5-point or faces scale")]
    ScoredNonScale(ItemId),
    #[error("questionnaire {0} has no items")]
    Empty(QuestionnaireId),
}

impl Questionnaire {
    pub fn reference(&self) -> QuestionnaireRef {
        QuestionnaireRef { id: self.id.clone(), version: self.version }
    }

    pub fn items(&self) -> impl Iterator<Item = (&Section, &Item)> {
        self.sections.iter().flat_map(|s| s.items.iter().map(move |i| (s, i)))
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().map(|(_, i)| i).find(|i| i.id.as_str() == id)
    }

    /// Checks the template itself: unique ids, usable options and bounds.
    pub fn check(&self) -> Result<(), QuestionnaireError> {
        let mut sections = BTreeSet::new();
        let mut items = BTreeSet::new();
        for section in &self.sections {
            if !sections.insert(&section.id) {
                return Err(QuestionnaireError::DuplicateSection(section.id.clone()));
            }
            for item in &section.items {
                if !items.insert(&item.id) {
                    return Err(QuestionnaireError::DuplicateItem(item.id.clone()));
                }
                item.check()?;
            }
        }
        if items.is_empty() {
            return Err(QuestionnaireError::Empty(self.id.clone()));
        }
        Ok(())
    }
}

impl Item {
    fn check(&self) -> Result<(), QuestionnaireError> {
        let options_ok = |options: &[Choice]| {
            let values: BTreeSet<i64> = options.iter().map(|c| c.value).collect();
            !options.is_empty() && values.len() == options.len()
        };
        match &self.kind {
            ItemKind::Choice { options, .. } if !options_ok(options) => {
                return Err(QuestionnaireError::BadOptions(self.id.clone()));
            }
            ItemKind::Multi { options, max } if !options_ok(options) || *max == 0 => {
                return Err(QuestionnaireError::BadOptions(self.id.clone()));
            }
            ItemKind::Number { min, max } if min > max => {
                return Err(QuestionnaireError::BadBounds(self.id.clone()));
            }
            ItemKind::Text { max_len: 0, .. } => {
                return Err(QuestionnaireError::BadBounds(self.id.clone()));
            }
            _ => {}
        }
        if self.scored && !matches!(self.kind, ItemKind::Scale5 { .. } | ItemKind::Faces3) {
            return Err(QuestionnaireError::ScoredNonScale(self.id.clone()));
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small questionnaire with one item of each kind, shared by the validation tests.
    pub(crate) fn sample() -> Questionnaire {
        serde_json::from_value(serde_json::json!({
            "id": "sample", "version": 2, "title": "Mẫu thử",
            "scale_labels": ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"],
            "zero_label": "Không sử dụng",
            "sections": [
                {"id": "a", "title": "Phần A", "items": [
                    {"id": "a1", "text": "Biển chỉ dẫn rõ ràng", "kind": {"type": "scale5", "zero": true}, "required": true, "scored": true},
                    {"id": "a2", "text": "Thái độ nhân viên", "kind": {"type": "scale5"}, "scored": true},
                    {"id": "a3", "text": "Đánh giá nhanh", "kind": {"type": "faces3"}}
                ]},
                {"id": "b", "title": "Phần B", "items": [
                    {"id": "b1", "text": "Giới tính", "kind": {"type": "choice", "banded": true, "options": [{"value": 1, "label": "Nam"}, {"value": 2, "label": "Nữ"}]}},
                    {"id": "b2", "text": "Mong đợi", "kind": {"type": "multi", "max": 2, "options": [{"value": 1, "label": "x"}, {"value": 2, "label": "y"}, {"value": 3, "label": "z"}]}},
                    {"id": "b3", "text": "% mong đợi", "kind": {"type": "number", "min": 0, "max": 200}},
                    {"id": "b4", "text": "Góp ý", "kind": {"type": "text", "max_len": 10, "long": true}}
                ]}
            ]
        }))
        .unwrap()
    }

    #[test]
    fn sample_is_well_formed_and_looks_up_items() {
        let q = sample();
        assert_eq!(q.check(), Ok(()));
        assert_eq!(q.items().count(), 7);
        assert!(q.item("b3").is_some());
        assert!(q.item("zz").is_none());
        assert_eq!(q.reference().version, 2);
    }

    #[test]
    fn item_kinds_read_back_as_written() {
        let q = sample();
        let text = serde_json::to_string(&q).unwrap();
        assert_eq!(serde_json::from_str::<Questionnaire>(&text).unwrap(), q);
        let read = |v: serde_json::Value| serde_json::from_value::<ItemKind>(v);
        assert!(read(serde_json::json!({"type": "multi", "options": [], "max": 256})).is_err());
        assert!(read(serde_json::json!({"type": "choice"})).is_err());
        assert!(read(serde_json::json!({"type": "slider"})).is_err());
    }

    #[test]
    fn check_refuses_broken_templates() {
        let mut q = sample();
        q.sections[1].items[0].id = ItemId::parse("a1").unwrap();
        assert!(matches!(q.check(), Err(QuestionnaireError::DuplicateItem(_))));

        let mut q = sample();
        q.sections[1].items[2].kind = ItemKind::Number { min: 5, max: 1 };
        assert!(matches!(q.check(), Err(QuestionnaireError::BadBounds(_))));

        let mut q = sample();
        q.sections[1].items[3].scored = true;
        assert!(matches!(q.check(), Err(QuestionnaireError::ScoredNonScale(_))));

        let mut q = sample();
        q.sections[1].items[1].kind = ItemKind::Multi { options: vec![], max: 1 };
        assert!(matches!(q.check(), Err(QuestionnaireError::BadOptions(_))));
    }
}
