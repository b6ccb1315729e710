//! Responses: what a respondent submits, how it is checked against its questionnaire, and what is
//! stored.

use crate::campaign::Campaign;
use crate::code::{CampaignId, UnitCode};
use crate::questionnaire::{ItemKind, Questionnaire, QuestionnaireRef};
use crate::source::{Sender, Source, SourceError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;
use uuid::Uuid;

/// Client-generated id of a response: it makes every retry of one submission safe.
pub type ResponseId = Uuid;

/// Longest free comment accepted, in characters.
pub const COMMENT_MAX_CHARS: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Self-completed after scanning a poster's QR code.
    Qr,
    /// A paper form entered by staff.
    Paper,
    /// A phone interview entered by staff.
    Phone,
    /// A face-to-face interview entered by the interviewer.
    Interviewer,
}

/// One stored answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    /// Scale points, faces, choice values and numbers.
    Int(i64),
    /// The chosen values of a multi-select, ascending.
    List(Vec<i64>),
    Text(String),
}

/// Valid answers of one response, keyed by item id; unanswered items are absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(BTreeMap<String, AnswerValue>);

/// Why one answer was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AnswerProblem {
    #[error("this questionnaire has no such item")]
    UnknownItem,
    #[error("an answer is required")]
    Missing,
    #[error("expected {expected}")]
    WrongType { expected: String },
    #[error("the value must be between {min} and {max}")]
    OutOfRange { min: i64, max: i64 },
    #[error("{value} is not one of the options")]
    NotAnOption { value: i64 },
    #[error("at most {max} options may be chosen")]
    TooMany { max: u8 },
    #[error("the text is longer than {max} characters")]
    TooLong { max: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("{item}: {problem}")]
#[serde(try_from = "RawItemError")]
pub struct ItemError {
    pub item: String,
    #[serde(flatten)]
    pub problem: AnswerProblem,
}

/// An `ItemError` as read: the item, the problem's `code` and every problem's fields side by
/// side. Derived, the flattened internally tagged problem would be buffered into serde's generic
/// `Content` first, which costs the size-bound citizen bundle several KB of wasm.
#[derive(Deserialize)]
struct RawItemError {
    item: String,
    code: String,
    expected: Option<String>,
    min: Option<i64>,
    /// `OutOfRange`'s `i64`, `TooMany`'s `u8` or `TooLong`'s `u32`.
    max: Option<i64>,
    value: Option<i64>,
}

impl TryFrom<RawItemError> for ItemError {
    type Error = &'static str;

    fn try_from(raw: RawItemError) -> Result<ItemError, &'static str> {
        let max = raw.max.ok_or("missing field `max`");
        let problem = match raw.code.as_str() {
            "unknown_item" => AnswerProblem::UnknownItem,
            "missing" => AnswerProblem::Missing,
            "wrong_type" => AnswerProblem::WrongType { expected: raw.expected.ok_or("missing field `expected`")? },
            "out_of_range" => AnswerProblem::OutOfRange { min: raw.min.ok_or("missing field `min`")?, max: max? },
            "not_an_option" => AnswerProblem::NotAnOption { value: raw.value.ok_or("missing field `value`")? },
            "too_many" => AnswerProblem::TooMany { max: max?.try_into().map_err(|_| "`max` is out of range")? },
            "too_long" => AnswerProblem::TooLong { max: max?.try_into().map_err(|_| "`max` is out of range")? },
            _ => return Err("unknown answer problem"),
        };
        Ok(ItemError { item: raw.item, problem })
    }
}

impl Answers {
    /// Parses raw JSON answers against a questionnaire. Blank values (`null`, `""`, `[]`) count as
    /// unanswered. Every problem is reported, in questionnaire order, unknown items last.
    pub fn validate(q: &Questionnaire, raw: &BTreeMap<String, Value>) -> Result<Answers, Vec<ItemError>> {
        let mut answers = BTreeMap::new();
        let mut errors = Vec::new();
        for (_, item) in q.items() {
            let id = item.id.as_str();
            let value = raw.get(id).filter(|v| !is_blank(v));
            let result = match value {
                None if item.required => Err(AnswerProblem::Missing),
                None => continue,
                Some(v) => check_value(&item.kind, v),
            };
            match result {
                Ok(v) => {
                    answers.insert(id.to_owned(), v);
                }
                Err(problem) => errors.push(ItemError { item: id.to_owned(), problem }),
            }
        }
        errors.extend(
            raw.keys()
                .filter(|k| q.item(k).is_none())
                .map(|k| ItemError { item: k.clone(), problem: AnswerProblem::UnknownItem }),
        );
        if errors.is_empty() { Ok(Answers(answers)) } else { Err(errors) }
    }

    pub fn get(&self, item: &str) -> Option<&AnswerValue> {
        self.0.get(item)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &AnswerValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn wrong(expected: &str) -> AnswerProblem {
    AnswerProblem::WrongType { expected: expected.to_owned() }
}

fn int_in(v: &Value, min: i64, max: i64) -> Result<i64, AnswerProblem> {
    let n = v.as_i64().ok_or_else(|| wrong("a whole number"))?;
    if (min..=max).contains(&n) { Ok(n) } else { Err(AnswerProblem::OutOfRange { min, max }) }
}

fn check_value(kind: &ItemKind, v: &Value) -> Result<AnswerValue, AnswerProblem> {
    match kind {
        ItemKind::Scale5 { zero } => int_in(v, if *zero { 0 } else { 1 }, 5).map(AnswerValue::Int),
        ItemKind::Faces3 => int_in(v, 1, 3).map(AnswerValue::Int),
        ItemKind::Number { min, max } => int_in(v, *min, *max).map(AnswerValue::Int),
        ItemKind::Choice { options, .. } => {
            let n = v.as_i64().ok_or_else(|| wrong("the value of one option"))?;
            if options.iter().any(|c| c.value == n) {
                Ok(AnswerValue::Int(n))
            } else {
                Err(AnswerProblem::NotAnOption { value: n })
            }
        }
        ItemKind::Multi { options, max } => {
            let list = v.as_array().ok_or_else(|| wrong("a list of option values"))?;
            let mut chosen = BTreeSet::new();
            for x in list {
                let n = x.as_i64().ok_or_else(|| wrong("a list of option values"))?;
                if !options.iter().any(|c| c.value == n) {
                    return Err(AnswerProblem::NotAnOption { value: n });
                }
                chosen.insert(n);
            }
            if chosen.len() > usize::from(*max) {
                return Err(AnswerProblem::TooMany { max: *max });
            }
            Ok(AnswerValue::List(chosen.into_iter().collect()))
        }
        ItemKind::Text { max_len, .. } => {
            let s = v.as_str().ok_or_else(|| wrong("text"))?.trim();
            if s.chars().count() > *max_len as usize {
                return Err(AnswerProblem::TooLong { max: *max_len });
            }
            Ok(AnswerValue::Text(s.to_owned()))
        }
    }
}

/// The body of `POST /api/responses`, as sent. Codes stay strings here so that a bad one is
/// reported as "not in this campaign" rather than as a malformed body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub id: ResponseId,
    pub campaign: CampaignId,
    pub unit: UnitCode,
    pub channel: Channel,
    #[serde(default)]
    pub answers: BTreeMap<String, Value>,
    #[serde(default)]
    pub comment: Option<String>,
    /// The serial number printed on a paper form (staff entry only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// The signed code of the QR poster the respondent scanned, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poster: Option<String>,
    /// The form's hidden honeypot field: people never see it, so anything in it came from a bot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SubmissionError {
    #[error("the response is for campaign {0}, not this one")]
    WrongCampaign(CampaignId),
    #[error("unit {0} is not part of this campaign")]
    UnitNotInCampaign(UnitCode),
    #[error("the comment is longer than {COMMENT_MAX_CHARS} characters")]
    CommentTooLong,
    #[error("{} answer(s) are not valid", .0.len())]
    Answers(Vec<ItemError>),
}

impl Submission {
    /// A canonical rendering of everything the respondent sent: two submissions with the same id
    /// are the same response exactly when their fingerprints are equal.
    pub fn fingerprint(&self) -> String {
        // serde_json maps are ordered (BTreeMap), so this is canonical.
        serde_json::to_string(self).expect("a submission always serialises")
    }

    /// Checks the submission against its campaign and the questionnaire of its unit's kind, and
    /// turns it into the response to store.
    pub fn validate(
        &self,
        campaign: &Campaign,
        questionnaire: &Questionnaire,
        source: &Source,
        received_at_ms: i64,
    ) -> Result<Response, SubmissionError> {
        if self.campaign != campaign.id {
            return Err(SubmissionError::WrongCampaign(self.campaign.clone()));
        }
        let unit = campaign.unit(&self.unit).ok_or_else(|| SubmissionError::UnitNotInCampaign(self.unit.clone()))?;
        let comment = self.comment.as_deref().map(str::trim).filter(|c| !c.is_empty());
        if comment.is_some_and(|c| c.chars().count() > COMMENT_MAX_CHARS) {
            return Err(SubmissionError::CommentTooLong);
        }
        let answers = Answers::validate(questionnaire, &self.answers).map_err(SubmissionError::Answers)?;
        // Contact details typed into the comment are not kept (the fingerprint, made from the
        // submission as sent, still tells a retry from a changed body).
        let comment = comment.map(crate::privacy::mask);
        Ok(Response {
            id: self.id,
            campaign: campaign.id.clone(),
            unit: unit.code.clone(),
            questionnaire: questionnaire.reference(),
            source: source.clone(),
            answers,
            comment_masked: comment.as_ref().is_some_and(|c| c.masked),
            comment: comment.map(|c| c.text),
            received_at_ms,
        })
    }

    /// Where this submission comes from when `sender` sends it, by the channel rules of
    /// [`Source::of`].
    pub fn source(&self, sender: Sender<'_>) -> Result<Source, SourceError> {
        Source::of(self.channel, self.serial.as_deref(), self.poster.as_deref(), sender)
    }
}

/// A stored response: valid by construction, never edited afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub id: ResponseId,
    pub campaign: CampaignId,
    pub unit: UnitCode,
    pub questionnaire: QuestionnaireRef,
    /// Where it came from (stored as `channel`, `serial`, `entered_by`, `poster` beside the rest).
    #[serde(flatten)]
    pub source: Source,
    pub answers: Answers,
    #[serde(default)]
    pub comment: Option<String>,
    /// A phone number or e-mail address was masked out of the comment before it was stored.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub comment_masked: bool,
    /// Server receive time, Unix milliseconds.
    pub received_at_ms: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::tests::sample_campaign;
    use crate::questionnaire::tests::sample;
    use proptest::prelude::*;
    use serde_json::json;

    fn raw(v: Value) -> BTreeMap<String, Value> {
        serde_json::from_value(v).unwrap()
    }

    fn problems(v: Value) -> Vec<(String, AnswerProblem)> {
        Answers::validate(&sample(), &raw(v)).unwrap_err().into_iter().map(|e| (e.item, e.problem)).collect()
    }

    #[test]
    fn accepts_a_full_valid_sheet() {
        let a = Answers::validate(
            &sample(),
            &raw(json!({"a1": 0, "a2": 5, "a3": 2, "b1": 2, "b2": [3, 1], "b3": 150, "b4": " tốt "})),
        )
        .unwrap();
        assert_eq!(a.get("a1"), Some(&AnswerValue::Int(0)));
        assert_eq!(a.get("b2"), Some(&AnswerValue::List(vec![1, 3])));
        assert_eq!(a.get("b4"), Some(&AnswerValue::Text("tốt".into())));
    }

    #[test]
    fn blank_answers_are_unanswered() {
        let a = Answers::validate(&sample(), &raw(json!({"a1": 4, "a2": null, "b2": [], "b4": "  "}))).unwrap();
        assert_eq!(a.len(), 1);
    }

    #[test]
    fn reports_every_problem_readably() {
        let p = problems(json!({"a2": 6, "a3": "x", "b1": 9, "b2": [1, 2, 3], "b4": "mười một chữ", "zz": 1}));
        assert_eq!(
            p,
            vec![
                ("a1".into(), AnswerProblem::Missing),
                ("a2".into(), AnswerProblem::OutOfRange { min: 1, max: 5 }),
                ("a3".into(), AnswerProblem::WrongType { expected: "a whole number".into() }),
                ("b1".into(), AnswerProblem::NotAnOption { value: 9 }),
                ("b2".into(), AnswerProblem::TooMany { max: 2 }),
                ("b4".into(), AnswerProblem::TooLong { max: 10 }),
                ("zz".into(), AnswerProblem::UnknownItem),
            ]
        );
        let e = ItemError { item: "a2".into(), problem: AnswerProblem::OutOfRange { min: 1, max: 5 } };
        assert_eq!(e.to_string(), "a2: the value must be between 1 and 5");
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"item": "a2", "code": "out_of_range", "min": 1, "max": 5})
        );
    }

    #[test]
    fn item_errors_read_back_as_written() {
        let problems = [
            AnswerProblem::UnknownItem,
            AnswerProblem::Missing,
            AnswerProblem::WrongType { expected: "a number".into() },
            AnswerProblem::OutOfRange { min: -1, max: 5 },
            AnswerProblem::NotAnOption { value: 7 },
            AnswerProblem::TooMany { max: 2 },
            AnswerProblem::TooLong { max: 500 },
        ];
        for problem in problems {
            let error = ItemError { item: "a1".into(), problem };
            let text = serde_json::to_string(&error).unwrap();
            assert_eq!(serde_json::from_str::<ItemError>(&text).unwrap(), error, "{text}");
        }
        let read = |v: Value| serde_json::from_value::<ItemError>(v);
        assert!(read(json!({"item": "a1", "code": "too_many", "max": 300})).is_err());
        assert!(read(json!({"item": "a1", "code": "out_of_range", "min": 1})).is_err());
        assert!(read(json!({"item": "a1", "code": "no_such_problem"})).is_err());
    }

    #[test]
    fn zero_only_where_allowed() {
        assert!(
            problems(json!({"a1": 1, "a2": 0})).contains(&("a2".into(), AnswerProblem::OutOfRange { min: 1, max: 5 }))
        );
    }

    const QR: Source = Source::Qr { poster: None };

    fn submission(answers: Value) -> Submission {
        Submission {
            id: Uuid::from_u128(7),
            campaign: CampaignId::parse("demo").unwrap(),
            unit: UnitCode::parse("ubnd-1").unwrap(),
            channel: Channel::Qr,
            answers: raw(answers),
            comment: Some("  cảm ơn  ".into()),
            serial: None,
            poster: None,
            website: None,
        }
    }

    #[test]
    fn submission_becomes_a_response() {
        let r = submission(json!({"a1": 5})).validate(&sample_campaign(), &sample(), &QR, 42).unwrap();
        assert_eq!(r.unit.as_str(), "ubnd-1");
        assert_eq!(r.questionnaire.version, 2);
        assert_eq!(r.comment.as_deref(), Some("cảm ơn"));
        assert!(!r.comment_masked);
        let mut s = submission(json!({"a1": 5}));
        s.comment = Some("Gọi tôi: 0905 123 456 hoặc an@example.vn, chờ 3 lần".into());
        let r = s.validate(&sample_campaign(), &sample(), &QR, 42).unwrap();
        assert_eq!(r.comment.as_deref(), Some("Gọi tôi: *** hoặc ***, chờ 3 lần"));
        assert!(r.comment_masked, "the response keeps that something was masked");
        assert_eq!(r.received_at_ms, 42);
        // Where it came from is the source's: a paper form's serial and who entered it.
        let paper = Source::Paper { serial: "CN-1".into(), entered_by: "an".into() };
        let r = submission(json!({"a1": 5})).validate(&sample_campaign(), &sample(), &paper, 42).unwrap();
        assert_eq!(r.source, paper);
    }

    #[test]
    fn submission_refuses_wrong_campaign_unit_and_comment() {
        let c = sample_campaign();
        let q = sample();
        let mut s = submission(json!({"a1": 5}));
        s.campaign = CampaignId::parse("other").unwrap();
        assert_eq!(s.validate(&c, &q, &QR, 0), Err(SubmissionError::WrongCampaign(s.campaign.clone())));
        let mut s = submission(json!({"a1": 5}));
        s.unit = UnitCode::parse("nowhere").unwrap();
        assert_eq!(s.validate(&c, &q, &QR, 0), Err(SubmissionError::UnitNotInCampaign(s.unit.clone())));
        let mut s = submission(json!({"a1": 5}));
        s.comment = Some("x".repeat(COMMENT_MAX_CHARS + 1));
        assert_eq!(s.validate(&c, &q, &QR, 0), Err(SubmissionError::CommentTooLong));
        assert!(matches!(submission(json!({})).validate(&c, &q, &QR, 0), Err(SubmissionError::Answers(_))));
    }

    #[test]
    fn fingerprint_ignores_key_order_but_not_content() {
        let a = submission(json!({"a1": 5, "a2": 4}));
        let b: Submission =
            serde_json::from_str(&serde_json::to_string(&a).unwrap().replace("\"a1\":5,\"a2\":4", "\"a2\":4,\"a1\":5"))
                .unwrap();
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), submission(json!({"a1": 5, "a2": 3})).fingerprint());
    }

    proptest! {
        /// Whatever is sent, validation either refuses it or keeps only in-range answers of known items.
        #[test]
        fn validated_answers_are_always_in_range(a1 in -3i64..9, a2 in -3i64..9, b3 in -50i64..300) {
            let q = sample();
            if let Ok(ans) = Answers::validate(&q, &raw(json!({"a1": a1, "a2": a2, "b3": b3}))) {
                prop_assert!((0..=5).contains(&a1) && (1..=5).contains(&a2) && (0..=200).contains(&b3));
                prop_assert_eq!(ans.len(), 3);
            }
        }
    }
}
