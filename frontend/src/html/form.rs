//! The questionnaire as one plain form: every section on one page, each question a fieldset with
//! the app's classes, the problems the server found under their questions, and the answers
//! already given checked or filled in again.

use super::fields::{COMMENT_FIELD, Filled, HONEYPOT_FIELD, ID_FIELD, POSTER_FIELD};
use super::page::{attr, document, json_island, text};
use super::{FORM_DATA_ID, FORM_ID};
use crate::i18n::VI;
use hailong_domain::api::FormView;
use hailong_domain::response::COMMENT_MAX_CHARS;
use hailong_domain::{AnswerProblem, Choice, Item, ItemError, ItemKind};
use serde_json::Value;
use std::fmt::Write;

/// The same faces as the app's 5-point scale (`questionnaire/scale5.rs`) and counter rating.
const SCALE_FACES: [&str; 5] = ["😠", "🙁", "😐", "🙂", "😄"];
const FACES3: [&str; 3] = ["☹️", "🙂", "😄"];

/// A message above the form: why the last press of "Gửi phiếu" did not store it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Shown as an error (`role="alert"`).
    Problem(String),
}

pub struct FormPage<'a> {
    pub form: &'a FormView,
    pub filled: &'a Filled,
    /// What the server found wrong with the last press, item by item.
    pub errors: &'a [ItemError],
    pub notice: Option<Notice>,
}

/// The whole page, `/s/{campaign}/{unit}`, posting back to itself.
pub fn form_page(page: &FormPage) -> String {
    let FormPage { form, filled, errors, notice } = page;
    let q = &form.questionnaire;
    let mut b = String::with_capacity(16 * 1024);
    b.push_str(r#"<div class="survey" data-served="true"><header class="survey-head">"#);
    crate::authority::authority_html(&mut b, form.campaign.authority.as_ref());
    b.push_str(r#"<p class="campaign">"#);
    text(&mut b, &form.campaign.title);
    b.push_str(r#"</p><p class="unit">"#);
    text(&mut b, &form.unit.name);
    b.push_str("</p><h1>");
    text(&mut b, &q.title);
    b.push_str("</h1></header>");
    if form.poster_replaced {
        b.push_str(r#"<p id="poster-replaced" class="notice" role="status">"#);
        text(&mut b, VI.poster_replaced);
        b.push_str("</p>");
    }
    if !q.intro.is_empty() {
        b.push_str(r#"<p class="intro">"#);
        text(&mut b, &q.intro);
        b.push_str("</p>");
    }
    let _ = write!(b, r#"<form id="{FORM_ID}" method="post" novalidate>"#);
    let notice = notice.clone().or_else(|| (!errors.is_empty()).then(|| Notice::Problem(VI.fix_answers.into())));
    if let Some(Notice::Problem(message)) = notice {
        b.push_str(r#"<div id="form-problem" class="error" role="alert"><p>"#);
        text(&mut b, &message);
        b.push_str("</p></div>");
    }
    if q.items().any(|(_, i)| i.required) {
        b.push_str(r#"<p class="hint">"#);
        text(&mut b, VI.required_note);
        b.push_str("</p>");
    }
    let _ = write!(b, r#"<input type="hidden" name="{ID_FIELD}" value="{}">"#, filled.id.unwrap_or_default());
    if let Some(poster) = &filled.poster {
        let _ = write!(b, r#"<input type="hidden" name="{POSTER_FIELD}" value=""#);
        attr(&mut b, poster);
        b.push_str(r#"">"#);
    }
    for (n, section) in q.sections.iter().enumerate() {
        let _ = write!(b, r#"<section class="part" aria-labelledby="section-{n}"><h2 id="section-{n}">"#);
        text(&mut b, &section.title);
        b.push_str("</h2>");
        for item in &section.items {
            let problem = errors.iter().find(|e| e.item == item.id.as_str()).map(|e| &e.problem);
            field(&mut b, item, filled.answers.get(item.id.as_str()), problem, form);
        }
        b.push_str("</section>");
    }
    let _ = write!(
        b,
        r#"<div class="item"><label for="comment">{}</label><textarea id="comment" name="{COMMENT_FIELD}" rows="4" maxlength="{COMMENT_MAX_CHARS}">"#,
        VI.comment_label
    );
    text(&mut b, &filled.comment);
    b.push_str("</textarea></div>");
    // Hidden from people (and screen readers), found by bots that fill every field.
    let _ = write!(
        b,
        r#"<div class="hp" aria-hidden="true"><label for="website">{}</label><input id="website" name="{HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off"></div>"#,
        VI.website
    );
    let _ = write!(
        b,
        r#"<div class="actions"><button id="submit" type="submit" class="primary">{}</button></div>"#,
        VI.submit
    );
    b.push_str("</form></div>");
    // Last, so the questions come first in the first packets; the app reads it instead of asking
    // `GET /api/forms/…` again.
    let json = serde_json::to_string(form).expect("a FormView serializes");
    json_island(&mut b, FORM_DATA_ID, &json);
    // Named by the unit, as the app names it, so the tab keeps its name when the app takes over.
    document(&form.unit.name, &b, true)
}

fn field(b: &mut String, item: &Item, value: Option<&Value>, problem: Option<&AnswerProblem>, form: &FormView) {
    let name = item.id.as_str();
    let one_of = matches!(item.kind, ItemKind::Scale5 { .. } | ItemKind::Faces3 | ItemKind::Choice { .. });
    let _ = write!(b, r#"<fieldset id="item-{name}" class="item""#);
    if one_of {
        b.push_str(r#" role="radiogroup""#);
        if item.required {
            b.push_str(r#" aria-required="true""#);
        }
    }
    if problem.is_some() {
        let _ = write!(b, r#" aria-invalid="true" aria-describedby="problem-{name}""#);
    }
    b.push_str("><legend>");
    text(b, &item.text);
    if item.required {
        let _ = write!(b, r#"<span class="req">{}</span>"#, VI.required);
    }
    if let ItemKind::Multi { max, .. } = item.kind {
        b.push_str(r#"<span class="hint">"#);
        text(b, &(VI.choose_at_most)(max));
        b.push_str("</span>");
    }
    b.push_str("</legend>");
    let q = &form.questionnaire;
    let number = value.and_then(Value::as_i64);
    match &item.kind {
        ItemKind::Scale5 { zero } => {
            let mut options: Vec<(i64, &str, &str)> =
                (1..).zip(&q.scale_labels).zip(SCALE_FACES).map(|((n, w), f)| (n, w.as_str(), f)).collect();
            if *zero {
                options.push((0, q.zero_label.as_deref().unwrap_or(VI.not_used), ""));
            }
            b.push_str(r#"<div class="opts scale">"#);
            for (n, word, face) in options {
                radio(b, name, n, number == Some(n));
                let _ = write!(
                    b,
                    r#"<span class="mark">{n}</span><span class="face" aria-hidden="true">{face}</span><span class="word">"#
                );
                text(b, word);
                b.push_str("</span></label>");
            }
            b.push_str("</div>");
        }
        ItemKind::Faces3 => {
            b.push_str(r#"<div class="opts faces">"#);
            for (i, (face, word)) in FACES3.iter().zip(VI.faces).enumerate() {
                let n = i as i64 + 1;
                radio(b, name, n, number == Some(n));
                let _ = write!(
                    b,
                    r#"<span class="face" aria-hidden="true">{face}</span><span class="word">{word}</span></label>"#
                );
            }
            b.push_str("</div>");
        }
        ItemKind::Choice { options, .. } => {
            b.push_str(r#"<div class="opts">"#);
            for Choice { value: n, label } in options {
                radio(b, name, *n, number == Some(*n));
                b.push_str(r#"<span class="word">"#);
                text(b, label);
                b.push_str("</span></label>");
            }
            b.push_str("</div>");
        }
        ItemKind::Multi { options, .. } => {
            let chosen: Vec<i64> = value
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_i64).collect())
                .unwrap_or_default();
            b.push_str(r#"<div class="opts">"#);
            for Choice { value: n, label } in options {
                let checked = if chosen.contains(n) { " checked" } else { "" };
                let _ = write!(
                    b,
                    r#"<label class="opt"><input type="checkbox" name="{name}" value="{n}"{checked}><span class="word">"#
                );
                text(b, label);
                b.push_str("</span></label>");
            }
            b.push_str("</div>");
        }
        ItemKind::Number { min, max } => {
            let _ = write!(b, r#"<label for="input-{name}">{}</label>"#, (VI.number_label)(*min, *max));
            let _ = write!(
                b,
                r#"<input id="input-{name}" type="number" inputmode="numeric" name="{name}" min="{min}" max="{max}" step="1""#
            );
            required_attr(b, item.required);
            b.push_str(r#" value=""#);
            attr(b, &typed(value));
            b.push_str(r#"">"#);
        }
        ItemKind::Text { max_len, long } => {
            let _ = write!(b, r#"<label for="input-{name}">{}</label>"#, (VI.text_label)(*max_len));
            if *long {
                let _ = write!(b, r#"<textarea id="input-{name}" name="{name}" rows="4" maxlength="{max_len}""#);
                required_attr(b, item.required);
                b.push('>');
                text(b, &typed(value));
                b.push_str("</textarea>");
            } else {
                let _ = write!(b, r#"<input id="input-{name}" type="text" name="{name}" maxlength="{max_len}""#);
                required_attr(b, item.required);
                b.push_str(r#" value=""#);
                attr(b, &typed(value));
                b.push_str(r#"">"#);
            }
        }
    }
    if let Some(problem) = problem {
        let _ = write!(b, r#"<p id="problem-{name}" class="problem" role="alert">"#);
        text(b, &VI.problem(problem));
        b.push_str("</p>");
    }
    b.push_str("</fieldset>");
}

/// Opens a radio's label; the caller writes what it shows and closes it.
fn radio(b: &mut String, name: &str, n: i64, checked: bool) {
    let checked = if checked { " checked" } else { "" };
    let _ = write!(b, r#"<label class="opt"><input type="radio" name="{name}" value="{n}"{checked}>"#);
}

fn required_attr(b: &mut String, required: bool) {
    if required {
        b.push_str(r#" aria-required="true""#);
    }
}

/// What was typed, to type it back.
fn typed(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hailong_domain::api::{CampaignSummary, UnitSummary};
    use hailong_domain::{CampaignId, Date, UnitCode, UnitKind, catalogue};
    use serde_json::json;

    fn sipas_form() -> FormView {
        FormView {
            campaign: CampaignSummary {
                id: CampaignId::parse("cam-ranh").unwrap(),
                title: "Khảo sát <2026>".into(),
                authority: None,
                opens: Date::new(2026, 11, 1).unwrap(),
                closes: Date::new(2026, 12, 31).unwrap(),
            },
            unit: UnitSummary {
                code: UnitCode::parse("ubnd-cam-nghia").unwrap(),
                name: "UBND phường Cam Nghĩa".into(),
                kind: UnitKind::UbndPhuong,
            },
            questionnaire: catalogue::template("sipas").unwrap(),
            poster_replaced: false,
        }
    }

    #[test]
    fn the_served_form_posts_every_question_with_its_response_id() {
        let form = sipas_form();
        let id = uuid::Uuid::from_u128(7);
        let html = form_page(&FormPage { form: &form, filled: &Filled::new(id, None), errors: &[], notice: None });
        assert!(html.contains(r#"<form id="answers" method="post" novalidate>"#));
        assert!(html.contains(&format!(r#"name="id" value="{id}""#)));
        for (_, item) in form.questionnaire.items() {
            assert!(html.contains(&format!(r#"id="item-{}""#, item.id)), "{} is on the page", item.id);
        }
        assert!(html.contains("Khảo sát &lt;2026&gt;"), "text is escaped");
        assert!(!html.contains("form-problem") && !html.contains(" checked>"));
        // The questions come before the app's copy of the form, so the first packets hold them.
        assert!(html.find("item-").unwrap() < html.find(r#"id="form-data""#).unwrap());
        let island = html.split(r#"id="form-data">"#).nth(1).unwrap().split("</script>").next().unwrap();
        assert_eq!(serde_json::from_str::<FormView>(island).unwrap(), form);
    }

    #[test]
    fn a_refused_form_shows_each_problem_beside_its_item_and_keeps_the_answers() {
        let form = sipas_form();
        let q = &form.questionnaire;
        let scale = q.sections[1].items[0].id.to_string();
        let missing = q.sections[1].items[1].id.to_string();
        let mut filled = Filled::new(uuid::Uuid::from_u128(7), Some("1-ABC".into()));
        filled.answers.insert(scale.clone(), json!(4));
        filled.comment = "Rất <tốt>".into();
        let errors = [ItemError { item: missing.clone(), problem: AnswerProblem::Missing }];
        let html = form_page(&FormPage { form: &form, filled: &filled, errors: &errors, notice: None });
        assert!(html.contains(&format!(r#"name="{scale}" value="4" checked>"#)));
        assert!(html.contains(VI.fix_answers));
        let item = html.split(&format!(r#"id="item-{missing}""#)).nth(1).unwrap().split("</fieldset>").next().unwrap();
        assert!(item.contains(r#"aria-invalid="true""#) && item.contains(VI.missing), "{item}");
        assert!(html.contains(">Rất &lt;tốt&gt;</textarea>"));
        assert!(html.contains(r#"name="poster" value="1-ABC""#));
    }
}
