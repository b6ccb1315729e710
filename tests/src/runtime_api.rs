//! A local AWS Lambda Runtime API (version 2018-06-01, the protocol a `provided.al2023`
//! bootstrap speaks), and the packaged bootstraps started as Lambda starts them: unzipped from
//! `bootstrap.zip` into a task folder, executed with the environment Lambda and the template
//! give them, pointed at this API by `AWS_LAMBDA_RUNTIME_API`, and fed API Gateway HTTP API
//! events (payload format 2.0).
//!
//! - `GET  /2018-06-01/runtime/invocation/next`: the next event, with the `Lambda-Runtime-*`
//!   headers; the time of the first call marks the end of the function's init.
//! - `POST /2018-06-01/runtime/invocation/{id}/response` and `…/{id}/error`: its answer.
//! - `POST /2018-06-01/runtime/init/error`: a failed init.
//!
//! `cargo xtask test` sets `HAILONG_LAMBDA_DIR` to the packaged arm64 functions, which run here
//! under `qemu-aarch64`; `cargo xtask bench-lambda` points it at a native build for timings.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hailong_functions::Function;
use hailong_functions::store::Tables;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::{mpsc, oneshot};

const PREFIX: &str = "/2018-06-01/runtime";
/// How long one invocation may take here (qemu is slow, DynamoDB Local too on a first call).
const INVOKE_TIMEOUT: Duration = Duration::from_secs(60);

/// What the function answered to one invocation.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// `…/response`: the payload (for an HTTP API, `statusCode`, `headers`, `body`, …).
    Response(Value),
    /// `…/error`: `Lambda-Runtime-Function-Error-Type` and the error document.
    Error { error_type: String, body: Value },
}

#[derive(Debug)]
pub struct Answer {
    pub outcome: Outcome,
    /// From handing the event out (`/next` answered) to receiving the answer.
    pub duration: Duration,
}

impl Answer {
    /// The HTTP answer of an API Gateway invocation: status and JSON body.
    pub fn http(&self) -> (u16, Value) {
        let Outcome::Response(r) = &self.outcome else { panic!("the function reported an error: {:?}", self.outcome) };
        let status = r["statusCode"].as_u64().expect("statusCode") as u16;
        let body = r["body"].as_str().unwrap_or_default();
        let mut bytes =
            if r["isBase64Encoded"].as_bool() == Some(true) { base64_decode(body) } else { body.as_bytes().to_vec() };
        // The events accept gzip as a browser does, so JSON answers come back compressed.
        if r["headers"]["content-encoding"].as_str() == Some("gzip") {
            let mut plain = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut plain).expect("a gzip body");
            bytes = plain;
        }
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }
}

/// Where an invocation's answer goes, with the time it arrived.
type Done = oneshot::Sender<(Outcome, Instant)>;

struct Invocation {
    id: String,
    event: Value,
    done: Done,
}

struct Shared {
    events: tokio::sync::Mutex<mpsc::UnboundedReceiver<Invocation>>,
    /// Handed out, not answered yet.
    pending: Mutex<HashMap<String, Done>>,
    handed_out: Mutex<HashMap<String, Instant>>,
    first_next: Mutex<Option<Instant>>,
    init_error: Mutex<Option<Value>>,
    function_arn: String,
    timeout_ms: u64,
}

/// One Runtime API server, for one function process (as in Lambda: one per execution environment).
pub struct RuntimeApi {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    queue: mpsc::UnboundedSender<Invocation>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl RuntimeApi {
    pub async fn start(function_name: &str, timeout_s: u64) -> RuntimeApi {
        let (queue, events) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            events: tokio::sync::Mutex::new(events),
            pending: Mutex::default(),
            handed_out: Mutex::default(),
            first_next: Mutex::default(),
            init_error: Mutex::default(),
            function_arn: format!("arn:aws:lambda:ap-southeast-1:123456789012:function:{function_name}"),
            timeout_ms: timeout_s * 1000,
        });
        let app = Router::new()
            .route(&format!("{PREFIX}/invocation/next"), get(next))
            .route(&format!("{PREFIX}/invocation/{{id}}/response"), post(response))
            .route(&format!("{PREFIX}/invocation/{{id}}/error"), post(error))
            .route(&format!("{PREFIX}/init/error"), post(init_error))
            .with_state(Arc::clone(&shared));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("the runtime API serves");
        });
        RuntimeApi { addr, shared, queue, server }
    }

    /// When the function first asked for an event (its init was over).
    pub fn first_next(&self) -> Option<Instant> {
        *self.shared.first_next.lock().unwrap()
    }

    pub fn init_error(&self) -> Option<Value> {
        self.shared.init_error.lock().unwrap().clone()
    }

    /// Queues an event; the answer arrives on the receiver.
    fn enqueue(&self, event: Value) -> (String, oneshot::Receiver<(Outcome, Instant)>) {
        let id = uuid::Uuid::new_v4().to_string();
        let (done, answer) = oneshot::channel();
        self.queue.send(Invocation { id: id.clone(), event, done }).expect("the API runs");
        (id, answer)
    }
}

async fn next(State(s): State<Arc<Shared>>) -> Response {
    let arrived = Instant::now();
    s.first_next.lock().unwrap().get_or_insert(arrived);
    let Some(inv) = s.events.lock().await.recv().await else {
        return StatusCode::GONE.into_response();
    };
    let now_ms = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as u64;
    let trace = format!(
        "Root=1-{:08x}-{};Parent={};Sampled=0",
        now_ms / 1000,
        &inv.id.replace('-', "")[..24],
        &inv.id.replace('-', "")[..16]
    );
    let handed = Instant::now();
    s.pending.lock().unwrap().insert(inv.id.clone(), inv.done);
    s.handed_out.lock().unwrap().insert(inv.id.clone(), handed);
    (
        [
            ("content-type", "application/json".to_owned()),
            ("lambda-runtime-aws-request-id", inv.id),
            ("lambda-runtime-deadline-ms", (now_ms + s.timeout_ms).to_string()),
            ("lambda-runtime-invoked-function-arn", s.function_arn.clone()),
            ("lambda-runtime-trace-id", trace),
        ],
        inv.event.to_string(),
    )
        .into_response()
}

fn finish(s: &Shared, id: &str, outcome: Outcome) -> Response {
    match s.pending.lock().unwrap().remove(id) {
        Some(done) => {
            let _ = done.send((outcome, Instant::now()));
            (StatusCode::ACCEPTED, r#"{"status":"OK"}"#).into_response()
        }
        None => (StatusCode::BAD_REQUEST, r#"{"errorType":"InvalidRequestID"}"#).into_response(),
    }
}

async fn response(State(s): State<Arc<Shared>>, UrlPath(id): UrlPath<String>, body: Bytes) -> Response {
    let payload =
        serde_json::from_slice(&body).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into()));
    finish(&s, &id, Outcome::Response(payload))
}

async fn error(
    State(s): State<Arc<Shared>>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let error_type =
        headers.get("lambda-runtime-function-error-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
    finish(&s, &id, Outcome::Error { error_type, body })
}

async fn init_error(State(s): State<Arc<Shared>>, body: Bytes) -> Response {
    *s.init_error.lock().unwrap() = Some(serde_json::from_slice(&body).unwrap_or(Value::Null));
    (StatusCode::ACCEPTED, r#"{"status":"OK"}"#).into_response()
}

// ------------------------------------------------------------------------------------------------
// The packaged functions.

/// Where `cargo xtask test` (or `bench-lambda`) put the packaged functions.
pub fn lambda_dir() -> PathBuf {
    std::env::var_os("HAILONG_LAMBDA_DIR").map(PathBuf::from).unwrap_or_else(|| {
        panic!(
            "HAILONG_LAMBDA_DIR is not set: run the tests with `cargo xtask test`, which packages every function \
             (target/lambda/{{name}}/bootstrap.zip) and points this at it"
        )
    })
}

/// The function's deployment package, `{HAILONG_LAMBDA_DIR}/{name}/bootstrap.zip`.
pub fn package_of(function: Function) -> PathBuf {
    let zip = lambda_dir().join(function.name()).join("bootstrap.zip");
    assert!(zip.exists(), "{} is missing: `cargo xtask package` builds it", zip.display());
    zip
}

/// Reads the one file of a Lambda zip: its name, Unix mode and content.
pub fn unzip_one(zip: &[u8]) -> (String, u32, Vec<u8>) {
    let u16le = |at: usize| u16::from_le_bytes([zip[at], zip[at + 1]]) as usize;
    let u32le = |at: usize| u32::from_le_bytes(zip[at..at + 4].try_into().unwrap()) as usize;
    let eocd = zip.len() - 22;
    assert_eq!(&zip[eocd..eocd + 4], b"PK\x05\x06", "a zip without comment");
    assert_eq!(u16le(eocd + 10), 1, "exactly one entry");
    let central = u32le(eocd + 16);
    assert_eq!(&zip[central..central + 4], b"PK\x01\x02");
    let method = u16le(central + 10);
    let (csize, size) = (u32le(central + 20), u32le(central + 24));
    let name_len = u16le(central + 28);
    let mode = (u32le(central + 38) >> 16) as u32 & 0o7777;
    let name = String::from_utf8(zip[central + 46..central + 46 + name_len].to_vec()).unwrap();
    let local = u32le(central + 42);
    assert_eq!(&zip[local..local + 4], b"PK\x03\x04");
    let start = local + 30 + u16le(local + 26) + u16le(local + 28);
    let raw = &zip[start..start + csize];
    let data = match method {
        0 => raw.to_vec(),
        8 => {
            let mut out = Vec::with_capacity(size);
            flate2::read::DeflateDecoder::new(raw).read_to_end(&mut out).unwrap();
            out
        }
        m => panic!("unsupported zip method {m}"),
    };
    assert_eq!(data.len(), size);
    (name, mode, data)
}

/// Unzips a function's package into a fresh task folder, as Lambda does into `/var/task`.
pub fn unpack(function: Function) -> PathBuf {
    let zip = std::fs::read(package_of(function)).unwrap();
    let (name, mode, data) = unzip_one(&zip);
    assert_eq!(name, "bootstrap", "the package holds the bootstrap at its root");
    assert_eq!(mode & 0o111, 0o111, "the bootstrap is executable in the zip (mode {mode:o})");
    let task = std::env::temp_dir().join(format!("hailong-task-{}-{}", function.name(), uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&task).unwrap();
    let bootstrap = task.join("bootstrap");
    std::fs::write(&bootstrap, data).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&bootstrap, std::fs::Permissions::from_mode(mode)).unwrap();
    task
}

/// The machine an ELF executable is for: "aarch64", "x86_64" or other.
pub fn elf_machine(path: &Path) -> &'static str {
    let mut head = [0u8; 20];
    std::fs::File::open(path).unwrap().read_exact(&mut head).unwrap();
    assert_eq!(&head[..4], b"\x7fELF", "{} is not an ELF executable", path.display());
    match u16::from_le_bytes([head[18], head[19]]) {
        0xB7 => "aarch64",
        0x3E => "x86_64",
        _ => "other",
    }
}

/// The template's settings of one function: memory, timeout and environment variables, its own
/// properties (the resource whose `CodeUri` is its package) over `Globals`, table references
/// resolved to `tables`.
pub fn template_settings(function: Function, tables: &Tables) -> (u64, u64, Vec<(String, String)>) {
    let template: serde_yaml::Value = serde_yaml::from_str(hailong_functions::store::schema::TEMPLATE).unwrap();
    let globals = &template["Globals"]["Function"];
    let code_uri = format!("../target/lambda/{}/bootstrap.zip", function.name());
    let own = template["Resources"]
        .as_mapping()
        .unwrap()
        .values()
        .find(|r| {
            r["Type"].as_str() == Some("AWS::Serverless::Function")
                && r["Properties"]["CodeUri"].as_str() == Some(code_uri.as_str())
        })
        .map(|r| &r["Properties"])
        .unwrap_or_else(|| panic!("no function in the template has CodeUri {code_uri}"));
    let setting = |key: &str| {
        own[key].as_u64().or(globals[key].as_u64()).unwrap_or_else(|| panic!("{key} of {}", function.name()))
    };
    let (memory, timeout) = (setting("MemorySize"), setting("Timeout"));
    let mut vars: Vec<(String, String)> = Vec::new();
    for scope in [globals, own] {
        for (k, v) in scope["Environment"]["Variables"].as_mapping().into_iter().flatten() {
            let key = k.as_str().unwrap().to_owned();
            vars.retain(|(existing, _)| *existing != key);
            vars.push((key, resolve(&template, v, tables)));
        }
    }
    vars.retain(|(_, v)| !v.is_empty());
    (memory, timeout, vars)
}

/// A template value as CloudFormation resolves it for a stack with default parameters (no
/// custom domain): `!Ref` of a table is its name here, of a parameter its default; `!If` takes
/// the branch of a false condition. A bucket or a queue cannot exist offline, so its variable is
/// left unset and the function falls back to its local folder and in-process steps.
fn resolve(template: &serde_yaml::Value, v: &serde_yaml::Value, tables: &Tables) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Tagged(t) if t.tag == "!Ref" => {
            let name = t.value.as_str().unwrap();
            match tables.by_logical_id(name) {
                Some(table) => table.to_owned(),
                // Neither a bucket nor a queue exists offline: the function keeps its files in a
                // local folder and runs its job steps in its own process.
                None if matches!(
                    template["Resources"][name]["Type"].as_str(),
                    Some("AWS::S3::Bucket" | "AWS::SQS::Queue")
                ) =>
                {
                    String::new()
                }
                None => template["Parameters"][name]["Default"]
                    .as_str()
                    .unwrap_or_else(|| panic!("!Ref {name} is neither a table nor a parameter with a default"))
                    .to_owned(),
            }
        }
        serde_yaml::Value::Tagged(t) if t.tag == "!If" => resolve(template, &t.value[2], tables),
        // A value resolved at deploy time (the origin secret from Secrets Manager): none here.
        serde_yaml::Value::Tagged(t) if t.tag == "!Sub" => String::new(),
        other => panic!("unsupported environment value {other:?}"),
    }
}

/// A running bootstrap and the Runtime API it talks to.
pub struct Lambda {
    pub api: RuntimeApi,
    child: Child,
    pub pid: u32,
    pub started: Instant,
    stderr: Arc<Mutex<String>>,
    task: PathBuf,
    pub emulated: bool,
}

impl Drop for Lambda {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
        let _ = std::fs::remove_dir_all(&self.task);
    }
}

/// How to start a bootstrap: the environment beyond what Lambda itself sets.
pub struct Launch {
    pub function: Function,
    pub tables: Tables,
    /// Variables to leave out (to see a failing init).
    pub without: Vec<String>,
    /// Variables to add or replace (`TMPDIR`: where Lambda's `/tmp` is here).
    pub env: Vec<(String, String)>,
}

impl Lambda {
    /// Unpacks the function's zip and starts its bootstrap as Lambda does.
    pub async fn start(launch: Launch) -> Lambda {
        let task = unpack(launch.function);
        Lambda::start_in(task, launch).await
    }

    /// Starts `{task}/bootstrap`, under qemu when it is built for another machine.
    pub async fn start_in(task: PathBuf, launch: Launch) -> Lambda {
        let name = launch.function.name();
        let (memory, timeout, template_env) = template_settings(launch.function, &launch.tables);
        let api = RuntimeApi::start(name, timeout).await;
        let bootstrap = task.join("bootstrap");
        let emulated = elf_machine(&bootstrap) != std::env::consts::ARCH;
        let mut cmd = if emulated {
            let qemu = format!("qemu-{}", elf_machine(&bootstrap));
            let mut c = Command::new(&qemu);
            c.arg(&bootstrap);
            c
        } else {
            Command::new(&bootstrap)
        };
        let mut env: Vec<(String, String)> = vec![
            // What Lambda sets for every function (provided runtimes).
            ("AWS_LAMBDA_RUNTIME_API".into(), api.addr.to_string()),
            ("AWS_LAMBDA_FUNCTION_NAME".into(), name.into()),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE".into(), memory.to_string()),
            ("AWS_LAMBDA_FUNCTION_VERSION".into(), "$LATEST".into()),
            ("AWS_LAMBDA_LOG_GROUP_NAME".into(), format!("/aws/lambda/{name}")),
            ("AWS_LAMBDA_LOG_STREAM_NAME".into(), "2025/01/01/[$LATEST]0123456789abcdef".into()),
            ("AWS_LAMBDA_INITIALIZATION_TYPE".into(), "on-demand".into()),
            ("AWS_REGION".into(), "ap-southeast-1".into()),
            ("AWS_DEFAULT_REGION".into(), "ap-southeast-1".into()),
            ("AWS_EXECUTION_ENV".into(), "AWS_Lambda_provided.al2023".into()),
            // DynamoDB Local keeps tables per access key and region: those of Context::local.
            ("AWS_ACCESS_KEY_ID".into(), "local".into()),
            ("AWS_SECRET_ACCESS_KEY".into(), "local-test-secret".into()),
            ("AWS_SESSION_TOKEN".into(), "local-test-session".into()),
            ("_HANDLER".into(), "bootstrap".into()),
            ("LAMBDA_TASK_ROOT".into(), task.display().to_string()),
            ("LAMBDA_RUNTIME_DIR".into(), "/var/runtime".into()),
            ("LANG".into(), "en_US.UTF-8".into()),
            ("TZ".into(), ":UTC".into()),
            ("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into()),
            // Here only: the tables live in DynamoDB Local.
            ("AWS_ENDPOINT_URL_DYNAMODB".into(), crate::dynamodb_endpoint()),
        ];
        env.extend(template_env);
        env.retain(|(k, _)| !launch.without.contains(k) && !launch.env.iter().any(|(added, _)| added == k));
        env.extend(launch.env);
        cmd.env_clear().envs(env).current_dir(&task).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let started = Instant::now();
        let mut child = cmd.kill_on_drop(true).spawn().unwrap_or_else(|e| {
            panic!("cannot start {} (for arm64 artefacts install qemu-user): {e}", bootstrap.display())
        });
        let pid = child.id().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        type Stream = Box<dyn tokio::io::AsyncRead + Unpin + Send>;
        let streams: [Option<Stream>; 2] =
            [child.stdout.take().map(|s| Box::new(s) as Stream), child.stderr.take().map(|s| Box::new(s) as Stream)];
        for stream in streams.into_iter().flatten() {
            let log = Arc::clone(&stderr);
            tokio::spawn(async move {
                let mut lines = BufReader::new(stream).lines();
                while let Ok(Some(line)) = lines.next_line().await {
                    let mut log = log.lock().unwrap();
                    log.push_str(&line);
                    log.push('\n');
                }
            });
        }
        Lambda { api, child, pid, started, stderr, task, emulated }
    }

    /// Everything the process wrote (Lambda sends it to CloudWatch Logs).
    pub fn logs(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Sends one event and waits for its answer.
    pub async fn invoke(&mut self, event: Value) -> Answer {
        let (id, answer) = self.api.enqueue(event);
        tokio::select! {
            got = tokio::time::timeout(INVOKE_TIMEOUT, answer) => {
                let (outcome, at) = got
                    .unwrap_or_else(|_| panic!("no answer to {id} within {INVOKE_TIMEOUT:?}; logs:\n{}", self.logs()))
                    .expect("answered");
                let handed = self.api.shared.handed_out.lock().unwrap().remove(&id).expect("handed out");
                Answer { outcome, duration: at - handed }
            }
            status = self.child.wait() => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                panic!("the bootstrap exited ({status:?}) before answering {id}; logs:\n{}", self.logs())
            }
        }
    }

    /// Waits until the process exits on its own; its status.
    pub async fn exit(&mut self, within: Duration) -> std::process::ExitStatus {
        let status = tokio::time::timeout(within, self.child.wait())
            .await
            .unwrap_or_else(|_| panic!("the bootstrap still runs after {within:?}; logs:\n{}", self.logs()))
            .unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
        status
    }

    /// Peak resident memory so far (`VmHWM`), in KiB; the emulator's own when emulated.
    pub fn peak_rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM in /proc/<pid>/status")
    }
}

// ------------------------------------------------------------------------------------------------
// API Gateway HTTP API events (payload format 2.0).

/// The event API Gateway sends for `method path` with `body`; the route key and path parameters
/// come from the route table (which tests/tests/infra.rs proves equal to the template's).
pub fn api_event(method: &str, path_and_query: &str, body: Option<&[u8]>, base64_body: bool) -> Value {
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let route = hailong_functions::api::routes()
        .map(|(_, r)| r)
        .find(|r| r.method == method && path_params(r.path, path).is_some());
    let route_key = route.map(|r| format!("{} {}", r.method, r.path)).unwrap_or_else(|| "$default".into());
    let params = route.and_then(|r| path_params(r.path, path));
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    let request_id = format!("{:x}", uuid::Uuid::new_v4().as_u128() >> 64);
    let mut headers = json!({
        "accept": "application/json",
        "accept-encoding": "gzip, br",
        "host": "abcdef1234.execute-api.ap-southeast-1.amazonaws.com",
        "user-agent": "Mozilla/5.0 (Linux; Android 14) hailong-test",
        "via": "2.0 0123456789abcdef.cloudfront.net (CloudFront)",
        "x-amz-cf-id": "local-test",
        "x-amzn-trace-id": format!("Root=1-{:08x}-{}", now.as_secs(), &request_id),
        "x-forwarded-for": "203.0.113.7, 130.176.0.1",
        "x-forwarded-port": "443",
        "x-forwarded-proto": "https"
    });
    let mut event = json!({
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": path,
        "rawQueryString": query,
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "abcdef1234",
            "domainName": "abcdef1234.execute-api.ap-southeast-1.amazonaws.com",
            "domainPrefix": "abcdef1234",
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "130.176.0.1",
                "userAgent": "Mozilla/5.0 (Linux; Android 14) hailong-test"
            },
            "requestId": request_id,
            "routeKey": route_key,
            "stage": "$default",
            "time": "01/Jan/2025:00:00:00 +0000",
            "timeEpoch": now.as_millis() as u64
        },
        "isBase64Encoded": false
    });
    if let Some(params) = params {
        event["pathParameters"] = json!(params);
    }
    if let Some(body) = body {
        headers["content-type"] = json!("application/json");
        headers["content-length"] = json!(body.len().to_string());
        event["headers"] = headers;
        event["isBase64Encoded"] = json!(base64_body);
        event["body"] =
            if base64_body { json!(base64_encode(body)) } else { json!(String::from_utf8(body.to_vec()).unwrap()) };
    }
    event
}

/// The event as API Gateway sends it once its JWT authorizer verified a token with these claims
/// (`requestContext.authorizer.jwt`; claim values are strings, lists written `[a b]`).
pub fn with_claims(mut event: Value, claims: Value) -> Value {
    event["requestContext"]["authorizer"] = json!({ "jwt": { "claims": claims, "scopes": null } });
    event["headers"]["authorization"] = json!("Bearer eyJraWQiOiJsb2NhbCJ9.eyJzdWIiOiJsb2NhbCJ9.c2ln");
    event
}

/// A DynamoDB Streams event as Lambda's event source mapping delivers it: one `INSERT` record per
/// item, the items written in DynamoDB's attribute-value JSON (`{"pk": {"S": "…"}}`).
pub fn dynamodb_stream_event(table: &str, new_images: &[Value]) -> Value {
    let arn = format!("arn:aws:dynamodb:ap-southeast-1:123456789012:table/{table}/stream/2025-01-01T00:00:00.000");
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let records: Vec<Value> = new_images
        .iter()
        .enumerate()
        .map(|(i, image)| {
            json!({
                "eventID": format!("{:032x}", uuid::Uuid::new_v4().as_u128()),
                "eventName": "INSERT",
                "eventVersion": "1.1",
                "eventSource": "aws:dynamodb",
                "awsRegion": "ap-southeast-1",
                "dynamodb": {
                    "ApproximateCreationDateTime": now,
                    "Keys": { "pk": image["pk"].clone() },
                    "NewImage": image,
                    "SequenceNumber": format!("{}", 100000000000000000000u128 + i as u128),
                    "SizeBytes": image.to_string().len(),
                    "StreamViewType": "NEW_IMAGE"
                },
                "eventSourceARN": arn
            })
        })
        .collect();
    json!({ "Records": records })
}

/// An SQS event as Lambda hands a queue's messages over: (message id, body, delivery count).
pub fn sqs_event(messages: &[(&str, &str, u32)]) -> Value {
    let records: Vec<Value> = messages
        .iter()
        .map(|(id, body, count)| {
            json!({
                "messageId": id,
                "receiptHandle": format!("handle-{id}"),
                "body": body,
                "attributes": {
                    "ApproximateReceiveCount": count.to_string(),
                    "SentTimestamp": "1767225600000",
                    "SenderId": "AROAEXAMPLE",
                    "ApproximateFirstReceiveTimestamp": "1767225600000"
                },
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:ap-southeast-1:123456789012:hailong-publish",
                "awsRegion": "ap-southeast-1"
            })
        })
        .collect();
    json!({ "Records": records })
}

fn path_params(pattern: &str, path: &str) -> Option<HashMap<String, String>> {
    let (pat, got): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
    if pat.len() != got.len() {
        return None;
    }
    let mut params = HashMap::new();
    for (p, g) in pat.iter().zip(&got) {
        if let Some(name) = p.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            if g.is_empty() {
                return None;
            }
            params.insert(name.to_owned(), (*g).to_owned());
        } else if p != g {
            return None;
        }
    }
    Some(params)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64_encode(data: &[u8]) -> String {
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            out.push(if i <= chunk.len() { B64[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

pub fn base64_decode(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().filter(|c| *c != b'=') {
        let v = B64.iter().position(|x| *x == c).expect("base64") as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for s in ["", "f", "fo", "foo", "foob", "Cán bộ nhiệt tình."] {
            assert_eq!(base64_decode(&base64_encode(s.as_bytes())), s.as_bytes());
        }
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn events_carry_the_route_key_and_path_parameters() {
        let e = api_event("GET", "/api/forms/cam-ranh/tyt-1?x=1", None, false);
        assert_eq!(e["routeKey"], "GET /api/forms/{campaign}/{unit}");
        assert_eq!(e["rawPath"], "/api/forms/cam-ranh/tyt-1");
        assert_eq!(e["rawQueryString"], "x=1");
        assert_eq!(e["pathParameters"]["unit"], "tyt-1");
        assert_eq!(e["requestContext"]["http"]["method"], "GET");
        assert_eq!(api_event("GET", "/api/nothing", None, false)["routeKey"], "$default");
    }
}
