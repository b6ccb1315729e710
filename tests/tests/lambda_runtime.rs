//! Every packaged function (`target/lambda/{name}/bootstrap.zip`, what a deploy uploads) started
//! as Lambda starts it, against the local Runtime API, fed API Gateway HTTP API events, answering
//! from DynamoDB Local. The arm64 artefacts run under qemu-aarch64 here.
//!
//! `bench_cold_starts` (ignored) is `cargo xtask bench-lambda`: the same runs on a native build,
//! timed (see BENCHMARKS.md).

use aws_sdk_dynamodb::types::AttributeValue;
use hailong_functions::queue::JobQueue;
use hailong_functions::results::stream::LocalStream;
use hailong_functions::snapshots::SnapshotStore;
use hailong_functions::{Context, Function};
use hailong_tests::runtime_api::{
    Lambda, Launch, Outcome, api_event, dynamodb_stream_event, elf_machine, lambda_dir, sqs_event, unpack, unzip_one,
    with_claims,
};
use hailong_tests::{call, call_as, campaign_id, fresh_context, full_answers, login, publish, response_id, unit_code};
use serde_json::{Value, json};
use std::time::Duration;
use uuid::Uuid;

const UBND: &str = "ubnd-cam-nghia";

async fn start(function: Function, ctx: &Context) -> Lambda {
    Lambda::start(Launch { function, tables: ctx.store.tables().clone(), without: vec![], env: vec![] }).await
}

fn submission() -> Value {
    json!({
        "id": Uuid::new_v4(),
        "campaign": "cam-ranh",
        "unit": UBND,
        "channel": "qr",
        "answers": full_answers("sipas"),
        "comment": "Cán bộ nhiệt tình."
    })
}

fn get(path: &str) -> Value {
    api_event("GET", path, None, false)
}

#[test]
fn every_function_is_packaged_as_an_arm64_bootstrap_zip() {
    for f in Function::ALL {
        let dir = lambda_dir().join(f.name());
        let zip = std::fs::read(dir.join("bootstrap.zip"))
            .unwrap_or_else(|e| panic!("{}/bootstrap.zip: {e}; `cargo xtask package` builds it", dir.display()));
        let (name, mode, data) = unzip_one(&zip);
        assert_eq!((name.as_str(), mode), ("bootstrap", 0o755), "{}", f.name());
        assert_eq!(
            data,
            std::fs::read(dir.join("bootstrap")).unwrap(),
            "{}: the zip holds the bootstrap beside it",
            f.name()
        );
        let task = unpack(f);
        assert_eq!(elf_machine(&task.join("bootstrap")), "aarch64", "{}: the template says arm64", f.name());
        std::fs::remove_dir_all(task).unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn health_answers_and_a_malformed_event_is_reported_on_the_error_endpoint() {
    let (ctx, _) = fresh_context().await;
    let mut lambda = start(Function::Health, &ctx).await;
    let answer = lambda.invoke(get("/api/health")).await;
    assert_eq!(answer.http(), (200, json!({ "status": "ok" })), "logs:\n{}", lambda.logs());
    assert!(lambda.api.init_error().is_none());

    // Not an API Gateway event: the runtime posts …/error and asks for the next event.
    let bad = lambda.invoke(json!({ "hello": "world" })).await;
    let Outcome::Error { error_type, body } = &bad.outcome else { panic!("expected an error, got {:?}", bad.outcome) };
    assert!(!error_type.is_empty() && body["errorMessage"].is_string(), "{error_type} {body}");
    assert_eq!(lambda.invoke(get("/api/health")).await.http().0, 200, "the process goes on after an error");

    // Each function serves its own routes only.
    let (status, body) = lambda.invoke(get(&format!("/api/forms/cam-ranh/{UBND}"))).await.http();
    assert_eq!((status, body["error"].as_str()), (404, Some("no_route")), "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn forms_serves_the_questionnaire_of_a_unit() {
    let (ctx, _) = fresh_context().await;
    let mut lambda = start(Function::Forms, &ctx).await;
    let answer = lambda.invoke(get(&format!("/api/forms/cam-ranh/{UBND}"))).await;
    let Outcome::Response(raw) = &answer.outcome else { panic!("{:?}", answer.outcome) };
    // CloudFront does not compress the uncached /api/* behaviour, so the function does.
    assert_eq!(raw["headers"]["content-encoding"], "gzip", "{raw}");
    assert_eq!(raw["isBase64Encoded"], true);
    let (status, form) = answer.http();
    assert_eq!(status, 200, "{form}");
    assert_eq!(form["questionnaire"]["id"], "sipas");
    assert_eq!(form["unit"]["name"], "UBND phường Cam Nghĩa");
    let (status, _) = lambda.invoke(get(&format!("/api/forms/nowhere/{UBND}"))).await.http();
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn submit_stores_a_response_once_and_a_retry_gets_the_same_receipt() {
    let (ctx, _) = fresh_context().await;
    let mut lambda = start(Function::Submit, &ctx).await;
    let body = serde_json::to_vec(&submission()).unwrap();
    let (status, first) = lambda.invoke(api_event("POST", "/api/responses", Some(&body), false)).await.http();
    assert_eq!(status, 201, "{first}");
    // API Gateway may hand the same body base64-encoded.
    let (status, again) = lambda.invoke(api_event("POST", "/api/responses", Some(&body), true)).await.http();
    assert_eq!((status, &again["receipt"]), (200, &first["receipt"]));
    let id = serde_json::from_slice::<Value>(&body).unwrap()["id"].as_str().unwrap().to_owned();
    let stored = ctx.store.response(&response_id(&id)).await.unwrap().expect("stored in DynamoDB");
    assert_eq!(stored.unit.as_str(), UBND);
    assert_eq!(ctx.store.count_responses(&campaign_id("cam-ranh"), &unit_code(UBND)).await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn receipts_answers_where_and_when_a_response_arrived() {
    let (ctx, _) = fresh_context().await;
    let (status, accepted) = call(&ctx, "POST", "/api/responses", Some(submission())).await;
    assert_eq!(status, 201);
    let receipt = accepted["receipt"].as_str().unwrap();
    let mut lambda = start(Function::Receipts, &ctx).await;
    let (status, view) = lambda.invoke(get(&format!("/api/receipts/{receipt}"))).await.http();
    assert_eq!(status, 200, "{view}");
    assert_eq!((view["campaign"].as_str(), view["unit"].as_str()), (Some("cam-ranh"), Some(UBND)));
    assert!(view.get("answers").is_none());
    assert_eq!(lambda.invoke(get("/api/receipts/ABCDE23456")).await.http().0, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_trusts_the_claims_of_the_jwt_authorizer_and_login_points_to_cognito() {
    let (ctx, _) = fresh_context().await;
    let mut admin = start(Function::Admin, &ctx).await;
    let claims = json!({ "cognito:groups": "[admin]", "cognito:username": "lan", "custom:units": "" });
    let (status, units) = admin.invoke(with_claims(get("/api/admin/units"), claims)).await.http();
    assert_eq!(status, 200, "{units}");
    assert!(units.to_string().contains(UBND), "{units}");
    let viewer = json!({ "cognito:groups": "[viewer]", "cognito:username": "mai" });
    let body = serde_json::to_vec(&json!({ "csv": "code,name\n" })).unwrap();
    let (status, _) = admin
        .invoke(with_claims(api_event("POST", "/api/admin/units/import", Some(&body), false), viewer))
        .await
        .http();
    assert_eq!(status, 403, "a viewer may not import units");
    let (status, _) = admin.invoke(get("/api/admin/units")).await.http();
    assert_eq!(status, 401, "no claims, no local signer: refused");

    let mut login = start(Function::Login, &ctx).await;
    let body = serde_json::to_vec(&json!({ "username": "demo-admin", "password": "demo" })).unwrap();
    let (status, answer) = login.invoke(api_event("POST", "/api/auth/login", Some(&body), false)).await.http();
    assert_eq!(status, 404, "{answer}");
    assert!(answer["message"].as_str().unwrap().contains("Cognito"));
}

#[tokio::test(flavor = "multi_thread")]
async fn results_serves_the_published_snapshots() {
    let (mut ctx, _) = fresh_context().await;
    // Without a bucket (none exists offline) the function keeps snapshots under its /tmp: here
    // a folder the test publishes into.
    let scratch = std::env::temp_dir().join(format!("lambda-tmp-{}", Uuid::new_v4().simple()));
    ctx.snapshots = SnapshotStore::Folder(scratch.join("hailong-snapshots"));
    // The job's steps must write there too: a worker of this context, not of the one before.
    let ctx = hailong_functions::steps::in_process(ctx);
    let admin = login(&ctx, "demo-admin").await;
    call(&ctx, "POST", "/api/responses", Some(submission())).await;
    // Counted as the aggregate function would count it from the stream.
    let mut stream = LocalStream::open(&ctx, &hailong_tests::dynamodb_endpoint()).await.unwrap();
    assert_eq!(stream.poll(&ctx).await.unwrap(), 1);
    assert_eq!(call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/cam-ranh/close", None).await.0, 200);
    let published = publish(&ctx, &admin, "cam-ranh", None).await.expect("published");

    let tmp = ("TMPDIR".to_owned(), scratch.display().to_string());
    let mut lambda = Lambda::start(Launch {
        function: Function::Results,
        tables: ctx.store.tables().clone(),
        without: vec![],
        env: vec![tmp],
    })
    .await;
    let (status, list) = lambda.invoke(get("/api/results")).await.http();
    assert_eq!(status, 200, "{list}");
    assert!(list.to_string().contains("cam-ranh"), "{list}");
    let (status, snapshot) = lambda.invoke(get("/api/results/cam-ranh")).await.http();
    assert_eq!(status, 200, "{snapshot}\nlogs:\n{}", lambda.logs());
    assert_eq!((&snapshot["version"], &snapshot["digest"]), (&json!(1), &published["digest"]));
    let unit = snapshot["units"].as_array().unwrap().iter().find(|u| u["code"] == UBND).expect("the unit is published");
    assert_eq!(unit["n"], 1);
    // The digest's files, which a receipt is checked against in the browser.
    let (status, roots) = lambda.invoke(get("/api/results/cam-ranh/roots")).await.http();
    assert_eq!((status, &roots["digest"]), (200, &published["digest"]), "{roots}");
    let (status, leaves) = lambda.invoke(get(&format!("/api/results/cam-ranh/units/{UBND}/leaves"))).await.http();
    assert_eq!((status, leaves["leaves"].as_array().map(Vec::len)), (200, Some(1)), "{leaves}");
    assert_eq!(lambda.invoke(get("/api/results/cam-ranh?version=2")).await.http().0, 404, "no second version");
    assert_eq!(lambda.invoke(get("/api/results/nowhere")).await.http().0, 404);
    std::fs::remove_dir_all(scratch).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn publish_runs_a_publication_from_its_queue_and_hands_back_a_message_it_cannot_read() {
    let (mut ctx, _) = fresh_context().await;
    let scratch = std::env::temp_dir().join(format!("lambda-tmp-{}", Uuid::new_v4().simple()));
    ctx.snapshots = SnapshotStore::Folder(scratch.join("hailong-snapshots"));
    // The queue, held here: the admin API's first step is handed to the function as SQS would.
    let (queue, mut queued) = tokio::sync::mpsc::unbounded_channel();
    ctx.jobs = JobQueue::InProcess(queue);
    let admin = login(&ctx, "demo-admin").await;
    call(&ctx, "POST", "/api/responses", Some(submission())).await;
    let mut stream = LocalStream::open(&ctx, &hailong_tests::dynamodb_endpoint()).await.unwrap();
    assert_eq!(stream.poll(&ctx).await.unwrap(), 1);
    assert_eq!(call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/cam-ranh/close", None).await.0, 200);
    let (status, job) = call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/cam-ranh/publish", None).await;
    assert_eq!((status, job["state"].as_str()), (202, Some("running")), "{job}");
    let plan = queued.try_recv().expect("the plan step is queued");

    // Without a queue of its own here, the function runs the steps the plan makes in its process.
    let tmp = ("TMPDIR".to_owned(), scratch.display().to_string());
    let mut lambda = Lambda::start(Launch {
        function: Function::Publish,
        tables: ctx.store.tables().clone(),
        without: vec![],
        env: vec![tmp],
    })
    .await;
    let answer = lambda.invoke(sqs_event(&[("m-plan", &plan, 1), ("m-junk", "not a step", 1)])).await;
    assert_eq!(failures(&answer), json!([{ "itemIdentifier": "m-junk" }]), "logs:\n{}", lambda.logs());
    let id = job["job"].as_str().unwrap();
    let done = hailong_functions::results::job::wait(&ctx, &campaign_id("cam-ranh"), id).await.unwrap();
    assert_eq!(done.record.state, hailong_domain::api::JobState::Done, "{:?}\nlogs:\n{}", done.record, lambda.logs());
    assert_eq!(
        (done.units_done as usize, done.responses_hashed),
        (ctx.store.campaign(&campaign_id("cam-ranh")).await.unwrap().unwrap().units.len(), 1)
    );
    let (status, snapshot) = call(&ctx, "GET", "/api/results/cam-ranh", None).await;
    assert_eq!((status, &snapshot["digest"]), (200, &json!(done.record.digest)), "{snapshot}");
    // The last step delivered again (after a timeout, say) publishes nothing twice.
    let finish = json!({ "step": "finish", "campaign": "cam-ranh", "job": id }).to_string();
    assert_eq!(failures(&lambda.invoke(sqs_event(&[("m-again", &finish, 2)])).await), json!([]));
    let (_, list) = call(&ctx, "GET", "/api/results", None).await;
    assert_eq!(list[0]["versions"].as_array().unwrap().len(), 1, "{list}");
    std::fs::remove_dir_all(scratch).unwrap();
}

/// A stored item in DynamoDB's attribute-value JSON, as a stream record's `NewImage` carries it.
fn image(item: &std::collections::HashMap<String, AttributeValue>) -> Value {
    fn value(v: &AttributeValue) -> Value {
        match v {
            AttributeValue::S(s) => json!({ "S": s }),
            AttributeValue::N(n) => json!({ "N": n }),
            AttributeValue::Bool(b) => json!({ "BOOL": b }),
            AttributeValue::M(m) => {
                json!({ "M": m.iter().map(|(k, v)| (k.clone(), value(v))).collect::<serde_json::Map<_, _>>() })
            }
            AttributeValue::L(l) => json!({ "L": l.iter().map(value).collect::<Vec<_>>() }),
            other => panic!("unexpected attribute {other:?}"),
        }
    }
    Value::Object(item.iter().map(|(k, v)| (k.clone(), value(v))).collect())
}

/// Stores a response through the API and answers its item as the stream would carry it.
async fn stored_image(ctx: &Context) -> Value {
    let body = submission();
    assert_eq!(call(ctx, "POST", "/api/responses", Some(body.clone())).await.0, 201);
    let out = ctx
        .store
        .client()
        .get_item()
        .table_name(&ctx.store.tables().responses)
        .key("pk", AttributeValue::S(body["id"].as_str().unwrap().to_owned()))
        .consistent_read(true)
        .send()
        .await
        .unwrap();
    image(out.item().expect("stored"))
}

/// Responses counted in the unit's running aggregate.
async fn counted(ctx: &Context) -> u64 {
    let aggregates = ctx.store.aggregates(&hailong_domain::CampaignId::parse("cam-ranh").unwrap()).await.unwrap();
    aggregates.iter().filter(|(slot, _)| slot.starts_with(&format!("{UBND}#"))).map(|(_, a)| a.n()).sum()
}

fn failures(answer: &hailong_tests::runtime_api::Answer) -> Value {
    let Outcome::Response(r) = &answer.outcome else { panic!("the function reported an error: {:?}", answer.outcome) };
    r["batchItemFailures"].clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn aggregate_counts_stream_inserts_once_and_reports_a_corrupt_record_by_its_sequence_number() {
    let (ctx, _) = fresh_context().await;
    let table = ctx.store.tables().responses.clone();
    let (first, second) = (stored_image(&ctx).await, stored_image(&ctx).await);
    // A bot limit's counter shares the table (and the stream): it is no response, and no failure.
    let counter =
        json!({ "pk": { "S": "RATE#cam-ranh#device#0#00" }, "submits": { "N": "1" }, "expires_at": { "N": "1" } });
    let event = dynamodb_stream_event(&table, &[first, counter, second]);
    let mut lambda = start(Function::Aggregate, &ctx).await;
    let answer = lambda.invoke(event.clone()).await;
    assert_eq!(failures(&answer), json!([]), "logs:\n{}", lambda.logs());
    assert_eq!(counted(&ctx).await, 2);

    // Lambda delivers a batch again after a timeout or a failed invocation: nothing counts twice.
    assert_eq!(failures(&lambda.invoke(event).await), json!([]));
    assert_eq!(counted(&ctx).await, 2);

    // A corrupt record is reported by its sequence number; those before it are counted, those
    // after it wait for the retry (Lambda resumes at the reported record, keeping order).
    let (third, fourth) = (stored_image(&ctx).await, stored_image(&ctx).await);
    let mut corrupt = third.clone();
    corrupt["pk"] = json!({ "S": Uuid::new_v4().to_string() });
    corrupt["doc"] = json!({ "S": "{\"id\": \"not a response\"" });
    let event = dynamodb_stream_event(&table, &[third, corrupt, fourth.clone()]);
    let sequence = event["Records"][1]["dynamodb"]["SequenceNumber"].clone();
    let answer = lambda.invoke(event).await;
    assert_eq!(failures(&answer), json!([{ "itemIdentifier": sequence }]), "logs:\n{}", lambda.logs());
    assert_eq!(counted(&ctx).await, 3);
    assert_eq!(failures(&lambda.invoke(dynamodb_stream_event(&table, &[fourth])).await), json!([]));
    assert_eq!(counted(&ctx).await, 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bootstrap_without_its_table_names_fails_its_init_and_says_which() {
    let (ctx, _) = fresh_context().await;
    let mut lambda = Lambda::start(Launch {
        function: Function::Health,
        tables: ctx.store.tables().clone(),
        without: vec!["HAILONG_CATALOG_TABLE".into()],
        env: vec![],
    })
    .await;
    let status = lambda.exit(Duration::from_secs(60)).await;
    assert!(!status.success());
    assert!(lambda.logs().contains("HAILONG_CATALOG_TABLE"), "{}", lambda.logs());
    assert!(lambda.api.first_next().is_none(), "it never asked for an event");
}

// ------------------------------------------------------------------------------------------------

/// One cold start: exec → first `next`, the first invocation, warm invocations, peak RSS.
struct Sample {
    init_ms: f64,
    first_ms: f64,
    warm_ms: f64,
    rss_kib: u64,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: `cargo xtask bench-lambda` runs it on a native build"]
async fn bench_cold_starts() {
    let runs: usize = std::env::var("HAILONG_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(10);
    let packages = std::env::var_os("HAILONG_PACKAGE_DIR").map(std::path::PathBuf::from);
    let (ctx, _) = fresh_context().await;
    let (_, accepted) = call(&ctx, "POST", "/api/responses", Some(submission())).await;
    let receipt = accepted["receipt"].as_str().unwrap().to_owned();
    let admin_claims = json!({ "cognito:groups": "[admin]", "cognito:username": "lan" });
    let stream = dynamodb_stream_event(&ctx.store.tables().responses, &[stored_image(&ctx).await]);
    let finish_of_nothing = json!({ "step": "finish", "campaign": "cam-ranh", "job": Uuid::new_v4() }).to_string();
    // The event each function is timed on, and what it must answer: an HTTP status, or for the
    // stream's function no failed record (a record delivered again counts once).
    let event = |f: Function| -> (Value, Option<u16>) {
        match f {
            Function::Forms => (get(&format!("/api/forms/cam-ranh/{UBND}")), Some(200)),
            Function::Submit => (
                api_event("POST", "/api/responses", Some(&serde_json::to_vec(&submission()).unwrap()), false),
                Some(201),
            ),
            Function::Receipts => (get(&format!("/api/receipts/{receipt}")), Some(200)),
            Function::Health => (get("/api/health"), Some(200)),
            // In AWS people sign in with Cognito: the function says so.
            Function::Login => {
                (api_event("POST", "/api/auth/login", Some(br#"{"username":"a","password":"b"}"#), false), Some(404))
            }
            Function::Admin => (with_claims(get("/api/admin/units"), admin_claims.clone()), Some(200)),
            Function::Results => (get("/api/results"), Some(200)),
            Function::Pages => (get(&format!("/s/cam-ranh/{UBND}")), Some(200)),
            Function::Aggregate => (stream.clone(), None),
            // The last delivery of a step of a job that is no more: read, found ended, no failure.
            Function::Publish => (sqs_event(&[("m", &finish_of_nothing, 3)]), None),
        }
    };
    let check = |f: Function, answer: &hailong_tests::runtime_api::Answer, lambda: &Lambda| match event(f).1 {
        Some(status) => assert_eq!(answer.http().0, status, "{}:\n{}", f.name(), lambda.logs()),
        None => assert_eq!(failures(answer), json!([]), "{}:\n{}", f.name(), lambda.logs()),
    };
    let mut table = String::from(
        "| function | init ms (median / max) | first invoke ms (median / max) | warm invoke ms (median) | peak RSS MB (max) | arm64 zip KB |\n\
         |---|---|---|---|---|---|\n",
    );
    for f in Function::ALL {
        let mut samples = Vec::new();
        for _ in 0..runs {
            let mut lambda = start(f, &ctx).await;
            let first = lambda.invoke(event(f).0).await;
            check(f, &first, &lambda);
            let init = lambda.api.first_next().expect("asked for an event") - lambda.started;
            let mut warm = Vec::new();
            for _ in 0..5 {
                let answer = lambda.invoke(event(f).0).await;
                check(f, &answer, &lambda);
                warm.push(ms(answer.duration));
            }
            samples.push(Sample {
                init_ms: ms(init),
                first_ms: ms(first.duration),
                warm_ms: median(warm),
                rss_kib: lambda.peak_rss_kib(),
            });
            assert!(!lambda.emulated, "benchmarks run a native build");
        }
        let zip_kb = packages
            .as_ref()
            .and_then(|d| std::fs::metadata(d.join(f.name()).join("bootstrap.zip")).ok())
            .map(|m| format!("{:.0}", m.len() as f64 / 1024.0))
            .unwrap_or_else(|| "n/a".into());
        let col = |g: fn(&Sample) -> f64| samples.iter().map(g).collect::<Vec<_>>();
        let max = |v: Vec<f64>| v.into_iter().fold(0.0, f64::max);
        table.push_str(&format!(
            "| {} | {:.1} / {:.1} | {:.1} / {:.1} | {:.2} | {:.1} | {} |\n",
            f.name(),
            median(col(|s| s.init_ms)),
            max(col(|s| s.init_ms)),
            median(col(|s| s.first_ms)),
            max(col(|s| s.first_ms)),
            median(col(|s| s.warm_ms)),
            max(col(|s| s.rss_kib as f64)) / 1024.0,
            zip_kb
        ));
    }
    println!("\n{runs} cold starts per function\n\n{table}");
    if let Some(out) = std::env::var_os("HAILONG_BENCH_OUT") {
        std::fs::write(out, &table).unwrap();
    }
}
