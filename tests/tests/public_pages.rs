//! The public results pages in a real browser, on the real local stack with the seeded earlier
//! campaign: the home page lists it, the ranking and unit pages show the published figures (as
//! the JSON API gives them), the downloads carry the same figures, a receipt's proof is checked
//! in the browser, and every page passes axe-core (WCAG 2.2 AA) in Vietnamese and in English, and
//! fits a 360-px and a 320-px phone without sideways scrolling.

use fantoccini::{Client, Locator};
use hailong_domain::catalogue;
use hailong_functions::seed::earlier;
use hailong_tests::browser::{Browser, assert_accessible_22, open};
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
    c.find(Locator::Css(css)).await.unwrap_or_else(|_| panic!("{css} on the page")).text().await.unwrap()
}

/// Audits the page in the language it shows, switches language, audits again, and switches back.
async fn audit_both_languages(c: &Client, what: &str) {
    assert_accessible_22(c, &format!("{what} (vi)")).await;
    c.find(Locator::Css("header button[lang]")).await.unwrap().click().await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::Css("html[lang='en'] [data-ready='true']"))
        .await
        .unwrap();
    assert_accessible_22(c, &format!("{what} (en)")).await;
    c.find(Locator::Css("header button[lang]")).await.unwrap().click().await.unwrap();
    c.wait().at_most(Duration::from_secs(5)).for_element(Locator::Css("html[lang='vi']")).await.unwrap();
}

/// `87,3%`: a figure as the Vietnamese page writes it.
fn vi_pct(v: f64) -> String {
    format!("{v:.1}%").replace('.', ",")
}

#[tokio::test]
async fn the_public_results_pages_show_the_published_figures() {
    let stack = LocalStack::start_with_history().await;
    let browser = Browser::start(1280, 900).await;
    let c = &browser.client;
    let campaign = earlier::campaign_id(today()).to_string();
    let snapshot = api(&stack, &format!("/api/results/{campaign}")).await;
    let units = snapshot["units"].as_array().unwrap();

    // The home page lists the published campaign.
    open(c, &format!("{}/", stack.base)).await;
    let listed = text(c, &format!("li[data-campaign='{campaign}']")).await;
    assert!(
        listed.contains(snapshot["campaign"]["title"].as_str().unwrap())
            && listed.contains("Phiên bản 1")
            && listed.contains("UBND thành phố Cam Ranh"),
        "{listed}"
    );
    audit_both_languages(c, "the home page").await;

    // The ranking: n against quota and the index of a ranked unit, as the API has them.
    open(c, &format!("{}/r/{campaign}", stack.base)).await;
    let first = units.iter().find(|u| u["rank"] == 1).unwrap();
    let row = text(c, &format!("tr[data-unit='{}']", first["code"].as_str().unwrap())).await;
    assert!(row.contains(&format!("{} / {}", first["n"], first["quota"])), "{row}");
    assert!(row.contains(&vi_pct(first["index"].as_f64().unwrap())), "{row}");
    for hidden in units.iter().filter(|u| u["suppressed"] == true) {
        let css = format!("tr[data-unit='{}']", hidden["code"].as_str().unwrap());
        let row = text(c, &css).await;
        // Its response rate (responses over service volume) may show; no satisfaction figure does.
        assert!(row.contains("Không công bố"), "a suppressed unit says so: {row}");
        assert!(
            c.find(Locator::Css(&format!("{css} svg"))).await.is_err(),
            "a suppressed unit has no interval bar: {row}"
        );
        assert!(!row.contains("Đạt") && row.matches('%').count() <= 1, "a suppressed unit shows no figure: {row}");
    }
    assert_eq!(
        c.find_all(Locator::Css("svg.ci-bar")).await.unwrap().len(),
        units.iter().filter(|u| u["suppressed"] == false).count()
    );

    // A plain summary first, then how to read the ranking, before any table.
    let summary = text(c, "#summary").await;
    assert!(summary.contains(&format!("{} đơn vị", units.len())) && summary.contains("không công bố"), "{summary}");
    let order = "const at = id => [...document.querySelectorAll('#summary, #downloads-title, #how-to-read, table.ranking')].findIndex(e => e.matches(id)); return [at('#summary'), at('#downloads-title'), at('#how-to-read'), at('table.ranking')]";
    assert_eq!(c.execute(order, vec![]).await.unwrap(), serde_json::json!([0, 1, 2, 3]));
    assert!(text(c, "#how-to-read").await.contains("≈"));
    assert!(text(c, "#method").await.contains("khoảng Wilson"), "the method note is in Vietnamese");

    // The downloads: the CSVs carry the API's figures and flags, the JSON is the snapshot.
    let download = |id: &str| {
        format!(
            "const h = document.getElementById('{id}').getAttribute('href'); return decodeURIComponent(h.substring(h.indexOf(',') + 1));"
        )
    };
    let csv: String = serde_json::from_value(c.execute(&download("download-csv-en"), vec![]).await.unwrap()).unwrap();
    let csv = csv.strip_prefix('\u{feff}').expect("a byte-order mark");
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    for u in units {
        let row =
            rows.iter().find(|r| r.get(col("code")) == Some(&u["code"].as_str().unwrap())).expect("a row per unit");
        assert_eq!(row[col("n")], u["n"].to_string());
        assert_eq!(row[col("suppressed")], u["suppressed"].to_string());
        match u["index"].as_f64() {
            Some(index) => assert_eq!(row[col("index")].parse::<f64>().unwrap(), index),
            None => assert_eq!(row[col("index")], ""),
        }
    }
    assert!(rows.last().unwrap()[0] == "method" && csv.contains("Wilson"), "the method note ends the file");
    // The Vietnamese file: Vietnamese column names, semicolons, decimal commas.
    let vi: String = serde_json::from_value(c.execute(&download("download-csv-vi"), vec![]).await.unwrap()).unwrap();
    let vi = vi.strip_prefix('\u{feff}').expect("a byte-order mark");
    let rows: Vec<Vec<&str>> = vi.lines().map(|l| l.split(';').collect()).collect();
    let col = |name: &str| rows[0].iter().position(|h| *h == name).unwrap_or_else(|| panic!("{name}: {:?}", rows[0]));
    let first_code = first["code"].as_str().unwrap();
    let row = rows.iter().find(|r| r.get(col("Mã đơn vị")) == Some(&first_code)).unwrap();
    let index = row[col("Chỉ số hài lòng (%)")];
    assert_eq!(index.replace(',', ".").parse::<f64>().unwrap(), first["index"].as_f64().unwrap(), "{index}");
    assert!(!index.contains('.'), "a decimal comma: {index}");
    let json_href = c.find(Locator::Css("#download-json")).await.unwrap().attr("href").await.unwrap().unwrap();
    assert_eq!(api(&stack, &json_href).await, snapshot);
    audit_both_languages(c, "the ranking page").await;

    // On phones the ranking is a card per unit, with nothing wider than the screen.
    for width in [360, 320] {
        let phone = Browser::start_phone(width, 740).await;
        for page in [format!("/r/{campaign}"), format!("/r/{campaign}/ubnd-cam-thinh-tay"), "/".to_owned()] {
            open(&phone.client, &format!("{}{page}", stack.base)).await;
            let wide = phone
                .client
                .execute("return document.documentElement.scrollWidth - window.innerWidth", vec![])
                .await
                .unwrap();
            assert_eq!(wide, serde_json::json!(0), "{page} scrolls sideways at {width} px");
            assert_accessible_22(&phone.client, &format!("{page} at {width} px")).await;
        }
        let shape = "const r = document.querySelector('table.ranking tbody tr'); return getComputedStyle(r).display";
        open(&phone.client, &format!("{}/r/{campaign}", stack.base)).await;
        assert_eq!(phone.client.execute(shape, vec![]).await.unwrap(), serde_json::json!("block"), "a card per unit");
    }

    // A unit's page: its improvement actions first, every item as a bar, and never a comment.
    let unit = "ubnd-cam-thinh-tay";
    open(c, &format!("{}/r/{campaign}/{unit}", stack.base)).await;
    let figures = units.iter().find(|u| u["code"] == unit).unwrap();
    let bars = c.find_all(Locator::Css("li[data-item] svg")).await.unwrap();
    assert_eq!(bars.len(), figures["items"].as_array().unwrap().len());
    let q = catalogue::template("sipas").unwrap();
    let item = &figures["items"][0];
    let shown = text(c, &format!("li[data-item='{}']", item["id"].as_str().unwrap())).await;
    assert!(
        shown.contains(&q.item(item["id"].as_str().unwrap()).unwrap().text)
            && shown.contains(&vi_pct(item["pct_satisfied"].as_f64().unwrap())),
        "{shown}"
    );
    // Each item with its n, 95 % interval and % dissatisfied; each section with its n and interval.
    let interval = |ci: &Value| format!("{} – {}", vi_pct(ci[0].as_f64().unwrap()), vi_pct(ci[1].as_f64().unwrap()));
    let unhappy = format!("Không hài lòng: {}", vi_pct(item["pct_dissatisfied"].as_f64().unwrap()));
    let item_ci = format!("(n = {}; Khoảng tin cậy 95%: {})", item["n"], interval(&item["ci95"]));
    assert!(shown.contains(&unhappy) && shown.contains(&item_ci), "{shown}");
    let section = &figures["sections"][0];
    let shown = text(c, &format!("li[data-section='{}']", section["id"].as_str().unwrap())).await;
    let section_ci = format!("(n = {}; Khoảng tin cậy 95%: {})", section["n"], interval(&section["ci95"]));
    assert!(shown.contains(&section_ci), "{shown}");
    let channels = text(c, "#channels").await;
    for (_, channel) in figures["by_channel"].as_object().unwrap() {
        if !channel["ci95"].is_null() {
            assert!(channels.contains(&interval(&channel["ci95"])), "{channels}");
        }
    }
    let actions = api(&stack, &format!("/api/results/{campaign}/units/{unit}/actions")).await;
    let table = text(c, "#actions").await;
    for a in actions.as_array().unwrap() {
        assert!(
            table.contains(a["task"].as_str().unwrap()) && table.contains(a["office"].as_str().unwrap()),
            "{table}"
        );
    }
    assert_eq!(actions.as_array().unwrap().len(), 2);
    let before = "return document.getElementById('actions').compareDocumentPosition(document.querySelector('.key-figures')) === Node.DOCUMENT_POSITION_FOLLOWING";
    assert_eq!(c.execute(before, vec![]).await.unwrap(), serde_json::json!(true), "actions come before the figures");
    // An action past its deadline and not done is marked overdue; a done one is not.
    for a in actions.as_array().unwrap() {
        let late =
            a["status"] != "done" && a["deadline"]["by"].as_str().is_some_and(|d| d < today().to_string().as_str());
        let xpath = format!("//table[@id='actions']//tr[td[1][normalize-space(.)='{}']]", a["task"].as_str().unwrap());
        let row = c.find(Locator::XPath(&xpath)).await.unwrap().text().await.unwrap();
        assert_eq!(row.contains("Quá hạn"), late, "{row}");
    }
    assert!(text(c, "#weakest").await.contains('%') && text(c, "#strongest").await.contains('%'));
    assert!(!c.source().await.unwrap().contains("Cán bộ hướng dẫn tận tình"), "comments are never published");
    audit_both_languages(c, "a unit's page").await;

    // A counted receipt: the browser checks its proof against the published digest.
    let seeded = earlier_responses();
    let counted = seeded.iter().find(|s| s.excluded.is_none() && s.response.unit.as_str() == unit).unwrap();
    c.goto(&format!("{}/receipt/{}", stack.base, counted.receipt)).await.unwrap();
    let status = c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#counting")).await.unwrap();
    assert_eq!(
        status.attr("data-verified").await.unwrap().as_deref(),
        Some("true"),
        "{}",
        status.text().await.unwrap()
    );
    assert!(status.text().await.unwrap().contains("được tính vào kết quả"));
    // The proof is one tap away; the unit and campaign are named, with a link to the unit's results.
    c.find(Locator::Css("details.proof summary")).await.unwrap().click().await.unwrap();
    assert!(text(c, "details.proof").await.contains("khớp"));
    let named = units.iter().find(|u| u["code"] == unit).unwrap()["name"].as_str().unwrap().to_owned();
    assert_eq!(text(c, "#receipt-unit").await, named);
    assert_eq!(text(c, "#receipt-campaign").await, snapshot["campaign"]["title"].as_str().unwrap());
    assert_eq!(text(c, ".ok .authority").await, "UBND thành phố Cam Ranh", "who ran the survey");
    c.find(Locator::Css(&format!("a#unit-results[href='/r/{campaign}/{unit}']"))).await.unwrap();
    assert_accessible_22(c, "a counted receipt").await;
    let excluded = seeded.iter().find(|s| s.excluded.is_some()).unwrap();
    c.goto(&format!("{}/receipt/{}", stack.base, excluded.receipt)).await.unwrap();
    let status = c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#counting")).await.unwrap();
    assert_eq!(status.attr("data-verified").await.unwrap().as_deref(), Some("false"));
    assert!(status.text().await.unwrap().contains("Phiếu không hợp lệ"));
}
