//! The real `hailong-local` binary, started on a free port with its own tables.

use std::process::Stdio;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub struct LocalStack {
    child: Option<Child>,
    port: u16,
    pub base: String,
    pub table_prefix: String,
    history: bool,
    /// What the process printed after it started: its request log.
    pub output: Arc<Mutex<Vec<String>>>,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl LocalStack {
    /// Starts the stack with the open demo campaign seeded and waits until it listens.
    pub async fn start() -> LocalStack {
        Self::start_seeded(false).await
    }

    /// As [`LocalStack::start`], with last year's campaign also seeded and published, as
    /// `cargo xtask run` has it (slower: some 1,500 responses are written and counted).
    pub async fn start_with_history() -> LocalStack {
        Self::start_seeded(true).await
    }

    async fn start_seeded(history: bool) -> LocalStack {
        let port = free_port();
        let table_prefix = crate::unique_prefix();
        let output = Arc::default();
        let child = Self::spawn(port, &table_prefix, history, Arc::clone(&output)).await;
        let base = format!("http://127.0.0.1:{port}");
        LocalStack { child: Some(child), port, base, table_prefix, history, output }
    }

    /// Stops the process: the API is gone, as when a phone loses its connection.
    pub async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().await.unwrap();
        }
    }

    /// Starts it again on the same port and tables.
    pub async fn restart(&mut self) {
        self.stop().await;
        self.child = Some(Self::spawn(self.port, &self.table_prefix, self.history, Arc::clone(&self.output)).await);
    }

    async fn spawn(port: u16, table_prefix: &str, history: bool, output: Arc<Mutex<Vec<String>>>) -> Child {
        let bin = std::env::var("HAILONG_LOCAL_BIN")
            .unwrap_or_else(|_| panic!("HAILONG_LOCAL_BIN is not set: run the tests with `cargo xtask test`"));
        let dist = std::env::var("HAILONG_DIST").expect("HAILONG_DIST is set by `cargo xtask test`");
        let mut child = Command::new(bin)
            .env("PORT", port.to_string())
            .env("HAILONG_DYNAMODB_ENDPOINT", crate::dynamodb_endpoint())
            .env("HAILONG_TABLE_PREFIX", table_prefix)
            .env("HAILONG_DIST", dist)
            .env("HAILONG_SEED_HISTORY", if history { "1" } else { "0" })
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("hailong-local starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let started = tokio::time::timeout(std::time::Duration::from_secs(if history { 240 } else { 60 }), async {
            while let Some(line) = lines.next_line().await.unwrap() {
                if line.starts_with("hailong is running") {
                    return true;
                }
            }
            false
        });
        assert!(started.await.unwrap_or(false), "hailong-local did not report that it runs");
        // Keep draining its output so it never blocks on a full pipe, kept for tests to read.
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                output.lock().unwrap().push(line);
            }
        });
        child
    }

    /// A context on the stack's own tables, to look at what it stored.
    pub fn context(&self) -> hailong_functions::Context {
        hailong_functions::Context::local(
            &crate::dynamodb_endpoint(),
            hailong_functions::store::Tables::with_prefix(&self.table_prefix),
        )
    }
}

/// A plain HTTP/1.1 GET against the stack: status, headers and body.
pub async fn get(url: &str, headers: &[(&str, &str)]) -> (u16, String, Vec<u8>) {
    request("GET", url, headers, &[]).await
}

/// A plain HTTP/1.1 request (the stack, chromedriver): status, headers and body.
pub async fn request(method: &str, url: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, String, Vec<u8>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}"))).unwrap_or((rest, "/".into()));
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    // Read up to the end of the body: by its length when given (chromedriver keeps the
    // connection open whatever `Connection: close` says), else to the end of the stream.
    let mut raw = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let (split, length) = loop {
        let n = stream.read(&mut chunk).await.unwrap();
        raw.extend_from_slice(&chunk[..n]);
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map(|v| v.trim().parse::<usize>().unwrap());
            break (split, length);
        }
        assert!(n > 0, "the connection closed before the headers ended");
    };
    match length {
        Some(length) => {
            while raw.len() < split + 4 + length {
                let n = stream.read(&mut chunk).await.unwrap();
                assert!(n > 0, "the connection closed before the body ended");
                raw.extend_from_slice(&chunk[..n]);
            }
        }
        None => {
            stream.read_to_end(&mut raw).await.unwrap();
        }
    }
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    (status, head, body)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&data[..line_end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[line_end + 2..line_end + 2 + size]);
        data = &data[line_end + 4 + size..];
    }
}
