//! The web benchmark behind `cargo xtask bench-web [path…]` (BENCHMARKS.md): each page loaded
//! in headless Chromium with a cold cache under emulated Fast 3G, from the real local stack.
//! Ignored in the test suite (it measures, it does not judge); the command runs it.

use fantoccini::Locator;
use hailong_tests::browser::{Browser, answer_everything_and_submit};
use hailong_tests::local_stack::LocalStack;
use serde_json::{Value, json};
use std::fmt::Write;
use std::time::Duration;

/// Chrome DevTools' "Fast 3G": 1.6 Mbps down, 750 kbps up, 150 ms round trip (bytes per second).
const FAST_3G: (f64, f64, f64) = (150.0, 1_600_000.0 / 8.0, 750_000.0 / 8.0);
const DEFAULT_PATH: &str = "/s/cam-ranh/ubnd-cam-nghia";

/// Runs in the page before any of its scripts: notes when the app first shows something, when the
/// first question can be answered, when submit is tapped and when the receipt appears.
const WATCH: &str = r#"
    window.__bench = {};
    const note = (name, seen) => { if (seen && window.__bench[name] === undefined) window.__bench[name] = performance.now(); };
    new MutationObserver(() => {
        note('shown', document.querySelector('main') && !document.getElementById('boot'));
        note('answerable', document.querySelector("[data-ready='true'] input"));
        note('receipt', document.getElementById('receipt'));
    }).observe(document, { childList: true, subtree: true });
    document.addEventListener('click', e => {
        if (e.target.closest && e.target.closest('#submit')) window.__bench.tap = performance.now();
    }, true);
"#;

struct Figures {
    path: String,
    bytes: u64,
    requests: u64,
    largest: String,
    shown_ms: Option<f64>,
    answerable_ms: Option<f64>,
    submit_ms: Option<f64>,
}

async fn measure(stack: &LocalStack, path: &str) -> Figures {
    let browser = Browser::start(360, 800).await;
    let c = &browser.client;
    browser.cdp("Network.enable", json!({})).await;
    browser.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true })).await;
    let (latency, down, up) = FAST_3G;
    let conditions =
        json!({ "offline": false, "latency": latency, "downloadThroughput": down, "uploadThroughput": up });
    browser.cdp("Network.emulateNetworkConditions", conditions).await;
    browser.cdp("Page.enable", json!({})).await;
    browser.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": WATCH })).await;

    c.goto(&format!("{}{path}", stack.base)).await.unwrap();
    let is_form = path.starts_with("/s/");
    // The page's own content, not an error note: a form's first input, or a page's loaded data.
    let settled = if is_form { "[data-ready='true'] input" } else { "main [data-ready='true']" };
    c.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css(settled)).await.unwrap();
    assert!(c.find(Locator::Css("#error")).await.is_err(), "{path} shows an error instead of its page");
    // Whatever the page still fetches after it is usable counts too.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let loaded = c
        .execute(
            r#"
            const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
            return all.map(e => ({ name: new URL(e.name).pathname, bytes: e.transferSize }));
            "#,
            vec![],
        )
        .await
        .unwrap();
    let loaded: Vec<Value> = serde_json::from_value(loaded).unwrap();
    let bytes = loaded.iter().map(|e| e["bytes"].as_u64().unwrap_or(0)).sum();
    let mut by_size = loaded.clone();
    by_size.sort_by_key(|e| std::cmp::Reverse(e["bytes"].as_u64().unwrap_or(0)));
    let largest = by_size
        .iter()
        .take(3)
        .map(|e| format!("{} {:.1} KB", e["name"].as_str().unwrap_or("?"), e["bytes"].as_f64().unwrap_or(0.0) / 1000.0))
        .collect::<Vec<_>>()
        .join(", ");

    let mut submit_ms = None;
    if is_form {
        answer_everything_and_submit(c).await;
        c.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css("#receipt")).await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let marks = c.execute("return window.__bench", vec![]).await.unwrap();
    if is_form {
        submit_ms = Some(marks["receipt"].as_f64().unwrap() - marks["tap"].as_f64().unwrap());
    }
    Figures {
        path: path.to_owned(),
        bytes,
        requests: loaded.len() as u64,
        largest,
        shown_ms: marks["shown"].as_f64(),
        answerable_ms: marks["answerable"].as_f64(),
        submit_ms,
    }
}

#[tokio::test]
#[ignore = "a benchmark: run it with `cargo xtask bench-web`"]
async fn bench_fast_3g() {
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
        "| path | transferred KB | requests | app shown ms | first question answerable ms | submit → receipt ms | largest transfers |\n|---|---|---|---|---|---|---|\n",
    );
    for path in &paths {
        let f = measure(&stack, path).await;
        writeln!(
            table,
            "| `{}` | {:.1} | {} | {} | {} | {} | {} |",
            f.path,
            f.bytes as f64 / 1000.0,
            f.requests,
            ms(f.shown_ms),
            ms(f.answerable_ms),
            ms(f.submit_ms),
            f.largest
        )
        .unwrap();
    }
    println!("\nFast 3G (150 ms RTT, 1.6 Mbps down, 750 kbps up), cold cache, headless Chromium:\n\n{table}");
    if let Ok(out) = std::env::var("HAILONG_BENCH_OUT") {
        std::fs::write(out, &table).unwrap();
    }
}
