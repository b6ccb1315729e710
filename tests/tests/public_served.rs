//! The public pages as the server renders them (issue 11), in a real headless Chromium on the
//! real local stack with the seeded earlier campaign: with JavaScript disabled and with
//! WebAssembly removed, the home page lists the campaign with a link and its receipt form leads
//! to a receipt typed loosely, the campaign's ranking and a unit's page show the figures
//! `GET /api/results/{c}` has, and a missing unit is a page saying so in Vietnamese; where the
//! app does run, it replaces the served page rather than adding to it. (The receipt page without
//! script is `served.rs`'s; the app's own pages, `public_pages.rs`.)
use fantoccini::{Client, Locator};
use hailong_domain::catalogue;
use hailong_functions::seed::earlier;
use hailong_tests::browser::{Browser, Without, assert_accessible_22, open};
use hailong_tests::local_stack::{LocalStack, get};
use hailong_tests::{earlier_responses, today};
use serde_json::Value;
use std::time::Duration;

async fn api(stack: &LocalStack, path: &str) -> Value {
    let (status, _, body) = get(&format!("{}{path}", stack.base), &[]).await;
    assert_eq!(status, 200, "{path}");
    serde_json::from_slice(&body).unwrap()
}

async fn text(c: &Client, css: &str) -> String {
    let found = c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css(css)).await;
    found.unwrap_or_else(|_| panic!("{css} on the page")).text().await.unwrap()
}

/// `87,3%`: a figure as the Vietnamese page writes it.
fn vi_pct(v: &Value) -> String {
    format!("{:.1}%", v.as_f64().unwrap()).replace('.', ",")
}

fn vi_interval(ci: &Value) -> String {
    format!("{} – {}", vi_pct(&ci[0]), vi_pct(&ci[1]))
}

/// Follows the links a reader follows, from the home page to a unit's figures, and checks each
/// page's figures against the published JSON; where script runs (without WebAssembly), each page
/// also passes axe-core.
async fn read_without(stack: &LocalStack, without: Without) {
    let browser = Browser::start_without(1280, 900, without).await;
    let c = &browser.client;
    let audit = |what: &'static str| async move {
        if matches!(without, Without::WebAssembly) {
            assert_accessible_22(c, &format!("{what}, served")).await;
        }
    };
    let campaign = earlier::campaign_id(today()).to_string();
    let snapshot = api(stack, &format!("/api/results/{campaign}")).await;
    let units = snapshot["units"].as_array().unwrap();

    c.goto(&format!("{}/", stack.base)).await.unwrap();
    let listed = text(c, &format!("li[data-campaign='{campaign}']")).await;
    let title = snapshot["campaign"]["title"].as_str().unwrap();
    assert!(listed.contains(title) && listed.contains("Phiên bản 1"), "{without:?}: {listed}");
    audit("the home page").await;

    // A receipt code typed on the home page, as a person may type it, leads to its page.
    let seeded = earlier_responses();
    let receipt = &seeded.iter().find(|s| s.excluded.is_none()).unwrap().receipt;
    let typed = receipt.display().to_lowercase().replace('-', " ");
    c.find(Locator::Id("receipt-code")).await.unwrap().send_keys(&typed).await.unwrap();
    c.find(Locator::Css(".receipt-form button")).await.unwrap().click().await.unwrap();
    let shown = text(c, "main dl").await;
    assert!(shown.contains(&receipt.display()) && shown.contains(title), "{without:?}: {shown}");
    assert!(c.current_url().await.unwrap().path().ends_with(&format!("/receipt/{receipt}")));
    c.goto(&format!("{}/", stack.base)).await.unwrap();
    c.find(Locator::Css(&format!("li[data-campaign='{campaign}'] a"))).await.unwrap().click().await.unwrap();

    // The ranking: every unit's n against its quota, and its index and interval unless withheld.
    text(c, "table.ranking").await;
    assert!(c.current_url().await.unwrap().path().ends_with(&format!("/r/{campaign}")));
    for u in units {
        let row = text(c, &format!("tr[data-unit='{}']", u["code"].as_str().unwrap())).await;
        assert!(row.contains(&format!("{} / {}", u["n"], u["quota"])), "{without:?}: {row}");
        if u["suppressed"] == true {
            // Its response rate (responses over service volume) may show; no satisfaction figure does.
            assert!(row.contains("Không công bố"), "{without:?}: {row}");
            assert!(!row.contains("Đạt") && row.matches('%').count() <= 1, "{without:?}: {row}");
        } else {
            assert!(row.contains(&vi_pct(&u["index"])) && row.contains(&vi_interval(&u["ci95"])), "{row}");
        }
    }
    assert!(text(c, "#summary").await.contains(&format!("{} đơn vị", units.len())));
    assert!(text(c, "#method").await.contains("khoảng Wilson"));
    let json = c.find(Locator::Css("#download-json")).await.unwrap().attr("href").await.unwrap().unwrap();
    assert_eq!(api(stack, &json).await, snapshot, "the open data is the snapshot");
    audit("the ranking page").await;

    // A unit's page, from its link: its index, n, items and improvement actions.
    let unit = units.iter().find(|u| u["rank"] == 1).unwrap();
    let code = unit["code"].as_str().unwrap();
    c.find(Locator::Css(&format!("a[href='/r/{campaign}/{code}']"))).await.unwrap().click().await.unwrap();
    let figures = text(c, ".key-figures").await;
    assert!(figures.contains(&vi_pct(&unit["index"])), "{without:?}: {figures}");
    assert!(figures.contains(&format!("{} / {}", unit["n"], unit["quota"])), "{figures}");
    audit("a unit's page").await;
    let q = catalogue::template(unit["questionnaire"]["id"].as_str().unwrap()).unwrap();
    for item in unit["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        let shown = text(c, &format!("li[data-item='{id}']")).await;
        assert!(shown.contains(&q.item(id).unwrap().text), "{shown}");
        if !item["pct_satisfied"].is_null() {
            let ci = format!("(n = {}; Khoảng tin cậy 95%: {})", item["n"], vi_interval(&item["ci95"]));
            assert!(shown.contains(&vi_pct(&item["pct_satisfied"])) && shown.contains(&ci), "{shown}");
        }
    }
    // The unit the demo has improvement actions for shows them all.
    let acting = "ubnd-cam-thinh-tay";
    c.goto(&format!("{}/r/{campaign}/{acting}", stack.base)).await.unwrap();
    let actions = api(stack, &format!("/api/results/{campaign}/units/{acting}/actions")).await;
    let table = text(c, "#actions").await;
    assert_eq!(actions.as_array().unwrap().len(), 2);
    for a in actions.as_array().unwrap() {
        assert!(
            table.contains(a["task"].as_str().unwrap()) && table.contains(a["office"].as_str().unwrap()),
            "{table}"
        );
    }

    // An unknown unit: a page saying so, in Vietnamese.
    c.goto(&format!("{}/r/{campaign}/khong-co-don-vi-nay", stack.base)).await.unwrap();
    assert_eq!(text(c, "#error").await, "Không tìm thấy kết quả đã công bố của đợt khảo sát này.");
}

#[tokio::test]
async fn the_public_pages_read_without_javascript_or_webassembly_and_the_app_replaces_them() {
    let stack = LocalStack::start_with_history().await;
    let campaign = earlier::campaign_id(today()).to_string();
    let (status, _, body) = get(&format!("{}/r/{campaign}/khong-co-don-vi-nay", stack.base), &[]).await;
    assert_eq!(status, 404, "{}", String::from_utf8_lossy(&body));
    read_without(&stack, Without::JavaScript).await;
    read_without(&stack, Without::WebAssembly).await;

    // With the app, its page replaces the served one: one heading, one ranking per questionnaire.
    let browser = Browser::start(1280, 900).await;
    let c = &browser.client;
    open(c, &format!("{}/r/{campaign}", stack.base)).await;
    assert!(c.find(Locator::Id("served")).await.is_err(), "the served page is gone");
    assert_eq!(c.find_all(Locator::Css("h1")).await.unwrap().len(), 1);
    let snapshot = api(&stack, &format!("/api/results/{campaign}")).await;
    let rankings = c.find_all(Locator::Css("table.ranking")).await.unwrap().len();
    assert_eq!(rankings, snapshot["overall"].as_array().unwrap().len());
    assert!(!c.find_all(Locator::Css("svg.ci-bar")).await.unwrap().is_empty(), "the app draws its charts");
}
