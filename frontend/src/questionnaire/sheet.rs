//! The answers being filled in, and the checks run on them before each step.

use hailong_domain::api::FormView;
use hailong_domain::{
    AnswerProblem, Answers, Channel, Item, ItemError, PosterCode, Questionnaire, ResponseId, Submission,
};
use leptos::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// One question's answer (`Null` while unanswered) and what is wrong with it, if anything.
#[derive(Clone, Copy)]
pub struct Answer {
    pub value: RwSignal<Value>,
    pub problem: RwSignal<Option<AnswerProblem>>,
}

impl Answer {
    /// A new answer replaces the complaint about the old one.
    pub fn set(self, value: Value) {
        self.value.set(value);
        self.problem.set(None);
    }
}

#[derive(Clone)]
pub struct Field {
    pub item: Item,
    pub section: usize,
    pub answer: Answer,
}

/// Where to send the respondent to fix a problem: a section and an item id.
pub type Spot = (usize, String);

pub struct Sheet {
    pub form: FormView,
    fields: Vec<Field>,
}

impl Sheet {
    /// A sheet holding `answers` (from a draft) where they fit the questionnaire.
    pub fn new(form: FormView, answers: &BTreeMap<String, Value>) -> Sheet {
        let fields = form
            .questionnaire
            .sections
            .iter()
            .enumerate()
            .flat_map(|(section, s)| {
                s.items.iter().map(move |item| Field {
                    item: item.clone(),
                    section,
                    answer: Answer {
                        value: RwSignal::new(answers.get(item.id.as_str()).cloned().unwrap_or(Value::Null)),
                        problem: RwSignal::new(None),
                    },
                })
            })
            .collect();
        Sheet { form, fields }
    }

    pub fn questionnaire(&self) -> &Questionnaire {
        &self.form.questionnaire
    }

    pub fn section(&self, section: usize) -> Vec<Field> {
        self.fields.iter().filter(|f| f.section == section).cloned().collect()
    }

    /// Checks the answers with the domain's rules, the very ones the server applies, and shows
    /// each problem under its question. `section` limits the check to one section (later sections
    /// are not the respondent's concern yet). Returns the first problem, if any.
    pub fn check(&self, section: Option<usize>) -> Option<Spot> {
        let errors = Answers::validate(self.questionnaire(), &self.raw()).err().unwrap_or_default();
        self.show(&errors, section)
    }

    /// Shows these problems under their questions, clearing the others in scope.
    pub fn show(&self, errors: &[ItemError], section: Option<usize>) -> Option<Spot> {
        let mut first = None;
        for field in self.fields.iter().filter(|f| section.is_none_or(|s| f.section == s)) {
            let id = field.item.id.as_str();
            let problem = errors.iter().find(|e| e.item == id).map(|e| e.problem.clone());
            if problem.is_some() && first.is_none() {
                first = Some((field.section, id.to_owned()));
            }
            field.answer.problem.set(problem);
        }
        first
    }

    /// Subscribes the caller to every answer.
    pub fn track(&self) {
        self.fields.iter().for_each(|f| f.answer.value.track());
    }

    /// `website` is the honeypot's content: people leave it empty.
    pub fn submission(&self, id: ResponseId, comment: &str, poster: Option<&PosterCode>, website: &str) -> Submission {
        let comment = comment.trim();
        Submission {
            id,
            campaign: self.form.campaign.id.clone(),
            unit: self.form.unit.code.clone(),
            channel: Channel::Qr,
            answers: self.raw(),
            comment: (!comment.is_empty()).then(|| comment.to_owned()),
            serial: None,
            poster: poster.map(|p| p.as_str().to_owned()),
            website: (!website.is_empty()).then(|| website.to_owned()),
        }
    }

    pub fn raw(&self) -> BTreeMap<String, Value> {
        self.fields
            .iter()
            .map(|f| (f.item.id.to_string(), f.answer.value.get_untracked()))
            .filter(|(_, v)| !v.is_null())
            .collect()
    }
}
