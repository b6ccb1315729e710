//! A real headless Chromium, driven through chromedriver (WebDriver).

use fantoccini::elements::Element;
use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::{Client, ClientBuilder, Locator};
use hailong_domain::Receipt;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

pub struct Browser {
    pub client: Client,
    /// chromedriver's port, for its Chrome-specific endpoints (DevTools commands).
    port: u16,
    _driver: Child,
}

/// What a browser goes without: JavaScript turned off, or `window.WebAssembly` removed (as Apple's
/// Lockdown Mode does).
#[derive(Clone, Copy, Debug)]
pub enum Without {
    JavaScript,
    WebAssembly,
}

impl Browser {
    /// A fresh browser with an empty profile and a phone-sized window.
    pub async fn start(width: u32, height: u32) -> Browser {
        let profile = std::env::temp_dir().join(format!("hailong-chrome-{}", uuid::Uuid::new_v4().simple()));
        Browser::start_with_profile(width, height, &profile).await
    }

    /// A browser on this profile folder: what an earlier browser on it stored (local storage, the
    /// service worker and its cache) is still there, as after a phone's browser restarts.
    pub async fn start_with_profile(width: u32, height: u32, profile: &Path) -> Browser {
        Browser::launch(width, height, profile, None).await
    }

    /// A phone's screen exactly (headless Chromium keeps windows wider than small phones):
    /// `width`×`height` CSS pixels at twice the density, with touch, as Chrome's device mode.
    pub async fn start_phone(width: u32, height: u32) -> Browser {
        let profile = std::env::temp_dir().join(format!("hailong-chrome-{}", uuid::Uuid::new_v4().simple()));
        let phone = serde_json::json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "touch": true, "mobile": true } });
        Browser::launch(width, height, &profile, Some(phone)).await
    }

    async fn launch(width: u32, height: u32, profile: &Path, phone: Option<serde_json::Value>) -> Browser {
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
        let mut caps: serde_json::Map<String, serde_json::Value> = caps.as_object().unwrap().clone();
        if let Some(phone) = phone {
            caps["goog:chromeOptions"]["mobileEmulation"] = phone;
        }
        let mut last_error = None;
        for _ in 0..50 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => return Browser { client, port, _driver: driver },
                Err(e) => last_error = Some(e),
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        panic!("could not start a Chromium session: {last_error:?}");
    }

    /// A Chrome DevTools Protocol command (`Network.emulateNetworkConditions`, …) through
    /// chromedriver's `goog/cdp/execute`; its result.
    pub async fn cdp(&self, cmd: &str, params: serde_json::Value) -> serde_json::Value {
        let session = self.client.session_id().await.unwrap().expect("a session");
        let url = format!("http://127.0.0.1:{}/session/{session}/goog/cdp/execute", self.port);
        let body = serde_json::json!({ "cmd": cmd, "params": params }).to_string();
        let (status, _, answer) =
            crate::local_stack::request("POST", &url, &[("Content-Type", "application/json")], body.as_bytes()).await;
        let answer: serde_json::Value = serde_json::from_slice(&answer).expect("chromedriver answers JSON");
        assert_eq!(status, 200, "{cmd}: {answer}");
        answer["value"].clone()
    }

    /// A browser lacking what some of the public's lack, to read the pages the server renders.
    pub async fn start_without(width: u32, height: u32, without: Without) -> Browser {
        let browser = Browser::start(width, height).await;
        match without {
            Without::JavaScript => {
                browser.cdp("Emulation.setScriptExecutionDisabled", serde_json::json!({ "value": true })).await;
            }
            Without::WebAssembly => {
                browser.cdp("Page.enable", serde_json::json!({})).await;
                let source = "delete window.WebAssembly;";
                browser.cdp("Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": source })).await;
            }
        }
        browser
    }

    /// Quits Chromium the way a person closes it, so it writes its profile to disk.
    pub async fn close(self) {
        self.client.clone().close().await.expect("Chromium quits");
    }
}

/// Answers every item of the section on screen, as a person would: by tapping labels and typing.
pub async fn answer_section(c: &Client) {
    for fieldset in c.find_all(Locator::Css("fieldset[id^='item-']")).await.unwrap() {
        answer_item(&fieldset).await;
    }
}

pub async fn answer_item(fieldset: &Element) {
    let first =
        |css: &'static str| async move { fieldset.find_all(Locator::Css(css)).await.unwrap().into_iter().next() };
    if let Some(label) = first("label:has(input[type='radio'][value='4'])").await {
        label.click().await.unwrap();
    } else if let Some(label) = first("label:has(input[type='radio'])").await {
        label.click().await.unwrap();
    } else if let Some(label) = first("label:has(input[type='checkbox'])").await {
        label.click().await.unwrap();
    } else if let Some(input) = first("input[type='number']").await {
        input.send_keys("90").await.unwrap();
    } else if let Some(input) = first("input[type='text'], textarea").await {
        input.send_keys("Tốt").await.unwrap();
    } else {
        panic!("an item with nothing to answer: {}", fieldset.html(false).await.unwrap());
    }
}

/// Walks the questionnaire to its last section, answering everything, and taps submit.
pub async fn answer_everything_and_submit(c: &Client) {
    for _ in 0..20 {
        answer_section(c).await;
        if let Ok(submit) = c.find(Locator::Css("#submit")).await {
            submit.click().await.unwrap();
            return;
        }
        c.find(Locator::Css("#next")).await.unwrap().click().await.unwrap();
    }
    panic!("no submit button after 20 sections");
}

/// Opens a questionnaire link and waits until the form is ready to answer.
pub async fn open(c: &Client, url: &str) {
    c.goto(url).await.unwrap();
    c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("[data-ready='true']")).await.unwrap();
}

/// The text of the first element matching `css`, once there is one. A served page is taken over
/// by the app, which draws it anew: an element found in the served drawing is then gone, and it
/// is looked up again.
pub async fn text_when_settled(c: &Client, css: &str) -> String {
    for _ in 0..60 {
        let el = c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css(css)).await.unwrap();
        match el.text().await {
            Ok(text) => return text,
            Err(CmdError::Standard(e)) if e.error == ErrorStatus::StaleElementReference => {
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(e) => panic!("{css}: {e}"),
        }
    }
    panic!("{css} kept being drawn anew for 15 s")
}

/// The receipt the page shows, once it shows one.
pub async fn receipt_on_screen(c: &Client) -> Receipt {
    receipt_within(c, Duration::from_secs(30)).await
}

pub async fn receipt_within(c: &Client, time: Duration) -> Receipt {
    let el = c.wait().at_most(time).for_element(Locator::Css("#receipt")).await.unwrap();
    Receipt::parse(&el.attr("data-receipt").await.unwrap().expect("data-receipt")).unwrap()
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
    axe_violations_of(client, WCAG21_AA).await
}

const WCAG21_AA: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/// WCAG 2.2 AA as well: among others `target-size` (targets of at least 24 × 24 CSS px).
const WCAG22_AA: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async fn axe_violations_of(client: &Client, tags: &[&str]) -> Vec<String> {
    let path = std::env::var("HAILONG_AXE_CORE").expect("HAILONG_AXE_CORE is set by `cargo xtask test`");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    client.execute(&source, vec![]).await.expect("axe-core loads");
    let script = r#"
        const done = arguments[arguments.length - 1];
        const tags = arguments[0];
        // target-size is off unless asked for by name.
        const rules = tags.includes('wcag22aa') ? { 'target-size': { enabled: true } } : {};
        axe.run(document, { runOnly: { type: 'tag', values: tags }, rules })
            .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')))
            .catch(e => done(['axe failed: ' + e]));
    "#;
    let found = client.execute_async(script, vec![serde_json::json!(tags)]).await.expect("axe-core runs");
    serde_json::from_value(found).expect("a list of violations")
}

/// Fails with the list of violations, naming the page or step audited.
pub async fn assert_accessible(client: &Client, what: &str) {
    report(axe_violations(client).await, what);
}

/// [`assert_accessible`] with the WCAG 2.2 AA rules, target size included: the citizen and
/// public pages meet them.
pub async fn assert_accessible_22(client: &Client, what: &str) {
    report(axe_violations_of(client, WCAG22_AA).await, what);
}

fn report(violations: Vec<String>, what: &str) {
    assert!(
        violations.is_empty(),
        "axe-core finds {} violation(s) on {what}:\n{}",
        violations.len(),
        violations.join("\n")
    );
}
