//! Bad input never answers 5xx. Every operation of the OpenAPI document is called with hostile
//! path ids and queries, with bodies derived from its request schema (each property in turn
//! given a wrong value, each required one left out) and with random bytes, as an administrator;
//! and once as a staff member and as nobody. Each answer is a success or a 4xx that carries a
//! code and a message; what was stored before is still there after.

use hailong_domain::rng::SplitMix64;
use hailong_tests::{fresh_context, full_answers, login, request_as};
use lambda_http::Body;
use serde_json::{Map, Value, json};

/// Values no schema asks for: wrong types, empty, huge, odd characters, formula starts.
fn hostile() -> Vec<Value> {
    vec![
        Value::Null,
        json!(""),
        json!("x".repeat(5_000)),
        json!(-1),
        json!(1e308),
        json!(u64::MAX),
        json!(true),
        json!([]),
        json!({}),
        json!("=1+1"),
        json!("\u{0}\u{202e}"),
        json!("Cần Thơ ../../etc"),
    ]
}

/// Path ids that are no id: over 1 KB, control and separator characters, unicode, traversal.
const HOSTILE_IDS: [&str; 7] = ["a", "%00", "..", "A%20B", "%E1%BB%87", "x'--", "-"];

fn long_id() -> String {
    "a".repeat(1_100)
}

/// A query every listing and lookup may meet.
const HOSTILE_QUERY: &str =
    "?cursor=%25%25%25&limit=-5&from=2026-13-40&to=x&version=abc&campaign=%00&user=&action=%3D1&p=%3C%3E";

struct Schemas<'a>(&'a Map<String, Value>);

impl Schemas<'_> {
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        match schema["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/schemas/")) {
            Some(name) => self.resolve(&self.0[name]),
            None => schema,
        }
    }

    /// An instance shaped as the schema asks (ids, enums and bounds respected where written).
    fn sample(&self, schema: &Value, depth: usize) -> Value {
        let s = self.resolve(schema);
        if let Some(first) = s["enum"].as_array().and_then(|e| e.first()) {
            return first.clone();
        }
        if let Some(first) = s["oneOf"].as_array().or(s["anyOf"].as_array()).and_then(|o| o.first()) {
            return self.sample(first, depth);
        }
        let ty = match &s["type"] {
            Value::Array(types) => types.first().and_then(Value::as_str).unwrap_or("string"),
            other => other.as_str().unwrap_or(if s["properties"].is_object() { "object" } else { "string" }),
        };
        match ty {
            "object" if depth < 4 => {
                let props = s["properties"].as_object().cloned().unwrap_or_default();
                Value::Object(props.iter().map(|(k, v)| (k.clone(), self.sample(v, depth + 1))).collect())
            }
            "object" => json!({}),
            "array" if depth < 4 => json!([self.sample(&s["items"], depth + 1)]),
            "array" => json!([]),
            "integer" => json!(s["minimum"].as_i64().unwrap_or(1)),
            "number" => json!(s["minimum"].as_f64().unwrap_or(1.0)),
            "boolean" => json!(true),
            "null" => Value::Null,
            _ if s["format"] == "uuid" => json!(uuid::Uuid::new_v4().to_string()),
            _ if s["format"] == "date" => json!("2026-12-01"),
            _ => json!("x"),
        }
    }

    /// The sample, then each property given each hostile value, each required one left out,
    /// and wrong shapes for the whole.
    fn bodies(&self, schema: &Value) -> Vec<Vec<u8>> {
        let sample = self.sample(schema, 0);
        let mut bodies = vec![sample.clone()];
        if let Value::Object(fields) = &sample {
            for key in fields.keys() {
                for bad in hostile() {
                    let mut changed = fields.clone();
                    changed.insert(key.clone(), bad);
                    bodies.push(Value::Object(changed));
                }
                let mut missing = fields.clone();
                missing.remove(key);
                bodies.push(Value::Object(missing));
            }
            let mut extra = fields.clone();
            extra.insert("unexpected".into(), json!("x"));
            bodies.push(Value::Object(extra));
        }
        bodies.extend([json!([]), json!("text"), json!(42), Value::Null]);
        bodies.into_iter().map(|b| serde_json::to_vec(&b).unwrap()).collect()
    }
}

/// Bodies that are not JSON at all: truncated, deeply nested, not UTF-8, random bytes.
fn broken_bodies(rng: &mut SplitMix64) -> Vec<Vec<u8>> {
    let mut bodies = vec![
        b"{".to_vec(),
        format!("{}{}", "[".repeat(2_000), "]".repeat(2_000)).into_bytes(),
        vec![0xff, 0xfe, 0x00, 0x41],
        b"name,code\n=cmd|' /C calc'!A0,x\n\"unclosed".to_vec(),
    ];
    for len in [1, 64, 4_096] {
        bodies.push((0..len).map(|_| rng.below(256) as u8).collect());
    }
    bodies
}

#[derive(Debug)]
struct Case {
    method: String,
    path: String,
    body: Vec<u8>,
    token: Option<String>,
}

/// The answer's status, and its failure if it is one: a 5xx, or a refusal that does not say why.
async fn check(ctx: &hailong_functions::Context, case: &Case) -> (u16, Option<String>) {
    let mut req = request_as(case.token.as_deref(), &case.method, &case.path, Some(case.body.clone()));
    if case.path.starts_with("/s/") && case.method == "POST" {
        req.headers_mut().insert("content-type", "application/x-www-form-urlencoded".parse().unwrap());
    }
    let response = hailong_functions::dispatch(ctx, req).await;
    let status = response.status().as_u16();
    let html =
        response.headers().get("content-type").is_some_and(|t| t.to_str().unwrap_or("").starts_with("text/html"));
    let bytes: &[u8] = match response.body() {
        Body::Empty => &[],
        other => other.as_ref(),
    };
    let said = if html {
        !bytes.is_empty()
    } else {
        let body: Value = serde_json::from_slice(bytes).unwrap_or(Value::Null);
        body["error"].as_str().is_some_and(|c| !c.is_empty()) && body["message"].as_str().is_some_and(|m| !m.is_empty())
    };
    let shown = String::from_utf8_lossy(&case.body[..case.body.len().min(120)]).into_owned();
    let failure = if status >= 500 {
        Some(format!("{status} for {} {} {shown:?}: {}", case.method, case.path, String::from_utf8_lossy(bytes)))
    } else if status >= 400 && !said {
        Some(format!("{status} without a code and message for {} {} {shown:?}", case.method, case.path))
    } else {
        None
    };
    (status, failure)
}

/// Responses stored in the campaign, over all its units.
async fn stored(ctx: &hailong_functions::Context, campaign: &hailong_domain::Campaign) -> u64 {
    let mut n = 0;
    for unit in &campaign.units {
        n += ctx.store.count_responses(&campaign.id, &unit.code).await.unwrap();
    }
    n
}

#[tokio::test]
async fn no_hostile_request_answers_5xx_and_every_refusal_says_why() {
    let (ctx, campaign) = fresh_context().await;
    let spec: Value = serde_json::from_str(hailong_functions::openapi::SPEC).unwrap();
    let schemas = Schemas(spec["components"]["schemas"].as_object().unwrap());
    let admin = login(&ctx, "demo-admin").await;
    let staff = login(&ctx, "demo-staff").await;
    let unit = campaign.units[0].code.to_string();

    // Something stored before, to be found unchanged after.
    let entry = json!({
        "id": uuid::Uuid::new_v4().to_string(), "campaign": campaign.id.as_str(), "unit": unit,
        "channel": "phone", "answers": full_answers(campaign.questionnaires.values().next().unwrap().id.as_str()),
    });
    let (status, receipt) =
        hailong_tests::call_as(&ctx, Some(&admin), "POST", "/api/admin/responses", Some(entry)).await;
    assert_eq!(status, 201, "{receipt}");
    let before = stored(&ctx, &campaign).await;

    let valid = |name: &str| match name {
        "campaign" => campaign.id.to_string(),
        "unit" | "code" => unit.clone(),
        _ => uuid::Uuid::new_v4().to_string(),
    };
    let mut rng = SplitMix64::new(13);
    let broken = broken_bodies(&mut rng);
    let mut cases = Vec::new();
    for (template, operations) in spec["paths"].as_object().unwrap() {
        let names: Vec<&str> =
            template.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))).collect();
        let fill = |hostile: Option<(&str, &str)>| {
            names.iter().fold(template.clone(), |path, name| {
                let value = match hostile {
                    Some((n, v)) if n == *name => v.to_owned(),
                    _ => valid(name),
                };
                path.replace(&format!("{{{name}}}"), &value)
            })
        };
        for (method, op) in operations.as_object().unwrap() {
            let method = method.to_uppercase();
            let content = &op["requestBody"]["content"];
            let mut bodies = match content["application/json"]["schema"] {
                Value::Null => vec![Vec::new()],
                ref schema => schemas.bodies(schema),
            };
            bodies.extend(broken.iter().cloned());
            let case = |path: String, body: Vec<u8>, token: Option<&str>| Case {
                method: method.clone(),
                path,
                body,
                token: token.map(str::to_owned),
            };
            for body in &bodies {
                cases.push(case(fill(None), body.clone(), Some(&admin)));
            }
            let long = long_id();
            for name in &names {
                for id in HOSTILE_IDS.iter().copied().chain([long.as_str()]) {
                    cases.push(case(fill(Some((name, id))), bodies[0].clone(), Some(&admin)));
                }
            }
            cases.push(case(format!("{}{HOSTILE_QUERY}", fill(None)), bodies[0].clone(), Some(&admin)));
            for token in [Some(staff.as_str()), Some("not.a.token"), None] {
                cases.push(case(fill(None), bodies[0].clone(), token));
            }
        }
    }

    let (mut failures, mut statuses) = (Vec::new(), std::collections::BTreeMap::<u16, usize>::new());
    for case in &cases {
        let (status, failure) = check(&ctx, case).await;
        *statuses.entry(status).or_default() += 1;
        failures.extend(failure);
    }
    println!("{} requests, {} failures, by status: {statuses:?}", cases.len(), failures.len());
    // Mostly refusals, but the valid samples get through too: the run reaches the handlers.
    assert!(statuses.range(200..300).map(|(_, n)| n).sum::<usize>() > 50, "{statuses:?}");
    assert!(cases.len() > 2_000, "the run covers every operation: {} requests", cases.len());
    assert!(failures.is_empty(), "{} of {} requests failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
    let after = stored(&ctx, &campaign).await;
    assert!(after >= before, "nothing stored is lost: {before} before, {after} after");
    let receipt = receipt["receipt"].as_str().unwrap();
    let (status, found) = hailong_tests::call_as(&ctx, None, "GET", &format!("/api/receipts/{receipt}"), None).await;
    assert_eq!(status, 200, "the response stored first is still found: {found}");
}
