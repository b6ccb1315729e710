//! `cargo xtask faults [responses]`: the fault ledger. For each case a fresh local stack
//! (DynamoDB Local keeping its data in a folder with `-dbPath`, and `hailong-local` on its own
//! tables) takes a bounded load of citizen responses (200 by default, each with its own id, from
//! four senders); a third of the way in, the case's fault strikes. Then every id is sent again
//! with the same body, as a phone's outbox does, and the ledger counts:
//!
//! - acknowledged: answered 201 (or 200) with a receipt during the load;
//! - lost: acknowledged, yet the replay had to store it anew (201), or its receipt is not found;
//! - late: not acknowledged (the sender saw an error or no answer), but stored: the replay got 200;
//! - duplicated: a replay whose receipt differs from the acknowledged one, or counted beyond stored;
//! - stored: receipts found by `GET /api/receipts/{r}` after the replay (every id should be);
//! - counted: the aggregate's `n` in the admin preview (fed by the stream), once it settles;
//! - 5xx and no answer (connection refused, reset, or nothing within 5 s), during the load.
//!
//! Cases: none; `hailong-local` killed (`kill -9`) and restarted; DynamoDB Local killed
//! (`kill -9`) and restarted on its folder; DynamoDB Local stopped gracefully (SIGTERM) and
//! restarted; DynamoDB Local frozen (SIGSTOP) for 10 s. DynamoDB Local is an emulator whose writes
//! are not made durable before it answers: a loss in the `kill -9` of DynamoDB Local alone is its
//! own, not the product's (RELIABILITY.md); a loss in any other case is the product's.
//!
//! Each case has its own tables, so the per-network limit (300 an hour from 127.0.0.1) is fresh.

use crate::dynamodb::{DynamoDbLocal, Storage, free_port};
use crate::tools::Tools;
use crate::{local_stack, root};
use hailong_domain::{ItemKind, SplitMix64, catalogue};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CAMPAIGN: &str = "cam-ranh";
const UNIT: &str = "ubnd-cam-nghia";
const SENDERS: usize = 4;
/// What a phone waits for an answer before it keeps the response in its outbox.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(5);
const FREEZE: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    KillApp,
    KillStore,
    StopStore,
    FreezeStore,
}

impl Fault {
    const ALL: [Fault; 5] = [Fault::None, Fault::KillApp, Fault::KillStore, Fault::StopStore, Fault::FreezeStore];

    fn label(self) -> &'static str {
        match self {
            Fault::None => "no fault",
            Fault::KillApp => "kill -9 hailong-local, restart",
            Fault::KillStore => "kill -9 DynamoDB Local, restart",
            Fault::StopStore => "SIGTERM DynamoDB Local, restart",
            Fault::FreezeStore => "SIGSTOP DynamoDB Local 10 s",
        }
    }
}

#[derive(Debug, Default)]
struct Ledger {
    sent: usize,
    acknowledged: usize,
    lost: usize,
    late: usize,
    duplicated: usize,
    stored: usize,
    counted: i64,
    server_errors: usize,
    no_answer: usize,
    /// Replays that were neither 200 nor 201 (the id is then not delivered).
    replay_failed: usize,
}

pub fn faults(args: &[String]) -> Result<(), String> {
    let responses: usize = match args.first() {
        Some(n) => n
            .parse()
            .ok()
            .filter(|n| (1..=280).contains(n))
            .ok_or_else(|| format!("responses must be 1–280 (the network limit is 300 an hour), not {n}"))?,
        None => 200,
    };
    let tools = Tools::ensure()?;
    let local = local_stack()?;
    let work = root().join("target/faults");
    let _ = std::fs::remove_dir_all(&work);
    // The API is what is measured; a one-line page stands in for the web app.
    let dist = work.join("dist");
    std::fs::create_dir_all(&dist).map_err(|e| e.to_string())?;
    std::fs::write(dist.join("index.html"), "<!doctype html><title>hailong</title>").map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    for (n, fault) in Fault::ALL.into_iter().enumerate() {
        eprintln!("xtask faults: {} ({responses} responses)", fault.label());
        let mut case = Case::start(&tools, &local, &work, &dist, n)?;
        rows.push((fault, case.run(&tools, fault, responses)?));
    }
    let table = table(&rows);
    println!("{table}");
    let out = root().join("target/bench/faults.md");
    std::fs::create_dir_all(out.parent().expect("has a parent")).map_err(|e| e.to_string())?;
    std::fs::write(&out, &table).map_err(|e| e.to_string())?;
    eprintln!("xtask: table written to {}", out.display());
    let product_losses: usize =
        rows.iter().filter(|(f, _)| *f != Fault::KillStore).map(|(_, l)| l.lost + l.duplicated).sum();
    if product_losses > 0 {
        return Err(format!("{product_losses} responses lost or duplicated by the product (see the table)"));
    }
    Ok(())
}

fn table(rows: &[(Fault, Ledger)]) -> String {
    let mut t = String::from(
        "| case | sent | acknowledged | lost | late | duplicated | stored | counted | 5xx | no answer | replay failed |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for (fault, l) in rows {
        t.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            fault.label(),
            l.sent,
            l.acknowledged,
            l.lost,
            l.late,
            l.duplicated,
            l.stored,
            l.counted,
            l.server_errors,
            l.no_answer,
            l.replay_failed
        ));
    }
    t
}

/// One case's processes: DynamoDB Local on its folder, and the local stack on its own tables.
struct Case {
    db: Option<DynamoDbLocal>,
    db_port: u16,
    data: PathBuf,
    app: Child,
    app_port: u16,
    local: PathBuf,
    dist: PathBuf,
    prefix: String,
}

impl Case {
    fn start(tools: &Tools, local: &Path, work: &Path, dist: &Path, n: usize) -> Result<Case, String> {
        let data = work.join(format!("dynamodb-{n}"));
        let db_port = free_port()?;
        let db = DynamoDbLocal::start_on(tools, Storage::Folder(&data), db_port)?;
        let app_port = free_port()?;
        let prefix = format!("faults{n}-");
        let app = start_app(local, dist, app_port, db_port, &prefix)?;
        Ok(Case { db: Some(db), db_port, data, app, app_port, local: local.into(), dist: dist.into(), prefix })
    }

    fn db_pid(&self) -> u32 {
        self.db.as_ref().expect("DynamoDB Local runs").pid()
    }

    fn strike(&mut self, tools: &Tools, fault: Fault) -> Result<(), String> {
        match fault {
            Fault::None => {}
            Fault::KillApp => {
                let _ = self.app.kill();
                let _ = self.app.wait();
                std::thread::sleep(Duration::from_secs(1));
                self.app = start_app(&self.local, &self.dist, self.app_port, self.db_port, &self.prefix)?;
            }
            Fault::KillStore | Fault::StopStore => {
                let db = self.db.take().expect("DynamoDB Local runs");
                if fault == Fault::StopStore {
                    db.stop()?
                } else {
                    drop(db)
                }
                std::thread::sleep(Duration::from_secs(1));
                self.db = Some(DynamoDbLocal::start_on(tools, Storage::Folder(&self.data), self.db_port)?);
            }
            Fault::FreezeStore => {
                signal("STOP", self.db_pid())?;
                std::thread::sleep(FREEZE);
                signal("CONT", self.db_pid())?;
            }
        }
        Ok(())
    }

    fn run(&mut self, tools: &Tools, fault: Fault, responses: usize) -> Result<Ledger, String> {
        let base = format!("127.0.0.1:{}", self.app_port);
        let before = counted(&base, &login(&base)?)?;
        let mut rng = SplitMix64::new(u64::from(self.app_port) ^ std::process::id() as u64);
        let bodies: Arc<Vec<(String, String)>> = Arc::new((0..responses).map(|_| submission(&mut rng)).collect());
        let outcomes: Arc<Mutex<Vec<Outcome>>> = Arc::new(Mutex::new(vec![Outcome::NoAnswer; responses]));
        let next = Arc::new(AtomicUsize::new(0));
        let senders: Vec<_> = (0..SENDERS)
            .map(|_| {
                let (bodies, outcomes, next, base) = (bodies.clone(), outcomes.clone(), next.clone(), base.clone());
                std::thread::spawn(move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some((_, body)) = bodies.get(i) else { return };
                        let outcome = send(&base, body);
                        outcomes.lock().expect("no sender panics")[i] = outcome;
                        // A steady load, so that the fault strikes while requests are in flight.
                        std::thread::sleep(Duration::from_millis(20));
                    }
                })
            })
            .collect();
        while next.load(Ordering::SeqCst) < responses / 3 {
            std::thread::sleep(Duration::from_millis(5));
        }
        self.strike(tools, fault)?;
        for s in senders {
            s.join().map_err(|_| "a sender panicked")?;
        }
        // After the fault, the stack answers again before the outbox replays.
        wait_healthy(&base)?;
        let outcomes = outcomes.lock().expect("no sender panics").clone();
        let mut l = Ledger { sent: responses, ..Ledger::default() };
        let mut receipts = Vec::new();
        for ((_, body), first) in bodies.iter().zip(&outcomes) {
            match first {
                Outcome::Acknowledged(_) => l.acknowledged += 1,
                Outcome::Status(s) if *s >= 500 => l.server_errors += 1,
                Outcome::NoAnswer => l.no_answer += 1,
                Outcome::Status(_) => {}
            }
            match (first, send(&base, body)) {
                (Outcome::Acknowledged(r), Outcome::Acknowledged(again)) => {
                    if again.created {
                        l.lost += 1;
                    } else if again.receipt != r.receipt {
                        l.duplicated += 1;
                    }
                    receipts.push(again.receipt);
                }
                (_, Outcome::Acknowledged(again)) => {
                    if !again.created {
                        l.late += 1;
                    }
                    receipts.push(again.receipt);
                }
                _ => l.replay_failed += 1,
            }
        }
        for r in &receipts {
            match http(&base, "GET", &format!("/api/receipts/{r}"), &[], "") {
                Ok((200, _)) => l.stored += 1,
                Ok((404, _)) => l.lost += 1,
                other => return Err(format!("GET /api/receipts/{r}: {other:?}")),
            }
        }
        // A restarted local stack signs tokens with a new key: sign in again.
        let token = login(&base)?;
        // The stream counts within seconds; wait until it has or stops moving.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            l.counted = counted(&base, &token)? - before;
            if l.counted >= l.stored as i64 || Instant::now() > deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        // A replay that failed may be of a response stored earlier: only counts beyond both are doubles.
        l.duplicated += usize::try_from(l.counted - (l.stored + l.replay_failed) as i64).unwrap_or(0);
        Ok(l)
    }
}

impl Drop for Case {
    // DynamoDB Local stops with its own drop, after this.
    fn drop(&mut self) {
        let _ = self.app.kill();
        let _ = self.app.wait();
    }
}

fn signal(name: &str, pid: u32) -> Result<(), String> {
    crate::sh(Command::new("kill").arg(format!("-{name}")).arg(pid.to_string()))
}

fn start_app(bin: &Path, dist: &Path, port: u16, db_port: u16, prefix: &str) -> Result<Child, String> {
    let mut child = Command::new(bin)
        .env("PORT", port.to_string())
        .env("HAILONG_DYNAMODB_ENDPOINT", format!("http://127.0.0.1:{db_port}"))
        .env("HAILONG_TABLE_PREFIX", prefix)
        .env("HAILONG_DIST", dist)
        .env("HAILONG_SEED_HISTORY", "0")
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start hailong-local: {e}"))?;
    let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
    loop {
        match lines.next() {
            Some(Ok(line)) if line.starts_with("hailong is running") => break,
            Some(Ok(_)) => {}
            _ => return Err(format!("hailong-local stopped before it ran ({:?})", child.wait())),
        }
    }
    // Keep draining its output so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines.by_ref() {});
    Ok(child)
}

fn wait_healthy(base: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !matches!(http(base, "GET", "/api/health", &[], ""), Ok((200, _))) {
        if Instant::now() > deadline {
            return Err("the local stack was not healthy within 60 s of the fault".into());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Ok(())
}

fn login(base: &str) -> Result<String, String> {
    let body = json!({ "username": "demo-admin", "password": "demo" }).to_string();
    match http(base, "POST", "/api/auth/login", &[("content-type", "application/json")], &body)? {
        (200, v) => v["token"].as_str().map(str::to_owned).ok_or_else(|| format!("login answered {v}")),
        other => Err(format!("login answered {other:?}")),
    }
}

/// The responses the aggregate of the unit holds (the admin preview's `n`): a preview job, read
/// until done, its first page of 100 units (the demo campaign's 30).
fn counted(base: &str, token: &str) -> Result<i64, String> {
    let auth = format!("Bearer {token}");
    let headers = [("authorization", auth.as_str())];
    let path = format!("/api/admin/campaigns/{CAMPAIGN}/preview");
    let job = match http(base, "POST", &path, &headers, "")? {
        (202, v) => v["job"].as_str().map(str::to_owned).ok_or_else(|| format!("preview answered {v}"))?,
        other => return Err(format!("preview answered {other:?}")),
    };
    loop {
        match http(base, "GET", &format!("{path}/{job}?limit=100"), &headers, "")? {
            (200, v) if v["state"] == "running" => std::thread::sleep(Duration::from_millis(100)),
            (200, v) if v["state"] == "done" => {
                return Ok(v["figures"]["units"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|u| u["code"] == UNIT)
                    .filter_map(|u| u["n"].as_i64())
                    .sum());
            }
            other => return Err(format!("preview answered {other:?}")),
        }
    }
}

/// A full SIPAS response of the unit with a new id: (id, JSON body).
fn submission(rng: &mut SplitMix64) -> (String, String) {
    let (a, b) = (rng.next_u64(), rng.next_u64());
    let id = format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        b >> 52,
        b & 0xffff_ffff_ffff
    );
    let q = catalogue::template("sipas").expect("sipas is built in");
    let answers: serde_json::Map<String, Value> = q
        .items()
        .map(|(_, item)| {
            let v = match &item.kind {
                ItemKind::Scale5 { .. } => json!(4),
                ItemKind::Faces3 => json!(3),
                ItemKind::Choice { options, .. } => json!(options[0].value),
                ItemKind::Multi { options, .. } => json!([options[0].value]),
                ItemKind::Number { min, max } => json!((min + max) / 2),
                ItemKind::Text { .. } => json!("Tốt"),
            };
            (item.id.to_string(), v)
        })
        .collect();
    let body =
        json!({ "id": id, "campaign": CAMPAIGN, "unit": UNIT, "channel": "qr", "answers": answers, "website": "" });
    (id, body.to_string())
}

#[derive(Debug, Clone)]
struct Ack {
    receipt: String,
    /// 201: stored by this request; 200: it was stored already.
    created: bool,
}

#[derive(Debug, Clone)]
enum Outcome {
    Acknowledged(Ack),
    Status(u16),
    NoAnswer,
}

fn send(base: &str, body: &str) -> Outcome {
    match http(base, "POST", "/api/responses", &[("content-type", "application/json")], body) {
        Ok((status @ (200 | 201), v)) => match v["receipt"].as_str() {
            Some(r) => Outcome::Acknowledged(Ack { receipt: r.to_owned(), created: status == 201 }),
            None => Outcome::Status(status),
        },
        Ok((status, _)) => Outcome::Status(status),
        Err(_) => Outcome::NoAnswer,
    }
}

/// One HTTP/1.1 request with `Connection: close`: the status and the body as JSON (`Null` when
/// it is not JSON). An error when there is no complete answer within [`ANSWER_TIMEOUT`].
fn http(base: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Result<(u16, Value), String> {
    let addr = base.parse().map_err(|e| format!("{base}: {e}"))?;
    let mut stream = TcpStream::connect_timeout(&addr, ANSWER_TIMEOUT).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(ANSWER_TIMEOUT)).map_err(|e| e.to_string())?;
    let mut req =
        format!("{method} {path} HTTP/1.1\r\nHost: {base}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    stream.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut raw = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if started.elapsed() > ANSWER_TIMEOUT {
            return Err("no complete answer in time".into());
        }
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
            Err(e) => return Err(e.to_string()),
        }
    }
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or("no end of headers")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or("no status")?;
    let mut content = raw[split + 4..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        content = dechunk(&content);
    }
    Ok((status, serde_json::from_slice(&content).unwrap_or(Value::Null)))
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 || data.len() < end + 2 + size {
            break;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[(end + 4 + size).min(data.len())..];
    }
    out
}
