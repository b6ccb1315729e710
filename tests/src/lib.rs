//! Support for the end-to-end tests: real DynamoDB Local (started by `cargo xtask test`), fresh
//! tables per test, and requests shaped as API Gateway delivers them.

pub mod browser;
pub mod local_stack;
pub mod pdf;
pub mod runtime_api;

use hailong_domain::{Campaign, CampaignId, Date, ResponseId, UnitCode, catalogue};
use hailong_functions::store::Tables;
use hailong_functions::{Context, seed};
use lambda_http::{Body, Request, Response};
use serde_json::Value;

/// The DynamoDB Local endpoint, or a panic that says how to get one.
pub fn dynamodb_endpoint() -> String {
    std::env::var("HAILONG_DYNAMODB_ENDPOINT").unwrap_or_else(|_| {
        panic!(
            "HAILONG_DYNAMODB_ENDPOINT is not set: run the tests with `cargo xtask test`, which starts DynamoDB Local"
        )
    })
}

/// A table prefix no other test uses, so tests run in parallel on one DynamoDB Local.
/// The typed ids the store takes, from the literals tests write.
pub fn campaign_id(id: &str) -> CampaignId {
    CampaignId::parse(id).expect("a valid campaign id")
}

pub fn unit_code(code: &str) -> UnitCode {
    UnitCode::parse(code).expect("a valid unit code")
}

pub fn response_id(id: &str) -> ResponseId {
    id.parse().expect("a response id is a UUID")
}

pub fn unique_prefix() -> String {
    format!("t{}-", uuid::Uuid::new_v4().simple())
}

/// A context on freshly created tables holding the built-in questionnaires and the demo.
pub async fn fresh_context() -> (Context, Campaign) {
    let ctx = Context::local(&dynamodb_endpoint(), Tables::with_prefix(&unique_prefix())).with_demo_accounts("demo");
    // Publication steps run in the test's own runtime, as the local stack runs them.
    let ctx = hailong_functions::steps::in_process(ctx);
    ctx.store.create_tables().await.expect("tables are created from the template");
    let demo = seed::demo(&ctx.store, hailong_functions::clock::today()).await.expect("demo seeds");
    (ctx, demo)
}

/// Counts every stored response as the stream would (in AWS, seconds after each one arrives).
pub async fn count_all(ctx: &Context) {
    let mut stream = hailong_functions::results::stream::LocalStream::open(ctx, &dynamodb_endpoint()).await.unwrap();
    while stream.poll(ctx).await.unwrap() > 0 {}
}

/// Adds a copy of `base` under another id with another window (for closed and future campaigns).
pub async fn add_campaign(ctx: &Context, base: &Campaign, id: &str, opens: Date, closes: Date) -> Campaign {
    let mut c = base.clone();
    c.id = hailong_domain::CampaignId::parse(id).unwrap();
    c.opens = opens;
    c.closes = closes;
    assert!(ctx.store.insert_campaign(&c).await.unwrap());
    c
}

pub fn request(method: &str, path: &str, body: Option<Vec<u8>>) -> Request {
    request_as(None, method, path, body)
}

/// A request carrying a bearer token.
pub fn request_as(token: Option<&str>, method: &str, path: &str, body: Option<Vec<u8>>) -> Request {
    let mut builder =
        lambda_http::http::Request::builder().method(method).uri(path).header("content-type", "application/json");
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    builder.body(body.map(Body::from).unwrap_or(Body::Empty)).unwrap()
}

/// Sends a request as the holder of `token`.
pub async fn call_as(
    ctx: &Context,
    token: Option<&str>,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let body = body.map(|b| serde_json::to_vec(&b).unwrap());
    decode(hailong_functions::dispatch(ctx, request_as(token, method, path, body)).await)
}

/// Publishes a campaign as the console does: `POST …/publish` (202, a job), then the job read
/// until it ends. `Ok` with the published snapshot; `Err` with the refusal's status and body, or
/// (status 200) the failed job.
pub async fn publish(ctx: &Context, token: &str, campaign: &str, body: Option<Value>) -> Result<Value, (u16, Value)> {
    let (status, job) =
        call_as(ctx, Some(token), "POST", &format!("/api/admin/campaigns/{campaign}/publish"), body).await;
    if status != 202 {
        return Err((status, job));
    }
    let id = job["job"].as_str().expect("a job id").to_owned();
    let started = std::time::Instant::now();
    loop {
        let (status, job) =
            call_as(ctx, Some(token), "GET", &format!("/api/admin/campaigns/{campaign}/publish/{id}"), None).await;
        assert_eq!(status, 200, "{job}");
        match job["state"].as_str() {
            Some("running") => {
                assert!(started.elapsed() < std::time::Duration::from_secs(300), "the job never ended: {job}");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            Some("done") => {
                let version = job["version"].as_u64().expect("a version");
                let (status, snapshot) =
                    call(ctx, "GET", &format!("/api/results/{campaign}?version={version}"), None).await;
                assert_eq!(status, 200, "{snapshot}");
                return Ok(snapshot);
            }
            _ => return Err((200, job)),
        }
    }
}

/// Previews a campaign as the console does: `POST …/preview` (202, a job), the job read until it
/// ends, then every page of its units (`limit` each). The snapshot as previewed, its `units`
/// those of every page in order; the pages' count beside it.
pub async fn preview(ctx: &Context, token: &str, campaign: &str, limit: usize) -> (Value, usize) {
    let (status, job) =
        call_as(ctx, Some(token), "POST", &format!("/api/admin/campaigns/{campaign}/preview"), None).await;
    assert_eq!(status, 202, "{job}");
    let base = format!("/api/admin/campaigns/{campaign}/preview/{}", job["job"].as_str().expect("a job id"));
    let started = std::time::Instant::now();
    let (mut snapshot, mut units, mut pages) = (Value::Null, Vec::new(), 0);
    let mut cursor = Some("0".to_owned());
    while let Some(at) = cursor {
        let (status, job) = call_as(ctx, Some(token), "GET", &format!("{base}?cursor={at}&limit={limit}"), None).await;
        assert_eq!(status, 200, "{job}");
        match job["state"].as_str() {
            Some("running") => {
                assert!(started.elapsed() < std::time::Duration::from_secs(300), "the preview never ended: {job}");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                cursor = Some(at);
                continue;
            }
            Some("done") => {}
            other => panic!("the preview ended {other:?}: {job}"),
        }
        let page = job["figures"]["units"].as_array().expect("a page of units").clone();
        assert!(page.len() <= limit, "a page is no larger than its limit");
        units.extend(page);
        pages += 1;
        snapshot = job.clone();
        cursor = job["next"].as_str().map(str::to_owned);
    }
    assert_eq!(snapshot["units_total"].as_u64(), Some(units.len() as u64), "the pages hold every unit once");
    let counted: u64 = units.iter().map(|u| u["n"].as_u64().unwrap()).sum();
    assert_eq!(snapshot["counted_total"].as_u64(), Some(counted));
    let mut snapshot = snapshot["figures"].take();
    snapshot["units"] = Value::Array(units);
    (snapshot, pages)
}

/// What the receipt page does in the browser: the receipt's leaf looked up in its unit's leaves
/// file of the latest published version, that file and the roots file recomputed up to the
/// digest in the list of publications. The version it checks against, if it does.
pub async fn verified_receipt(ctx: &Context, receipt: &str) -> Option<u32> {
    use hailong_domain::results::{UnitLeaves, UnitRoots, verify_receipt};
    let (status, view) = call(ctx, "GET", &format!("/api/receipts/{receipt}"), None).await;
    assert_eq!(status, 200, "{view}");
    let view: hailong_domain::api::ReceiptView = serde_json::from_value(view).expect("a receipt");
    let leaf = view.leaf?;
    let (_, list) = call(ctx, "GET", "/api/results", None).await;
    let publication = list.as_array()?.iter().find(|p| p["campaign"] == view.campaign.as_str())?;
    let latest = publication["versions"].as_array()?.last()?;
    let (version, digest) = (latest["version"].as_u64()?, latest["digest"].as_str()?);
    let base = format!("/api/results/{}", view.campaign);
    let (status, leaves) =
        call(ctx, "GET", &format!("{base}/units/{}/leaves?version={version}", view.unit), None).await;
    if status == 404 {
        return None;
    }
    let leaves: UnitLeaves = serde_json::from_value(leaves).expect("a leaves file");
    let (_, roots) = call(ctx, "GET", &format!("{base}/roots?version={version}"), None).await;
    let roots: UnitRoots = serde_json::from_value(roots).expect("a roots file");
    verify_receipt(&leaf, &leaves, &roots, digest).ok().map(|()| version as u32)
}

/// Signs in as a demo account and answers its token.
pub async fn login(ctx: &Context, user: &str) -> String {
    let (status, body) =
        call(ctx, "POST", "/api/auth/login", Some(serde_json::json!({ "username": user, "password": "demo" }))).await;
    assert_eq!(status, 200, "{body}");
    body["token"].as_str().unwrap().to_owned()
}

/// Sends a request through the same dispatcher Lambda and the local stack use.
pub async fn call(ctx: &Context, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let body = body.map(|b| serde_json::to_vec(&b).unwrap());
    decode(hailong_functions::dispatch(ctx, request(method, path, body)).await)
}

/// A citizen's `POST /api/responses` as API Gateway hands it over: from a device (its token in
/// `X-Hailong-Device`, absent for old clients) and a network (`requestContext.http.sourceIp`),
/// with any extra headers (CloudFront's). Answers the status, the `Retry-After` header and the body.
pub async fn submit_from(
    ctx: &Context,
    device: Option<&str>,
    source_ip: &str,
    headers: &[(&str, &str)],
    body: &Value,
) -> (u16, Option<String>, Value) {
    use lambda_http::RequestExt;
    use lambda_http::aws_lambda_events::apigw::{
        ApiGatewayV2httpRequestContext, ApiGatewayV2httpRequestContextHttpDescription,
    };
    let mut builder = lambda_http::http::Request::builder()
        .method("POST")
        .uri("/api/responses")
        .header("content-type", "application/json");
    if let Some(device) = device {
        builder = builder.header("x-hailong-device", device);
    }
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    let mut http = ApiGatewayV2httpRequestContextHttpDescription::default();
    http.source_ip = Some(source_ip.to_owned());
    let mut context = ApiGatewayV2httpRequestContext::default();
    context.http = http;
    let req = builder
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap()
        .with_request_context(lambda_http::request::RequestContext::ApiGatewayV2(context));
    let response = hailong_functions::dispatch(ctx, req).await;
    let retry_after = response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
    let (status, body) = decode(response);
    (status, retry_after, body)
}

pub fn decode(response: Response<Body>) -> (u16, Value) {
    let status = response.status().as_u16();
    let body: &[u8] = response.body().as_ref();
    (status, serde_json::from_slice(body).unwrap_or(Value::Null))
}

/// Stores QR submissions as if they had been sent and counted: responses, receipts, marks and
/// aggregates written in bulk (BatchWriteItem), as the stream would have left them. For tests and
/// benchmarks that need more responses than submitting one by one can send in time; each is
/// `(submission, received at in Unix ms)`.
pub async fn load_counted(
    ctx: &Context,
    campaign: &Campaign,
    submissions: impl IntoIterator<Item = (hailong_domain::Submission, i64)>,
    rng: &mut hailong_domain::SplitMix64,
) {
    use hailong_domain::results::{Aggregate, AggregateKey};
    use std::collections::BTreeMap;
    let mut rows = Vec::new();
    let mut aggregates: BTreeMap<AggregateKey, Aggregate> = BTreeMap::new();
    for (submission, at) in submissions {
        let member = campaign.unit(&submission.unit).expect("a unit of the campaign");
        let reference = campaign.questionnaire_for(member.kind).expect("a questionnaire for the unit");
        let q = catalogue::template(reference.id.as_str()).expect("built in");
        let source = submission.source(hailong_domain::Sender::Respondent).expect("a QR source");
        let response = submission.validate(campaign, &q, &source, at).expect("a valid submission");
        let aggregate = aggregates.entry(AggregateKey::of(&response)).or_insert_with(|| Aggregate::new(&q).unwrap());
        aggregate.add(&response).unwrap();
        let fingerprint = hailong_functions::submit::fingerprint(&submission);
        rows.push((response, fingerprint, hailong_domain::Receipt::from_random(rng.next_u64().to_le_bytes())));
    }
    ctx.store.load_responses(&rows).await.unwrap();
    let marks: Vec<_> = rows.iter().map(|(r, _, _)| (r, hailong_functions::store::Mark::Counted)).collect();
    ctx.store.load_aggregates(&aggregates.into_iter().collect::<Vec<_>>(), &marks).await.unwrap();
}

/// A complete, valid set of answers for a questionnaire: every item answered.
pub fn full_answers(questionnaire_id: &str) -> serde_json::Map<String, Value> {
    use hailong_domain::ItemKind;
    let q = catalogue::template(questionnaire_id).expect("built in");
    q.items()
        .map(|(_, item)| {
            let v = match &item.kind {
                ItemKind::Scale5 { .. } => Value::from(4),
                ItemKind::Faces3 => Value::from(3),
                ItemKind::Choice { options, .. } => Value::from(options[0].value),
                ItemKind::Multi { options, .. } => Value::from(vec![options[0].value]),
                ItemKind::Number { min, max } => Value::from((min + max) / 2),
                ItemKind::Text { .. } => Value::from("Tốt"),
            };
            (item.id.to_string(), v)
        })
        .collect()
}

pub fn today() -> Date {
    hailong_functions::clock::today()
}

/// The responses the local stack seeds for last year's published campaign (deterministic: the
/// same receipts on every start), with whether each was excluded.
pub fn earlier_responses() -> Vec<seed::earlier::Seeded> {
    let campaign = seed::earlier::campaign(today());
    let qs: Vec<_> = campaign.questionnaires.values().map(|r| catalogue::template(r.id.as_str()).unwrap()).collect();
    seed::earlier::responses(&campaign, &qs)
}

/// Exports as the console does: `POST …/exports` (202, a job), the job read until it ends, then
/// its file downloaded. `Ok` with the file's bytes; `Err` with the refusal's status and body, or
/// (status 200) the failed job.
pub async fn export(
    ctx: &Context,
    token: &str,
    campaign: &str,
    format: &str,
    unit: Option<&str>,
) -> Result<Vec<u8>, (u16, Value)> {
    let mut body = serde_json::json!({ "format": format });
    if let Some(unit) = unit {
        body["unit"] = unit.into();
    }
    let (status, job) =
        call_as(ctx, Some(token), "POST", &format!("/api/admin/campaigns/{campaign}/exports"), Some(body)).await;
    if status != 202 {
        return Err((status, job));
    }
    let path = format!("/api/admin/campaigns/{campaign}/exports/{}", job["job"].as_str().unwrap());
    let job = loop {
        let (status, job) = call_as(ctx, Some(token), "GET", &path, None).await;
        assert_eq!(status, 200, "{job}");
        if job["state"] != "running" {
            break job;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    if job["state"] != "done" {
        return Err((200, job));
    }
    let link = job["download"].as_str().expect("a done export has a download link");
    let answer = hailong_functions::dispatch(ctx, request_as(Some(token), "GET", link, None)).await;
    assert_eq!(answer.status().as_u16(), 200);
    Ok(answer.body().as_ref().to_vec())
}
