//! The web benchmark behind `cargo xtask bench-web [path…]` (BENCHMARKS.md): each page loaded
//! in headless Chromium with a cold cache from the real local stack, under two emulated networks
//! (DevTools' Fast 3G, and Lighthouse's mobile profile applied per request as DevTools does), and a
//! questionnaire three ways: with the app, with JavaScript disabled, and with
//! `window.WebAssembly` removed (as Apple's Lockdown Mode does).
//! Ignored in the test suite (it measures, it does not judge); the command runs it.

use fantoccini::{Client, Locator};
use hailong_tests::browser::{Browser, answer_everything_and_submit};
use hailong_tests::local_stack::LocalStack;
use serde_json::{Value, json};
use std::fmt::Write;
use std::time::Duration;

/// A network: name, added latency per request (ms), down and up (bytes per second).
struct Network {
    name: &'static str,
    latency_ms: f64,
    down: f64,
    up: f64,
}

const NETWORKS: [Network; 2] = [
    // Chrome DevTools' "Fast 3G": 1.6 Mbps down, 750 kbps up, 150 ms round trip.
    Network { name: "Fast 3G", latency_ms: 150.0, down: 1_600_000.0 / 8.0, up: 750_000.0 / 8.0 },
    // Lighthouse's mobile throttling as request-level throttling: 562.5 ms per request, 1.44 Mbps
    // down, 675 kbps up.
    Network { name: "Lighthouse mobile", latency_ms: 562.5, down: 1_440_000.0 / 8.0, up: 675_000.0 / 8.0 },
];
const DEFAULT_PATH: &str = "/s/cam-ranh/ubnd-cam-nghia";

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    App,
    NoJavaScript,
    NoWebAssembly,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::App => "app",
            Mode::NoJavaScript => "JavaScript off",
            Mode::NoWebAssembly => "no WebAssembly",
        }
    }
}

/// Runs in the page before any of its scripts: notes when the app first shows something, when its
/// first question can be answered, when submit is tapped and when the receipt appears.
const WATCH: &str = r#"
    window.__bench = {};
    const note = (name, seen) => { if (seen && window.__bench[name] === undefined) window.__bench[name] = performance.now(); };
    new MutationObserver(() => {
        note('shown', document.querySelector('main') && !document.getElementById('boot'));
        note('answerable', document.querySelector("[data-ready='true'] input"));
        note('served', document.querySelector('form#answers input'));
        note('receipt', document.getElementById('receipt'));
    }).observe(document, { childList: true, subtree: true });
    document.addEventListener('click', e => {
        if (e.target.closest && e.target.closest('#submit')) window.__bench.tap = performance.now();
    }, true);
"#;

/// What the page loaded, and when it first painted (ms from the start of its navigation).
const LOADED: &str = r#"
    const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return {
        loaded: all.map(e => ({ name: new URL(e.name).pathname, bytes: e.transferSize })),
        first: all[0] ? all[0].transferSize : 0,
        painted: paint ? paint.startTime : null,
        marks: window.__bench || {},
    };
"#;

struct Figures {
    path: String,
    network: &'static str,
    mode: Mode,
    first_bytes: u64,
    bytes: u64,
    requests: u64,
    largest: String,
    question_ms: Option<f64>,
    app_ms: Option<f64>,
    submit_ms: Option<f64>,
}

/// Reads the page's timeline; with scripts disabled, they are allowed for this read only (the
/// timeline is recorded either way).
async fn read(browser: &Browser, mode: Mode) -> Value {
    if mode == Mode::NoJavaScript {
        browser.cdp("Emulation.setScriptExecutionDisabled", json!({ "value": false })).await;
    }
    let found = browser.client.execute(LOADED, vec![]).await.unwrap();
    if mode == Mode::NoJavaScript {
        browser.cdp("Emulation.setScriptExecutionDisabled", json!({ "value": true })).await;
    }
    found
}

async fn measure(stack: &LocalStack, path: &str, network: &Network, mode: Mode) -> Figures {
    let browser = Browser::start(360, 800).await;
    let c: &Client = &browser.client;
    browser.cdp("Network.enable", json!({})).await;
    browser.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true })).await;
    let conditions = json!({ "offline": false, "latency": network.latency_ms, "downloadThroughput": network.down, "uploadThroughput": network.up });
    browser.cdp("Network.emulateNetworkConditions", conditions).await;
    browser.cdp("Page.enable", json!({})).await;
    browser.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": WATCH })).await;
    match mode {
        Mode::App => {}
        Mode::NoJavaScript => {
            browser.cdp("Emulation.setScriptExecutionDisabled", json!({ "value": true })).await;
        }
        Mode::NoWebAssembly => {
            let source = "delete window.WebAssembly;";
            browser.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": source })).await;
        }
    }

    c.goto(&format!("{}{path}", stack.base)).await.unwrap();
    let is_form = path.starts_with("/s/");
    // The page's own content, not an error note: a form's first input (the app's, where it runs),
    // or a page's loaded data.
    let settled = match (is_form, mode) {
        (true, Mode::App) => "[data-ready='true'] input",
        (true, _) => "form#answers input",
        (false, _) => "main [data-ready='true']",
    };
    c.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css(settled)).await.unwrap();
    assert!(c.find(Locator::Css("#error")).await.is_err(), "{path} shows an error instead of its page");
    // Whatever the page still fetches after it is usable counts too.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let page = read(&browser, mode).await;
    let loaded: Vec<Value> = serde_json::from_value(page["loaded"].clone()).unwrap();
    let bytes = loaded.iter().map(|e| e["bytes"].as_u64().unwrap_or(0)).sum();
    let mut by_size = loaded.clone();
    by_size.sort_by_key(|e| std::cmp::Reverse(e["bytes"].as_u64().unwrap_or(0)));
    let largest = by_size
        .iter()
        .take(3)
        .map(|e| format!("{} {:.1} KB", e["name"].as_str().unwrap_or("?"), e["bytes"].as_f64().unwrap_or(0.0) / 1000.0))
        .collect::<Vec<_>>()
        .join(", ");
    // A served form is answerable once painted (its style is inline), also while the app is still
    // loading to take it over; the app's own view once it shows one.
    // (Without JavaScript the watcher does not run, and no app takes the form over.)
    let served = is_form
        && (page["marks"]["served"].is_number()
            || mode == Mode::NoJavaScript && c.find(Locator::Css("form#answers")).await.is_ok());
    let app_ms = page["marks"]["answerable"].as_f64();
    let question_ms = if served { page["painted"].as_f64() } else { app_ms };

    let mut submit_ms = None;
    if is_form {
        answer_everything_and_submit(c).await;
        c.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css("#receipt")).await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        let after = read(&browser, mode).await;
        submit_ms = match (after["marks"]["tap"].as_f64(), after["marks"]["receipt"].as_f64()) {
            (Some(tap), Some(receipt)) => Some(receipt - tap),
            // The plain form's post is a navigation: its receipt page's first paint, from the tap.
            _ => after["painted"].as_f64(),
        };
    }
    Figures {
        path: path.to_owned(),
        network: network.name,
        mode,
        first_bytes: page["first"].as_u64().unwrap_or(0),
        bytes,
        requests: loaded.len() as u64,
        largest,
        question_ms,
        app_ms: if mode == Mode::App { app_ms } else { None },
        submit_ms,
    }
}

#[tokio::test]
#[ignore = "a benchmark: run it with `cargo xtask bench-web`"]
async fn bench_web() {
    let paths: Vec<String> = std::env::var("HAILONG_BENCH_PATHS")
        .ok()
        .map(|p| p.split_whitespace().map(str::to_owned).collect())
        .filter(|p: &Vec<String>| !p.is_empty())
        .unwrap_or_else(|| vec![DEFAULT_PATH.to_owned()]);
    // Pages other than forms read published results: last year's campaign must be there.
    let stack = if paths.iter().all(|p| p.starts_with("/s/")) {
        LocalStack::start().await
    } else {
        LocalStack::start_with_history().await
    };
    let ms = |v: Option<f64>| v.map_or("–".to_owned(), |v| format!("{v:.0}"));
    let mut table = String::from(
        "| path | network | mode | first response KB | transferred KB | requests | first question visible ms | app took over ms | submit → receipt ms | largest transfers |\n|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for path in &paths {
        let modes: &[Mode] =
            if path.starts_with("/s/") { &[Mode::App, Mode::NoJavaScript, Mode::NoWebAssembly] } else { &[Mode::App] };
        for network in &NETWORKS {
            for &mode in modes {
                let f = measure(&stack, path, network, mode).await;
                writeln!(
                    table,
                    "| `{}` | {} | {} | {:.1} | {:.1} | {} | {} | {} | {} | {} |",
                    f.path,
                    f.network,
                    f.mode.name(),
                    f.first_bytes as f64 / 1000.0,
                    f.bytes as f64 / 1000.0,
                    f.requests,
                    ms(f.question_ms),
                    ms(f.app_ms),
                    ms(f.submit_ms),
                    f.largest
                )
                .unwrap();
            }
        }
    }
    println!(
        "\nCold cache, headless Chromium, 360×800; Fast 3G (150 ms, 1.6 Mbps down, 750 kbps up) and Lighthouse mobile (562.5 ms per request, 1.44 Mbps down, 675 kbps up):\n\n{table}"
    );
    if let Ok(out) = std::env::var("HAILONG_BENCH_OUT") {
        std::fs::write(out, &table).unwrap();
    }
}
