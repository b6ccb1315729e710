//! Random valid responses to any questionnaire, for the property tests. Each response comes from one
//! seed, so proptest shrinks a failing case to a short list of seeds.

use crate::questionnaire::{ItemKind, Questionnaire};
use crate::response::{Answers, Channel, Response};
use crate::rng::SplitMix64;
use crate::source::{Sender, Source};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use uuid::Uuid;

pub(crate) const CHANNELS: [Channel; 4] = [Channel::Qr, Channel::Paper, Channel::Phone, Channel::Interviewer];

/// Raw answers as a browser could send them: optional items often left blank, satisfied answers
/// frequent, and whole respondents sometimes answering 0 everywhere it is allowed.
pub(crate) fn raw_answers(q: &Questionnaire, rng: &mut SplitMix64) -> BTreeMap<String, Value> {
    let all_zero = rng.next_u64().is_multiple_of(8);
    let mut raw = BTreeMap::new();
    for (_, item) in q.items() {
        if !item.required && rng.next_u64().is_multiple_of(4) {
            continue;
        }
        let v = match &item.kind {
            ItemKind::Scale5 { zero: true } if all_zero => json!(0),
            ItemKind::Scale5 { zero } => json!(rng.range(if *zero { 0 } else { 1 }, 5).max(rng.range(0, 4))),
            ItemKind::Faces3 => json!(rng.range(1, 3)),
            ItemKind::Choice { options, .. } => json!(options[rng.range(0, options.len() as i64 - 1) as usize].value),
            ItemKind::Multi { options, max } => {
                let k = rng.range(1, i64::from(*max).min(options.len() as i64));
                json!(
                    (0..k).map(|_| options[rng.range(0, options.len() as i64 - 1) as usize].value).collect::<Vec<_>>()
                )
            }
            ItemKind::Number { min, max } => json!(rng.range(*min, *max)),
            ItemKind::Text { max_len, .. } => json!("ý kiến".chars().take(*max_len as usize).collect::<String>()),
        };
        raw.insert(item.id.to_string(), v);
    }
    raw
}

/// A source on `channel`, as staff or a respondent would have sent it.
pub(crate) fn source(channel: Channel) -> Source {
    let (sender, serial) =
        if channel == Channel::Qr { (Sender::Respondent, None) } else { (Sender::Staff("demo-staff"), Some("CN-1")) };
    Source::of(channel, serial, None, sender).expect("a valid source")
}

/// A stored response to `q`, valid by construction (it goes through `Answers::validate`).
pub(crate) fn response(q: &Questionnaire, seed: u64) -> Response {
    let mut rng = SplitMix64::new(seed);
    let answers = Answers::validate(q, &raw_answers(q, &mut rng)).expect("generated answers are valid");
    // Through JSON, so that fields added to `Response` later take their defaults here.
    let channel = CHANNELS[(rng.next_u64() % 4) as usize];
    serde_json::from_value(json!({
        "id": Uuid::from_u64_pair(seed, rng.next_u64()),
        "campaign": "demo",
        "unit": "ubnd-1",
        "questionnaire": q.reference(),
        "channel": channel,
        "serial": (channel == Channel::Paper).then_some("CN-1"),
        "entered_by": (channel != Channel::Qr).then_some("demo-staff"),
        "answers": answers,
        "received_at_ms": seed as i64,
    }))
    .expect("a response reads from JSON")
}
