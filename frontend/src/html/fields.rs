//! A plain form's fields read back as answers: from the body a browser posts without script, or
//! from the inputs of a served page when the app takes it over. Both go through
//! [`Filled::from_pairs`], so an answer means the same whichever way it arrives; the checks are
//! then the domain's (`Answers::validate`), as for `POST /api/responses`.

use hailong_domain::api::FormView;
use hailong_domain::{Channel, ItemKind, Questionnaire, ResponseId, Submission};
use serde_json::Value;
use std::collections::BTreeMap;

/// The fields of the form that are not questions.
pub const ID_FIELD: &str = "id";
pub const COMMENT_FIELD: &str = "comment";
pub const POSTER_FIELD: &str = "poster";
pub const HONEYPOT_FIELD: &str = "website";

/// One filled form, as sent: raw answers (to be validated), keyed by item id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filled {
    /// Made when the page was rendered: every press of "Gửi phiếu" on that page is one response.
    pub id: Option<ResponseId>,
    pub answers: BTreeMap<String, Value>,
    pub comment: String,
    pub poster: Option<String>,
    pub website: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// The body is not a form the served page posts (no response id): an old or forged page.
    NoResponseId,
}

impl Filled {
    /// A blank form for a new respondent.
    pub fn new(id: ResponseId, poster: Option<String>) -> Filled {
        Filled { id: Some(id), poster, ..Filled::default() }
    }

    /// Reads name–value pairs in the order a browser sends them (a multi-select repeats its
    /// name). A value that is not a whole number where one is asked for is kept as text, for the
    /// domain's rules to explain; blank fields are unanswered. Names the questionnaire does not
    /// know are ignored: a plain form cannot send any the page did not have.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        q: &Questionnaire,
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Filled {
        let mut filled = Filled::default();
        for (name, value) in pairs {
            let (name, value) = (name.as_ref(), value.as_ref());
            match name {
                ID_FIELD => filled.id = ResponseId::parse_str(value.trim()).ok(),
                COMMENT_FIELD => filled.comment = value.to_owned(),
                POSTER_FIELD => filled.poster = Some(value.trim().to_owned()).filter(|p| !p.is_empty()),
                HONEYPOT_FIELD => filled.website = value.to_owned(),
                _ => {
                    let Some(item) = q.item(name) else { continue };
                    if value.trim().is_empty() {
                        continue;
                    }
                    let answer = match &item.kind {
                        ItemKind::Text { .. } => Value::String(value.to_owned()),
                        ItemKind::Multi { .. } => {
                            let mut list = match filled.answers.remove(name) {
                                Some(Value::Array(list)) => list,
                                _ => Vec::new(),
                            };
                            list.push(whole_number(value));
                            Value::Array(list)
                        }
                        _ => whole_number(value),
                    };
                    filled.answers.insert(name.to_owned(), answer);
                }
            }
        }
        filled
    }

    /// A body of `application/x-www-form-urlencoded`, as a browser posts the served form.
    pub fn from_body(q: &Questionnaire, body: &[u8]) -> Result<Filled, FormError> {
        let filled = Filled::from_pairs(q, form_urlencoded::parse(body));
        if filled.id.is_none() {
            return Err(FormError::NoResponseId);
        }
        Ok(filled)
    }

    /// The body `POST /api/responses` would have had for these answers.
    pub fn submission(&self, form: &FormView) -> Result<Submission, FormError> {
        let comment = self.comment.trim();
        Ok(Submission {
            id: self.id.ok_or(FormError::NoResponseId)?,
            campaign: form.campaign.id.clone(),
            unit: form.unit.code.clone(),
            channel: Channel::Qr,
            answers: self.answers.clone(),
            comment: (!comment.is_empty()).then(|| comment.to_owned()),
            serial: None,
            poster: self.poster.clone(),
            website: (!self.website.is_empty()).then(|| self.website.clone()),
        })
    }
}

/// A whole number as a number; anything else as typed.
fn whole_number(typed: &str) -> Value {
    let typed = typed.trim();
    typed.parse::<i64>().map_or_else(|_| Value::String(typed.to_owned()), Value::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hailong_domain::{AnswerProblem, Answers, catalogue};
    use serde_json::json;

    #[test]
    fn a_posted_body_reads_as_the_answers_the_app_would_send() {
        let q = catalogue::template("sipas").unwrap();
        let id = "0b9b6b4e-6f1c-4a8e-9a57-0d1c2b3a4f5e";
        let scale = &q.sections[1].items[0].id;
        let multi = q.items().find(|(_, i)| matches!(i.kind, ItemKind::Multi { .. })).map(|(_, i)| i.id.clone());
        let mut body = format!("id={id}&{scale}=4&comment=T%E1%BB%91t+l%E1%BA%AFm&website=&nope=1");
        if let Some(multi) = &multi {
            body.push_str(&format!("&{multi}=3&{multi}=1"));
        }
        let filled = Filled::from_body(&q, body.as_bytes()).unwrap();
        assert_eq!(filled.id.unwrap().to_string(), id);
        assert_eq!(filled.answers[scale.as_str()], json!(4));
        assert_eq!(filled.comment, "Tốt lắm");
        assert_eq!(filled.website, "");
        assert!(!filled.answers.contains_key("nope"), "unknown names are not answers");
        if let Some(multi) = &multi {
            assert_eq!(filled.answers[multi.as_str()], json!([3, 1]));
        }
    }

    #[test]
    fn what_is_not_a_number_is_left_for_the_domain_to_explain() {
        let q = catalogue::template("sipas").unwrap();
        let scale = q.sections[1].items[0].id.to_string();
        let filled = Filled::from_pairs(&q, [("id", "x"), (scale.as_str(), "four"), ("comment", "")]);
        assert_eq!(filled.id, None);
        let errors = Answers::validate(&q, &filled.answers).unwrap_err();
        let mine = errors.iter().find(|e| e.item == scale).unwrap();
        assert!(matches!(mine.problem, AnswerProblem::WrongType { .. }));
        assert_eq!(Filled::from_body(&q, b"a=1"), Err(FormError::NoResponseId));
    }
}
