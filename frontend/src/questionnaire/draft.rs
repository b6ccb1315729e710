//! Answers being filled in, kept on the device as they are given, so a reload or a closed tab
//! loses nothing. One draft per campaign and unit; it ends when the answers are sent or queued.

use crate::saved;
use hailong_domain::{QuestionnaireRef, ResponseId};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    /// The response id, made once per filled form: a draft resumed and then sent twice is one answer.
    pub id: ResponseId,
    /// The questionnaire version answered; a draft of another version is dropped.
    pub questionnaire: QuestionnaireRef,
    pub answers: BTreeMap<String, Value>,
    pub comment: String,
    pub section: usize,
    /// Whether the start of answering was already counted for the poster.
    pub started: bool,
}

/// Where a draft is kept: one campaign's unit.
#[derive(Clone)]
pub struct DraftSlot(String);

impl DraftSlot {
    pub fn new(campaign: &str, unit: &str) -> DraftSlot {
        DraftSlot(format!("hailong.draft.{campaign}.{unit}"))
    }

    /// The draft of this questionnaire version, if one was left here. Read through `Value`, as
    /// the outbox is: one deserializer in the bundle instead of one derived per stored type.
    pub fn load(&self, questionnaire: &QuestionnaireRef) -> Option<Draft> {
        let stored: Value = saved::get_json(&self.0)?;
        let q = &stored["questionnaire"];
        let same = q["id"].as_str() == Some(questionnaire.id.as_str())
            && q["version"].as_u64() == Some(questionnaire.version.into());
        if !same {
            return None;
        }
        Some(Draft {
            id: stored["id"].as_str().and_then(|id| ResponseId::parse_str(id).ok())?,
            questionnaire: questionnaire.clone(),
            answers: stored["answers"].as_object()?.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            comment: stored["comment"].as_str().unwrap_or_default().to_owned(),
            section: stored["section"].as_u64().and_then(|n| usize::try_from(n).ok()).unwrap_or(0),
            started: stored["started"].as_bool().unwrap_or(false),
        })
    }

    /// Keeps the draft, or forgets it when nothing is answered yet.
    pub fn save(&self, draft: &Draft) {
        if draft.answers.is_empty() && draft.comment.trim().is_empty() {
            self.clear();
        } else {
            saved::set_json(&self.0, draft);
        }
    }

    pub fn clear(&self) {
        saved::remove(&self.0);
    }
}
