//! The walking skeleton end to end: the real local stack, a real headless Chromium on a
//! phone-sized screen, a citizen answering the demo questionnaire.

use fantoccini::Locator;
use hailong_domain::catalogue;
use hailong_tests::browser::{
    Browser, answer_everything_and_submit, assert_accessible, open, receipt_on_screen, text_when_settled,
};
use hailong_tests::local_stack::{LocalStack, get};
use hailong_tests::{campaign_id, unit_code};
use std::time::Duration;

const CAMPAIGN: &str = "cam-ranh";

#[tokio::test]
async fn a_citizen_answers_the_demo_questionnaire_and_the_answer_is_stored() {
    let stack = LocalStack::start().await;
    let browser = Browser::start(360, 800).await;
    let c = &browser.client;
    let unit = "ubnd-cam-nghia";
    open(c, &format!("{}/s/{CAMPAIGN}/{unit}", stack.base)).await;
    let page = c.source().await.unwrap();
    assert!(page.contains("UBND phường Cam Nghĩa"), "the unit is named on the page");

    answer_everything_and_submit(c).await;
    let receipt = receipt_on_screen(c).await;

    // The receipt is answered by the API…
    let (status, _, body) = get(&format!("{}/api/receipts/{receipt}", stack.base), &[]).await;
    assert_eq!(status, 200);
    let view: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!((view["campaign"].as_str(), view["unit"].as_str()), (Some(CAMPAIGN), Some(unit)));

    // …and the response is stored once, with an answer to every question.
    let ctx = stack.context();
    assert_eq!(ctx.store.count_responses(&campaign_id(CAMPAIGN), &unit_code(unit)).await.unwrap(), 1);
    let record = ctx.store.receipt(&receipt).await.unwrap().unwrap();
    let stored = ctx.store.response(&record.response).await.unwrap().unwrap();
    let items = catalogue::template("sipas").unwrap().items().count();
    assert_eq!(stored.answers.len(), items, "every question was answered and stored");
    assert_eq!(stored.source.channel(), hailong_domain::Channel::Qr);

    // The thanks page links to the receipt page, which the public bundle serves.
    c.find(Locator::Css(&format!("a[href='/receipt/{receipt}']"))).await.unwrap().click().await.unwrap();
    // The receipt page is served as HTML, then the public app takes it over.
    let said = text_when_settled(c, ".ok[role=status]").await;
    assert!(said.contains("UBND phường Cam Nghĩa"), "the receipt page names the unit: {said}");
    assert_accessible(c, "the receipt page").await;
}

#[tokio::test]
async fn a_submit_cut_by_the_network_is_kept_and_arrives_once_when_retried() {
    let mut stack = LocalStack::start().await;
    let browser = Browser::start(360, 800).await;
    let c = &browser.client;
    let unit = "tyt-cam-lap";
    open(c, &format!("{}/s/{CAMPAIGN}/{unit}", stack.base)).await;
    stack.stop().await;
    answer_everything_and_submit(c).await;
    // Kept on the device, and said so as reassurance: it goes when the network is back.
    let queued = c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#queued")).await.unwrap();
    assert!(queued.text().await.unwrap().contains("mất kết nối"), "the person is told the network failed");

    stack.restart().await;
    c.find(Locator::Css("#send-now")).await.unwrap().click().await.unwrap();
    let receipt = receipt_on_screen(c).await;
    let ctx = stack.context();
    assert_eq!(ctx.store.count_responses(&campaign_id(CAMPAIGN), &unit_code(unit)).await.unwrap(), 1);
    assert!(ctx.store.receipt(&receipt).await.unwrap().is_some());
}

#[tokio::test]
async fn unknown_units_get_a_clear_message() {
    let stack = LocalStack::start().await;
    let browser = Browser::start(360, 800).await;
    let c = &browser.client;
    c.goto(&format!("{}/s/{CAMPAIGN}/khong-co", stack.base)).await.unwrap();
    let error = c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#error")).await.unwrap();
    assert!(error.text().await.unwrap().contains("Không tìm thấy"));
}

#[tokio::test]
async fn the_stack_serves_brotli_and_falls_back_to_the_app() {
    let stack = LocalStack::start().await;
    let (status, head, body) =
        get(&format!("{}/pkg/citizen_bg.wasm", stack.base), &[("Accept-Encoding", "gzip, br")]).await;
    assert_eq!(status, 200);
    assert!(head.to_ascii_lowercase().contains("content-encoding: br"), "{head}");
    let plain =
        std::fs::metadata(format!("{}/pkg/citizen_bg.wasm", std::env::var("HAILONG_DIST").unwrap())).unwrap().len();
    assert!((body.len() as u64) < plain / 2, "brotli halves the wasm at least");

    let (status, head, body) = get(&format!("{}/s/{CAMPAIGN}/ubnd-cam-loc", stack.base), &[]).await;
    assert_eq!(status, 200);
    assert!(head.contains("text/html"));
    assert!(String::from_utf8_lossy(&body).contains(r#"src="/boot.js""#), "the served form boots the app");
    let (status, _, boot) = get(&format!("{}/boot.js", stack.base), &[]).await;
    assert_eq!(status, 200);
    assert!(
        String::from_utf8_lossy(&boot).contains("path.startsWith('/s/') ? 'citizen'"),
        "the boot script loads the citizen bundle for a form"
    );
    assert_eq!(get(&format!("{}/api/health", stack.base), &[]).await.0, 200);
}
