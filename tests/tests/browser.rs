//! The walking skeleton end to end: the real local stack, a real headless Chromium on a
//! phone-sized screen, a citizen answering the demo questionnaire.

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use hailong_domain::{Receipt, catalogue};
use hailong_tests::browser::{Browser, assert_accessible};
use hailong_tests::local_stack::{LocalStack, get};
use std::time::Duration;

const CAMPAIGN: &str = "cam-ranh";

/// Answers every item of the section on screen, as a person would: by tapping labels and typing.
async fn answer_section(c: &Client) {
    for fieldset in c.find_all(Locator::Css("fieldset[id^='item-']")).await.unwrap() {
        answer_item(&fieldset).await;
    }
}

async fn answer_item(fieldset: &Element) {
    let first = |css: &'static str| async move { fieldset.find_all(Locator::Css(css)).await.unwrap().into_iter().next() };
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
async fn answer_everything_and_submit(c: &Client) {
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

async fn open(c: &Client, url: &str) {
    c.goto(url).await.unwrap();
    c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("[data-ready='true']")).await.unwrap();
}

async fn receipt_on_screen(c: &Client) -> Receipt {
    let el = c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#receipt")).await.unwrap();
    Receipt::parse(&el.attr("data-receipt").await.unwrap().expect("data-receipt")).unwrap()
}

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
    assert_eq!(ctx.store.count_responses(CAMPAIGN, unit).await.unwrap(), 1);
    let record = ctx.store.receipt(&receipt).await.unwrap().unwrap();
    let stored = ctx.store.response(&record.response).await.unwrap().unwrap();
    let items = catalogue::template("sipas").unwrap().items().count();
    assert_eq!(stored.answers.len(), items, "every question was answered and stored");
    assert_eq!(stored.channel, hailong_domain::Channel::Qr);

    // The thanks page links to the receipt page, which the public bundle serves.
    c.find(Locator::Css(&format!("a[href='/receipt/{receipt}']"))).await.unwrap().click().await.unwrap();
    let found = c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css(".ok[role=status]")).await.unwrap();
    assert!(found.text().await.unwrap().contains(unit), "the receipt page names the unit");
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
    let error = c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#error")).await.unwrap();
    assert!(error.text().await.unwrap().contains("mất kết nối"), "the person is told the network failed");

    stack.restart().await;
    c.find(Locator::Css("#retry")).await.unwrap().click().await.unwrap();
    let receipt = receipt_on_screen(c).await;
    let ctx = stack.context();
    assert_eq!(ctx.store.count_responses(CAMPAIGN, unit).await.unwrap(), 1);
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
    let (status, head, body) = get(&format!("{}/pkg/citizen_bg.wasm", stack.base), &[("Accept-Encoding", "gzip, br")]).await;
    assert_eq!(status, 200);
    assert!(head.to_ascii_lowercase().contains("content-encoding: br"), "{head}");
    let plain = std::fs::metadata(format!("{}/pkg/citizen_bg.wasm", std::env::var("HAILONG_DIST").unwrap())).unwrap().len();
    assert!((body.len() as u64) < plain / 2, "brotli halves the wasm at least");

    let (status, head, body) = get(&format!("{}/s/{CAMPAIGN}/ubnd-cam-loc", stack.base), &[]).await;
    assert_eq!(status, 200);
    assert!(head.contains("text/html"));
    assert!(String::from_utf8_lossy(&body).contains("path.startsWith('/s/') ? 'citizen'"), "the page loads the citizen bundle for a form");
    assert_eq!(get(&format!("{}/api/health", stack.base), &[]).await.0, 200);
}
