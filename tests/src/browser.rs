//! A real headless Chromium, driven through chromedriver (WebDriver).

use fantoccini::{Client, ClientBuilder};
use std::process::Stdio;
use tokio::process::{Child, Command};

pub struct Browser {
    pub client: Client,
    _driver: Child,
}

impl Browser {
    /// A fresh browser with an empty profile and a phone-sized window.
    pub async fn start(width: u32, height: u32) -> Browser {
        let port = crate::local_stack::free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, so that dropping the browser also ends the Chromium it started.
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver is installed (`cargo xtask test` installs it)");
        let profile = std::env::temp_dir().join(format!("hailong-chrome-{}", uuid::Uuid::new_v4().simple()));
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                    format!("--user-data-dir={}", profile.display()),
                    format!("--window-size={width},{height}"),
                ]
            }
        });
        let caps: serde_json::Map<String, serde_json::Value> = caps.as_object().unwrap().clone();
        let mut last_error = None;
        for _ in 0..50 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector).capabilities(caps.clone()).connect(&format!("http://127.0.0.1:{port}")).await {
                Ok(client) => return Browser { client, _driver: driver },
                Err(e) => last_error = Some(e),
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        panic!("could not start a Chromium session: {last_error:?}");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(pid) = self._driver.id() {
            let _ = std::process::Command::new("kill").args(["-KILL", "--", &format!("-{pid}")]).status();
        }
    }
}

/// The axe-core audit of the page as it is now: WCAG 2.1 A and AA rules, violations only, each
/// as `rule: help (selectors)` so a failure says what to fix. axe-core comes from the pinned npm
/// package `cargo xtask test` unpacks (`HAILONG_AXE_CORE`).
pub async fn axe_violations(client: &Client) -> Vec<String> {
    let path = std::env::var("HAILONG_AXE_CORE").expect("HAILONG_AXE_CORE is set by `cargo xtask test`");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    client.execute(&source, vec![]).await.expect("axe-core loads");
    let script = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
            .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')))
            .catch(e => done(['axe failed: ' + e]));
    "#;
    let found = client.execute_async(script, vec![]).await.expect("axe-core runs");
    serde_json::from_value(found).expect("a list of violations")
}

/// Fails with the list of violations, naming the page or step audited.
pub async fn assert_accessible(client: &Client, what: &str) {
    let violations = axe_violations(client).await;
    assert!(violations.is_empty(), "axe-core finds {} violation(s) on {what}:\n{}", violations.len(), violations.join("\n"));
}
