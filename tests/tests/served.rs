//! The questionnaire as the server renders it (issue 11), in a real headless Chromium against the
//! real local stack: with JavaScript disabled and with `window.WebAssembly` removed, a whole SIPAS
//! and a whole MoH form are answered through the plain form, one validation round trip shows the
//! problem beside its item with the other answers kept, and the receipt page names the unit; a
//! second post of the same page is the same response; and where the app does load, an answer
//! given before it arrived is kept when it takes the page over.

use fantoccini::{Client, Locator};
use hailong_domain::Receipt;
use hailong_tests::browser::{Browser, Without, answer_item, receipt_on_screen};
use hailong_tests::local_stack::{LocalStack, request};
use hailong_tests::{campaign_id, unit_code};
use serde_json::{Value, json};
use std::time::Duration;

const CAMPAIGN: &str = "cam-ranh";
/// Who runs the demo campaign, as its plan (`seeds/002_*`) is headed.
const AUTHORITY: &str = "UBND thành phố Cam Ranh";
/// A ward's People's Committee (SIPAS) and a health station (MoH outpatient).
const SIPAS_UNIT: &str = "ubnd-cam-nghia";
const MOH_UNIT: &str = "tyt-cam-loc";

async fn browser(without: Without) -> Browser {
    Browser::start_without(360, 800, without).await
}

async fn count(stack: &LocalStack, unit: &str) -> u64 {
    stack.context().store.count_responses(&campaign_id(CAMPAIGN), &unit_code(unit)).await.unwrap()
}

async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css(css)).await.unwrap()
}

/// Answers the whole served form but the first required item, sends it, reads the problem shown
/// beside that item with every other answer still given, answers it and sends again.
async fn answer_with_one_round_trip(stack: &LocalStack, c: &Client, unit: &str) -> Receipt {
    c.goto(&format!("{}/s/{CAMPAIGN}/{unit}", stack.base)).await.unwrap();
    wait_for(c, "form#answers").await;
    let authority = c.find(Locator::Css(".survey-head .authority")).await.unwrap().text().await.unwrap();
    assert_eq!(authority, AUTHORITY, "the header names who runs the survey");
    let fieldsets = c.find_all(Locator::Css("fieldset[id^='item-']")).await.unwrap();
    assert!(fieldsets.len() > 10, "every section is on the served page");
    let mut skipped = None;
    for fieldset in &fieldsets {
        if skipped.is_none() && fieldset.attr("aria-required").await.unwrap().is_some() {
            skipped = Some(fieldset.attr("id").await.unwrap().unwrap());
            continue;
        }
        answer_item(fieldset).await;
    }
    let skipped = skipped.expect("a required item");
    let given_before = c.find_all(Locator::Css("input:checked")).await.unwrap().len();
    c.find(Locator::Css("#submit")).await.unwrap().click().await.unwrap();

    let problem = wait_for(c, &format!("#{skipped} .problem")).await;
    assert_eq!(problem.text().await.unwrap(), "Vui lòng chọn một câu trả lời cho câu này.");
    assert!(wait_for(c, "#form-problem").await.text().await.unwrap().contains("chưa hợp lệ"));
    let kept = c.find_all(Locator::Css("input:checked")).await.unwrap().len();
    assert_eq!(kept, given_before, "the answers already given are kept");
    let typed = c
        .find_all(Locator::Css("fieldset input[type='text'], fieldset input[type='number'], fieldset textarea"))
        .await
        .unwrap();
    assert!(!typed.is_empty());
    for input in typed {
        assert!(!input.prop("value").await.unwrap().unwrap_or_default().is_empty(), "typed answers are kept");
    }
    assert_eq!(count(stack, unit).await, 0, "nothing stored while a required item is unanswered");

    let fieldset = c.find(Locator::Css(&format!("#{skipped}"))).await.unwrap();
    answer_item(&fieldset).await;
    c.find(Locator::Css("#submit")).await.unwrap().click().await.unwrap();
    let receipt = receipt_on_screen(c).await;
    assert_eq!(count(stack, unit).await, 1);
    let page = c.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    let unit_name = stack.context().store.unit(&unit_code(unit)).await.unwrap().unwrap().name;
    assert!(page.contains(&unit_name), "the receipt names the unit: {page}");
    assert!(page.contains("Cảm ơn"), "{page}");
    receipt
}

async fn whole_forms_reach_a_receipt(mode: Without) {
    let stack = LocalStack::start().await;
    let browser = browser(mode).await;
    let c = &browser.client;
    for unit in [SIPAS_UNIT, MOH_UNIT] {
        let receipt = answer_with_one_round_trip(&stack, c, unit).await;
        let record = stack.context().store.receipt(&receipt).await.unwrap().expect("the receipt is stored");
        let stored = stack.context().store.response(&record.response).await.unwrap().unwrap();
        assert_eq!(stored.unit.as_str(), unit, "{mode:?}");
        // The receipt page, too, is readable as it is.
        c.find(Locator::Css(&format!("a[href='/receipt/{receipt}']"))).await.unwrap().click().await.unwrap();
        let shown = wait_for(c, "main dl").await.text().await.unwrap();
        assert!(shown.contains(&receipt.display()), "{shown}");
        assert_eq!(wait_for(c, "main .authority").await.text().await.unwrap(), AUTHORITY, "{mode:?}");
    }
}

#[tokio::test]
async fn with_javascript_disabled_a_sipas_and_a_moh_form_reach_a_receipt() {
    whole_forms_reach_a_receipt(Without::JavaScript).await;
}

#[tokio::test]
async fn with_webassembly_removed_a_sipas_and_a_moh_form_reach_a_receipt() {
    whole_forms_reach_a_receipt(Without::WebAssembly).await;
}

/// The form as a browser posts it: the served page's response id, and its answers.
fn posted_body(page: &str, answers: &[(String, String)]) -> String {
    let id = page.split(r#"name="id" value=""#).nth(1).unwrap().split('"').next().unwrap();
    let mut body = format!("id={id}&website=");
    for (k, v) in answers {
        body.push_str(&format!("&{k}={v}"));
    }
    body
}

#[tokio::test]
async fn a_second_post_of_the_same_page_is_the_same_response() {
    let stack = LocalStack::start().await;
    let url = format!("{}/s/{CAMPAIGN}/{SIPAS_UNIT}", stack.base);
    let (status, _, page) = hailong_tests::local_stack::get(&url, &[]).await;
    assert_eq!(status, 200);
    let page = String::from_utf8(page).unwrap();
    let answers: Vec<(String, String)> = hailong_tests::full_answers("sipas")
        .into_iter()
        .flat_map(|(k, v)| match v {
            Value::Array(list) => list.into_iter().map(|x| (k.clone(), x.to_string())).collect::<Vec<_>>(),
            Value::String(_) => vec![(k, "T%E1%BB%91t".to_owned())],
            v => vec![(k, v.to_string())],
        })
        .collect();
    let body = posted_body(&page, &answers);
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let (first, _, one) = request("POST", &url, &form, body.as_bytes()).await;
    let (second, _, two) = request("POST", &url, &form, body.as_bytes()).await;
    assert_eq!((first, second), (200, 200));
    let receipt = |html: &[u8]| {
        let html = String::from_utf8(html.to_vec()).unwrap();
        html.split(r#"data-receipt=""#).nth(1).unwrap().split('"').next().unwrap().to_owned()
    };
    assert_eq!(receipt(&one), receipt(&two), "a second press of Gửi is the same response");
    assert_eq!(count(&stack, SIPAS_UNIT).await, 1);
    // Other answers under the same id are refused, the page says why, and nothing more is stored.
    let mut other = answers.clone();
    let scale = other.iter_mut().find(|(_, v)| v == "4").expect("a 5-point item");
    scale.1 = "2".into();
    let changed = posted_body(&page, &other);
    let (status, _, page) = request("POST", &url, &form, changed.as_bytes()).await;
    assert_eq!(status, 409);
    assert!(String::from_utf8(page).unwrap().contains("đã được gửi trước đó"));
    // A filled honeypot is refused as the API refuses it.
    let (_, _, fresh) = hailong_tests::local_stack::get(&url, &[]).await;
    let bot =
        posted_body(&String::from_utf8(fresh).unwrap(), &answers).replace("website=", "website=http%3A%2F%2Fspam");
    let (status, _, _) = request("POST", &url, &form, bot.as_bytes()).await;
    assert_eq!(status, 400);
    assert_eq!(count(&stack, SIPAS_UNIT).await, 1);
}

#[tokio::test]
async fn an_answer_given_before_the_app_loaded_is_kept_when_it_takes_over() {
    let stack = LocalStack::start().await;
    let browser = Browser::start(360, 800).await;
    let c = &browser.client;
    browser.cdp("Network.enable", json!({})).await;
    // The bundle is slow to come: the served form is answered meanwhile.
    browser.cdp("Network.setBlockedURLs", json!({ "urls": ["*citizen_bg.wasm*"] })).await;
    c.goto(&format!("{}/s/{CAMPAIGN}/{SIPAS_UNIT}", stack.base)).await.unwrap();
    // SIPAS opens with a typed answer, then a choice: one of each is given.
    let typed = wait_for(c, "form#answers fieldset[id^='item-']:has(input[type='text'])").await;
    let typed_item = typed.attr("id").await.unwrap().unwrap();
    answer_item(&typed).await;
    let chosen = wait_for(c, "form#answers fieldset[role='radiogroup']").await;
    let item = chosen.attr("id").await.unwrap().unwrap();
    answer_item(&chosen).await;
    let comment = c.find(Locator::Css("#comment")).await.unwrap();
    comment.send_keys("Cán bộ nhiệt tình").await.unwrap();
    assert!(c.find(Locator::Css("[data-ready='true']")).await.is_err(), "the app has not taken over");
    let served_title = c.title().await.unwrap();
    let unit_name = stack.context().store.unit(&unit_code(SIPAS_UNIT)).await.unwrap().unwrap().name;
    assert!(served_title.starts_with(&unit_name), "the served page is named by its unit: {served_title}");

    // The bundle arrives: the same boot script runs again, as it would have with the wasm.
    browser.cdp("Network.setBlockedURLs", json!({ "urls": [] })).await;
    c.execute("import('/boot.js?again')", vec![]).await.unwrap();
    wait_for(c, "[data-ready='true']").await;
    assert!(c.find(Locator::Css("form#answers")).await.is_err(), "the served page is gone");
    assert_eq!(c.title().await.unwrap(), served_title, "the tab keeps its name through the takeover");
    let kept = c.find(Locator::Css(&format!("#{item} input:checked"))).await;
    assert!(kept.is_ok(), "the answer given before the app loaded is still chosen");
    let text = c.find(Locator::Css(&format!("#{typed_item} input"))).await.unwrap().prop("value").await.unwrap();
    assert_eq!(text.as_deref(), Some("Tốt"), "the answer typed before the app loaded is still there");
    let draft: Value = c
        .execute(&format!("return JSON.parse(localStorage.getItem('hailong.draft.{CAMPAIGN}.{SIPAS_UNIT}'))"), vec![])
        .await
        .unwrap();
    assert_eq!(draft["comment"], "Cán bộ nhiệt tình", "{draft}");
    let asked: Value = c
        .execute(
            "return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/forms/')).length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(asked, json!(0), "the app read the form from the page instead of asking for it");

    hailong_tests::browser::answer_everything_and_submit(c).await;
    receipt_on_screen(c).await;
    assert_eq!(count(&stack, SIPAS_UNIT).await, 1);
}
