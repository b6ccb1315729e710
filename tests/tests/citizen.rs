//! The citizen questionnaire in a real headless Chromium against the real local stack: poster
//! codes, drafts, the phone's Back button, the offline outbox (the API cut during submits, the
//! browser restarted), one answer per person with a household's second answer, kiosk mode, the
//! device token and honeypot, and accessibility (WCAG 2.2 AA) of every step of every national
//! template, by keyboard, by tapping on small phones, at 320 px, 200 % zoom and large text.

use fantoccini::{Client, Locator};
use hailong_domain::{CampaignId, UnitKind, catalogue};
use hailong_functions::posters::PosterState;
use hailong_tests::browser::{
    Browser, answer_everything_and_submit, answer_item, answer_section, assert_accessible_22, open, receipt_on_screen,
    receipt_within,
};
use hailong_tests::local_stack::LocalStack;
use hailong_tests::{call_as, campaign_id, login, unit_code};
use serde_json::{Value, json};
use std::time::Duration;

const CAMPAIGN: &str = "cam-ranh";
const KEY_TAB: &str = "\u{E004}";
const KEY_ENTER: &str = "\u{E007}";
const KEY_SPACE: &str = "\u{E00D}";

fn form_url(stack: &LocalStack, campaign: &str, unit: &str) -> String {
    format!("{}/s/{campaign}/{unit}", stack.base)
}

async fn count(stack: &LocalStack, unit: &str) -> u64 {
    stack.context().store.count_responses(&campaign_id(CAMPAIGN), &unit_code(unit)).await.unwrap()
}

async fn text_of(c: &Client, css: &str) -> String {
    let el = c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css(css)).await.unwrap();
    el.text().await.unwrap()
}

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap()
}

/// The poster counters of a unit, as the admin progress report shows them.
async fn poster_stats(stack: &LocalStack, unit: &str) -> Value {
    let ctx = stack.context().with_demo_accounts("demo");
    let admin = login(&ctx, "demo-admin").await;
    let (status, progress) =
        call_as(&ctx, Some(&admin), "GET", &format!("/api/admin/campaigns/{CAMPAIGN}/progress"), None).await;
    assert_eq!(status, 200);
    progress["units"].as_array().unwrap().iter().find(|u| u["code"] == unit).unwrap()["posters"].clone()
}

#[tokio::test]
async fn the_poster_code_travels_with_the_answer_and_a_replaced_poster_is_announced() {
    let stack = LocalStack::start().await;
    let ctx = stack.context();
    let unit = "tyt-cam-phuc-nam";
    let code = ctx.poster_key().await.unwrap().code(&campaign_id(CAMPAIGN), &unit_code(unit), 1);
    let browser = Browser::start(360, 800).await;
    let c = &browser.client;
    open(c, &format!("{}?p={code}", form_url(&stack, CAMPAIGN, unit))).await;
    assert!(c.find(Locator::Css("#poster-replaced")).await.is_err(), "a current poster needs no notice");
    answer_everything_and_submit(c).await;
    let receipt = receipt_on_screen(c).await;
    let record = ctx.store.receipt(&receipt).await.unwrap().unwrap();
    let stored = ctx.store.response(&record.response).await.unwrap().unwrap();
    assert_eq!(stored.source.poster(), Some(&code), "the response names its poster");
    // One scan, one start (however many answers were given), one completion.
    assert_eq!(poster_stats(&stack, unit).await["1"], json!({"scans": 1, "starts": 1, "completions": 1}));

    // The poster is replaced: its link still opens the form, which points to the new poster.
    ctx.save_poster_state(&campaign_id(CAMPAIGN), &unit_code(unit), &PosterState { version: 2 }).await.unwrap();
    let other = Browser::start(360, 800).await;
    open(&other.client, &format!("{}?p={code}", form_url(&stack, CAMPAIGN, unit))).await;
    assert!(text_of(&other.client, "#poster-replaced").await.contains("áp phích mới"));
    // A code nobody signed does not keep anyone from answering.
    open(&other.client, &format!("{}?p=1-ABCDEFGHJK", form_url(&stack, CAMPAIGN, "tyt-cam-loc"))).await;
}

#[tokio::test]
async fn answers_survive_a_reload_and_a_second_visit_shows_the_first_receipt() {
    let stack = LocalStack::start().await;
    let browser = Browser::start(360, 800).await;
    let c = &browser.client;
    let unit = "ubnd-cam-nghia";
    let url = form_url(&stack, CAMPAIGN, unit);
    open(c, &url).await;
    answer_section(c).await;
    let first_section: Vec<String> = checked_values(c).await;
    c.find(Locator::Css("#next")).await.unwrap().click().await.unwrap();
    let item = c.find(Locator::Css("fieldset[id^='item-']")).await.unwrap();
    answer_item(&item).await;
    let second_section = checked_values(c).await;
    assert!(!first_section.is_empty() && !second_section.is_empty());

    // Progress counts questions: the SIPAS form's second section holds its questions 3 to 6.
    let sipas = catalogue::template("sipas").unwrap();
    let total = sipas.items().count();
    assert_eq!(text_of(c, "#progress").await, format!("Câu 3–6/{total}"));
    // After the first section the header is one line: the unit's name.
    assert_eq!(text_of(c, "h1").await, "UBND phường Cam Nghĩa");

    // A reload (or a closed tab reopened) comes back to the same step with the same answers.
    open(c, &url).await;
    assert!(text_of(c, "#progress").await.starts_with("Câu 3–6/"));
    assert_eq!(checked_values(c).await, second_section);
    // The phone's Back button goes to the previous section, not out of the form.
    c.back().await.unwrap();
    c.wait().for_element(Locator::XPath("//p[@id='progress'][starts-with(., 'Câu 1–2/')]")).await.unwrap();
    assert_eq!(c.current_url().await.unwrap().as_str(), url);
    assert_eq!(checked_values(c).await, first_section);
    assert!(text_of(c, "#duration").await.contains(&format!("{total} câu")), "the start says how long it takes");

    answer_everything_and_submit(c).await;
    let receipt = receipt_on_screen(c).await;
    // The thank-you page names the unit and the campaign, and links to the unit's results.
    assert!(text_of(c, "#about").await.contains("UBND phường Cam Nghĩa"));
    c.find(Locator::Css(&format!("a#unit-results[href='/r/{CAMPAIGN}/{unit}']"))).await.unwrap();
    // A second visit shows the receipt of the first answer instead of the form.
    c.goto(&url).await.unwrap();
    assert!(text_of(c, "#thanks").await.contains("đã trả lời"));
    assert_eq!(receipt_on_screen(c).await, receipt);
    assert!(c.find(Locator::Css("form")).await.is_err(), "no second form from this device");
    c.find(Locator::Css(&format!("a[href='/receipt/{receipt}']"))).await.unwrap();
    assert!(text_of(c, "#about").await.contains("UBND phường Cam Nghĩa"), "named on a later visit too");
    assert_accessible_22(c, "the page of a unit this device already answered").await;
    assert_eq!(count(&stack, unit).await, 1);

    // A household: another person answers on the same phone, a response of their own.
    c.find(Locator::Css("#someone-else")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Css("[data-ready='true']")).await.unwrap();
    assert!(checked_values(c).await.is_empty(), "the second person starts from an empty form");
    answer_everything_and_submit(c).await;
    let second = receipt_on_screen(c).await;
    assert_ne!(second, receipt);
    assert_eq!(count(&stack, unit).await, 2, "both answers of the household are stored");
    c.goto(&url).await.unwrap();
    assert_eq!(receipt_on_screen(c).await, second);
    c.find(Locator::Css(&format!(".receipts a[href='/receipt/{receipt}']"))).await.unwrap();
    // The draft ended with the answer: another unit starts empty.
    open(c, &form_url(&stack, CAMPAIGN, "ubnd-cam-loc")).await;
    assert!(checked_values(c).await.is_empty());
}

/// Waits until the service worker has the app's page in its cache.
async fn page_kept_on_device(c: &Client) {
    for _ in 0..120 {
        if js(c, "return caches.match('/').then(kept => !!kept)").await == Value::Bool(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the service worker did not keep the page within 30 s");
}

/// `name=value` of every ticked box and radio on screen.
async fn checked_values(c: &Client) -> Vec<String> {
    let found = js(c, "return [...document.querySelectorAll('input:checked')].map(i => i.name + '=' + i.value)").await;
    serde_json::from_value(found).unwrap()
}

#[tokio::test]
async fn answers_cut_off_by_the_network_arrive_exactly_once_even_after_a_browser_restart() {
    let mut stack = LocalStack::start().await;
    let profile = std::env::temp_dir().join(format!("hailong-chrome-{}", uuid::Uuid::new_v4().simple()));
    let browser = Browser::start_with_profile(360, 800, &profile).await;
    let c = &browser.client;
    let (first, second) = ("tyt-cam-lap", "ubnd-cam-thanh-nam");

    // The API goes away while the person sends: the answer is kept, and they are told so. (The
    // service worker keeps the page once it has installed; on a busy machine that can take a
    // moment after the page is ready, and an offline reopen below needs it.)
    open(c, &form_url(&stack, CAMPAIGN, first)).await;
    page_kept_on_device(c).await;
    stack.stop().await;
    answer_everything_and_submit(c).await;
    let note = text_of(c, "#queued").await;
    assert!(note.contains("mất kết nối") && note.contains("tự động gửi"), "{note}");
    assert!(c.find(Locator::Css("#error")).await.is_err(), "an answer kept safe is not drawn as an error");
    // "Gửi ngay" while still offline says so.
    c.find(Locator::Css("#send-now")).await.unwrap().click().await.unwrap();
    let outcome = c
        .wait()
        .for_element(Locator::XPath("//p[@id='send-now-outcome'][contains(., 'Vẫn chưa có mạng')]"))
        .await
        .unwrap();
    assert!(outcome.is_displayed().await.unwrap());
    // The connection returns: the retry timer sends it, without anyone pressing anything.
    stack.restart().await;
    let receipt = receipt_within(c, Duration::from_secs(40)).await;
    assert!(stack.context().store.receipt(&receipt).await.unwrap().is_some());

    // Again, and this time the browser is closed before the connection returns.
    open(c, &form_url(&stack, CAMPAIGN, second)).await;
    stack.stop().await;
    answer_everything_and_submit(c).await;
    assert!(text_of(c, "#queued").await.contains("mất kết nối"));
    browser.close().await;
    let browser = Browser::start_with_profile(360, 800, &profile).await;
    let c = &browser.client;
    // Still offline: the page comes from the device (service worker) and says the answer waits.
    c.goto(&form_url(&stack, CAMPAIGN, second)).await.unwrap();
    assert!(text_of(c, "#queued").await.contains("chờ gửi"));
    stack.restart().await;
    let receipt = receipt_within(c, Duration::from_secs(40)).await;
    assert!(stack.context().store.receipt(&receipt).await.unwrap().is_some());

    // Every answer arrived, each exactly once, and nothing is left waiting.
    assert_eq!((count(&stack, first).await, count(&stack, second).await), (1, 1));
    assert_eq!(js(c, "return localStorage.getItem('hailong.outbox')").await, Value::Null);
}

#[tokio::test]
async fn a_kiosk_starts_afresh_after_each_respondent() {
    let stack = LocalStack::start().await;
    let browser = Browser::start(800, 1000).await;
    let c = &browser.client;
    let unit = "ubnd-cam-phuc-bac";
    open(c, &format!("{}?kiosk=1", form_url(&stack, CAMPAIGN, unit))).await;
    assert!(text_of(c, "#kiosk-badge").await.contains("kiosk"), "staff see that kiosk mode is on");
    answer_everything_and_submit(c).await;
    receipt_on_screen(c).await;
    assert!(text_of(c, "#thanks").await.contains("Cảm ơn"));
    // Locked: no link leads off the receipt, and the brand link does not leave it either.
    assert!(c.find(Locator::Css("main a")).await.is_err(), "a kiosk's receipt has no links");
    c.find(Locator::Css("a.brand")).await.unwrap().click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(c.current_url().await.unwrap().path().starts_with("/s/"), "the kiosk stays on the form");
    c.find(Locator::Css("#receipt")).await.unwrap();
    let device = || js(c, "return localStorage.getItem('hailong.device')");
    let first_device = device().await;
    // Shortly after the receipt, a fresh form, with nothing of the previous answers.
    c.wait().at_most(Duration::from_secs(40)).for_element(Locator::Css("[data-ready='true']")).await.unwrap();
    assert!(checked_values(c).await.is_empty());
    assert!(text_of(c, "#progress").await.starts_with("Câu 1–"));
    // A new person is a new device to the rate limits: a busy counter is not ten people an hour.
    let second_device = device().await;
    assert!(
        first_device.is_string() && second_device.is_string() && first_device != second_device,
        "{first_device} {second_device}"
    );

    // The next person; the device stays a kiosk without the switch in the link.
    answer_everything_and_submit(c).await;
    receipt_on_screen(c).await;
    c.find(Locator::Css("#next-respondent")).await.unwrap().click().await.unwrap();
    open(c, &form_url(&stack, CAMPAIGN, unit)).await;
    assert!(checked_values(c).await.is_empty());
    answer_everything_and_submit(c).await;
    receipt_on_screen(c).await;
    assert_eq!(count(&stack, unit).await, 3, "a kiosk takes one answer per respondent");

    // Staff end kiosk mode; the device then keeps to the one-answer rule again for new units.
    open(c, &format!("{}?kiosk=0", form_url(&stack, CAMPAIGN, "ubnd-cam-loc"))).await;
    answer_everything_and_submit(c).await;
    receipt_on_screen(c).await;
    c.goto(&form_url(&stack, CAMPAIGN, "ubnd-cam-loc")).await.unwrap();
    assert!(text_of(c, "#thanks").await.contains("đã trả lời"));
}

/// Records the device header of every answer sent, and answers the first with 429 when asked.
const SPY: &str = r#"
    window.sentDevices = [];
    window.refuseNext = arguments[0];
    const realFetch = window.fetch;
    window.fetch = function (request, init) {
        if (request instanceof Request && request.method === 'POST' && request.url.endsWith('/api/responses')) {
            window.sentDevices.push(request.headers.get('X-Hailong-Device'));
            if (window.refuseNext) {
                window.refuseNext = false;
                return Promise.resolve(new Response(JSON.stringify({ error: 'rate_limited', message: 'slow down' }),
                    { status: 429, headers: { 'content-type': 'application/json' } }));
            }
        }
        return realFetch.apply(this, arguments);
    };
"#;

#[tokio::test]
async fn each_answer_carries_the_device_token_and_an_empty_honeypot_and_429_asks_for_patience() {
    let stack = LocalStack::start().await;
    let browser = Browser::start(360, 800).await;
    let c = &browser.client;

    open(c, &form_url(&stack, CAMPAIGN, "tyt-cam-thinh-dong")).await;
    let honeypot = js(
        c,
        r#"
        const i = document.getElementById('website');
        const r = i.getBoundingClientRect();
        return { tabindex: i.getAttribute('tabindex'), autocomplete: i.getAttribute('autocomplete'),
                 hidden: i.closest('[aria-hidden="true"]') !== null, offscreen: r.right <= 0 || r.bottom <= 0,
                 inForm: i.form !== null };
    "#,
    )
    .await;
    assert_eq!(
        honeypot,
        json!({"tabindex": "-1", "autocomplete": "off", "hidden": true, "offscreen": true, "inForm": true})
    );
    c.execute(SPY, vec![json!(true)]).await.unwrap();
    answer_everything_and_submit(c).await;
    // Too many answers from here just now: the person is asked to wait, and keeps the answers.
    assert!(text_of(c, "#error").await.contains("đợi một lát"));
    let kept = "return [...document.querySelectorAll('form textarea, form input[type=text]:not(#website)')].filter(e => e.value).length";
    assert_eq!(js(c, kept).await, json!(2), "the typed answers are still there");
    c.find(Locator::Css("#retry")).await.unwrap().click().await.unwrap();
    receipt_on_screen(c).await;
    let token = js(c, "return localStorage.getItem('hailong.device')").await;
    assert!(uuid::Uuid::parse_str(token.as_str().unwrap()).is_ok(), "{token}");
    assert_eq!(js(c, "return window.sentDevices").await, json!([token, token]));

    // Another answer from the same phone carries the same token.
    open(c, &form_url(&stack, CAMPAIGN, "ubnd-cam-loc")).await;
    c.execute(SPY, vec![json!(false)]).await.unwrap();
    answer_everything_and_submit(c).await;
    receipt_on_screen(c).await;
    assert_eq!(js(c, "return window.sentDevices").await, json!([token]));
}

/// A campaign like the demo whose commune and ward committees answer `template`.
async fn campaign_with(stack: &LocalStack, id: &str, template: &str) {
    let mut campaign = hailong_functions::seed::demo_campaign(hailong_functions::clock::today());
    campaign.id = CampaignId::parse(id).unwrap();
    let reference = catalogue::template(template).unwrap().reference();
    campaign.questionnaires.insert(UnitKind::UbndPhuong, reference.clone());
    campaign.questionnaires.insert(UnitKind::UbndXa, reference);
    assert!(stack.context().store.insert_campaign(&campaign).await.unwrap());
}

#[tokio::test]
async fn every_step_of_every_national_template_passes_the_accessibility_audit() {
    let stack = LocalStack::start().await;
    campaign_with(&stack, "cam-ward", "ward-short").await;
    campaign_with(&stack, "cam-counter", "counter-rating").await;
    let browser = Browser::start(360, 800).await;
    let c = &browser.client;
    let forms = [
        ("sipas", CAMPAIGN, "ubnd-cam-nghia"),
        ("moh-outpatient", CAMPAIGN, "tyt-cam-nghia"),
        ("ward-short", "cam-ward", "ubnd-cam-loc"),
        ("counter-rating", "cam-counter", "ubnd-cam-phu"),
    ];
    for (template, campaign, unit) in forms {
        open(c, &form_url(&stack, campaign, unit)).await;
        let title = text_of(c, "h1").await;
        assert_eq!(title, catalogue::template(template).unwrap().title, "{unit} answers {template}");
        for step in 1.. {
            assert_accessible_22(c, &format!("{template}, step {step}")).await;
            // With every required answer flagged, as after pressing on without answering.
            if c.find(Locator::Css(".req")).await.is_ok() {
                c.find(Locator::Css("#next, #submit")).await.unwrap().click().await.unwrap();
                c.wait().for_element(Locator::Css(".problem")).await.unwrap();
                assert_accessible_22(c, &format!("{template}, step {step} with its problems shown")).await;
            }
            answer_section(c).await;
            if let Ok(submit) = c.find(Locator::Css("#submit")).await {
                submit.click().await.unwrap();
                break;
            }
            c.find(Locator::Css("#next")).await.unwrap().click().await.unwrap();
        }
        receipt_on_screen(c).await;
        assert_accessible_22(c, &format!("{template}, receipt")).await;
    }
    // The large-text, high-contrast display too.
    open(c, &form_url(&stack, CAMPAIGN, "tyt-cam-loc")).await;
    c.find(Locator::Css("#large-text")).await.unwrap().click().await.unwrap();
    assert_eq!(js(c, "return document.documentElement.className").await, json!("large"));
    assert_accessible_22(c, "the large-text display").await;
}

#[tokio::test]
async fn a_respondent_answers_the_ward_form_by_keyboard_only() {
    let stack = LocalStack::start().await;
    campaign_with(&stack, "cam-ward", "ward-short").await;
    let browser = Browser::start(360, 800).await;
    let c = &browser.client;
    let unit = "ubnd-cam-phu";
    open(c, &form_url(&stack, "cam-ward", unit)).await;
    // Tab from the top; Space picks the first answer of each question; Enter goes on and sends.
    let mut sent = false;
    for _ in 0..300 {
        let focused = js(c, r#"
            const e = document.activeElement;
            const group = e.type === 'radio' ? document.querySelectorAll(`input[name="${e.name}"]:checked`).length : 0;
            return { id: e.id || '', radio: e.type === 'radio', answered: group > 0, receipt: !!document.getElementById('receipt') };
        "#).await;
        if focused["receipt"] == true {
            sent = true;
            break;
        }
        let key = if focused["radio"] == true && focused["answered"] == false {
            KEY_SPACE
        } else if focused["id"] == "next" || focused["id"] == "submit" {
            KEY_ENTER
        } else {
            KEY_TAB
        };
        c.active_element().await.unwrap().send_keys(key).await.unwrap();
        if key == KEY_ENTER {
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }
    assert!(sent, "the keyboard alone reached the receipt");
    let stored = stack.context().store.unit_responses(&campaign_id("cam-ward"), &unit_code(unit)).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].answers.len(), catalogue::template("ward-short").unwrap().items().count());
}

#[tokio::test]
async fn a_respondent_taps_through_the_health_form_on_a_small_phone_without_sideways_scroll() {
    let stack = LocalStack::start().await;
    let browser = Browser::start_phone(360, 740).await;
    let c = &browser.client;
    let unit = "tyt-cam-binh";
    open(c, &form_url(&stack, CAMPAIGN, unit)).await;
    assert_eq!(js(c, "return [window.innerWidth, window.innerHeight]").await, json!([360, 740]));
    for display in ["normal", "large"] {
        if display == "large" {
            open(c, &form_url(&stack, CAMPAIGN, "tyt-cam-thanh-nam")).await;
            c.find(Locator::Css("#large-text")).await.unwrap().click().await.unwrap();
        }
        for step in 1.. {
            let fit = js(c, r#"
                const small = [...document.querySelectorAll('.opt, button, input[type=text], input[type=number], textarea')]
                    .filter(e => e.getBoundingClientRect().height < 44).map(e => e.outerHTML.slice(0, 80));
                return { width: document.documentElement.scrollWidth, small };
            "#).await;
            assert!(fit["width"].as_u64().unwrap() <= 360, "{display} step {step} scrolls sideways: {fit}");
            assert_eq!(fit["small"], json!([]), "{display} step {step}: tap targets under 44 px");
            answer_section(c).await;
            if let Ok(submit) = c.find(Locator::Css("#submit")).await {
                submit.click().await.unwrap();
                break;
            }
            c.find(Locator::Css("#next")).await.unwrap().click().await.unwrap();
        }
        receipt_on_screen(c).await;
        assert!(js(c, "return document.documentElement.scrollWidth").await.as_u64().unwrap() <= 360);
    }
    assert_eq!(count(&stack, unit).await, 1);
}

/// What does not fit the screen: the page's width beyond the viewport, answer words cut off
/// inside their option, and targets under 24 × 24 CSS px (WCAG 2.2 target size, minimum). The
/// layout viewport's width, not `innerWidth`: a phone widens `innerWidth` to a page that overflows.
const FIT: &str = r#"
    const width = document.documentElement.clientWidth;
    const clipped = [...document.querySelectorAll('.opt .word, legend, label, h1, h2, p, button')]
        .filter(e => !e.closest('.hp'))
        .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > width + 1)
        .map(e => e.outerHTML.slice(0, 80));
    const small = [...document.querySelectorAll('.opt, button, input[type=text], input[type=number], textarea, summary')]
        .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.height < 24 || r.width < 24); })
        .map(e => e.outerHTML.slice(0, 80));
    const legend = document.querySelector('legend');
    return { sideways: document.documentElement.scrollWidth > width, clipped, small,
             legend: legend ? parseFloat(getComputedStyle(legend).fontSize) : 0 };
"#;

/// Walks a form to its receipt, checking at every step that it fits and passes axe (WCAG 2.2 AA).
async fn walk_fitting(c: &Client, what: &str) -> f64 {
    let mut legend = 0.0;
    for step in 1..=20 {
        assert!(step < 20, "{what}: no receipt after 20 steps");
        let fit = js(c, FIT).await;
        assert_eq!(fit["sideways"], json!(false), "{what}, step {step}: the page scrolls sideways: {fit}");
        assert_eq!(fit["clipped"], json!([]), "{what}, step {step}: content cut off: {fit}");
        assert_eq!(fit["small"], json!([]), "{what}, step {step}: targets under 24 px: {fit}");
        legend = f64::max(legend, fit["legend"].as_f64().unwrap());
        assert_accessible_22(c, &format!("{what}, step {step}")).await;
        answer_section(c).await;
        if let Ok(submit) = c.find(Locator::Css("#submit")).await {
            submit.click().await.unwrap();
            break;
        }
        c.find(Locator::Css("#next")).await.unwrap().click().await.unwrap();
    }
    receipt_on_screen(c).await;
    assert_eq!(js(c, FIT).await["sideways"], json!(false), "{what}: the receipt scrolls sideways");
    assert_accessible_22(c, &format!("{what}, receipt")).await;
    legend
}

#[tokio::test]
async fn every_national_form_reflows_at_320_px_200_percent_zoom_and_large_text() {
    let stack = LocalStack::start().await;
    campaign_with(&stack, "cam-counter", "counter-rating").await;
    // 320 CSS px is a 1280-px window at 400 % zoom; 640 px the same window at 200 %.
    for (width, height) in [(320, 640), (640, 900)] {
        let browser = Browser::start_phone(width, height).await;
        let c = &browser.client;
        for (campaign, unit) in [(CAMPAIGN, "ubnd-cam-lap"), (CAMPAIGN, "tyt-cam-lap"), ("cam-counter", "ubnd-cam-phu")]
        {
            open(c, &form_url(&stack, campaign, unit)).await;
            assert_eq!(js(c, "return window.innerWidth").await, json!(width));
            walk_fitting(c, &format!("{unit} at {width} px")).await;
        }
    }
    // A browser set to large text (twice the default size) enlarges the questions, which still fit.
    let browser = Browser::start_phone(360, 740).await;
    let c = &browser.client;
    open(c, &form_url(&stack, CAMPAIGN, "tyt-cam-loi")).await;
    let normal = js(c, FIT).await["legend"].as_f64().unwrap();
    open(c, &form_url(&stack, CAMPAIGN, "tyt-cam-linh")).await;
    js(c, "document.documentElement.style.fontSize = '200%'; return null").await;
    let large = walk_fitting(c, "tyt-cam-linh with the browser's text at 200 %").await;
    assert!(large >= 1.9 * normal, "the questions follow the browser's text size: {normal} px → {large} px");
    // And the app's own large-text display, at 320 px.
    let browser = Browser::start_phone(320, 640).await;
    let c = &browser.client;
    open(c, &form_url(&stack, CAMPAIGN, "ubnd-cam-loi")).await;
    c.find(Locator::Css("#large-text")).await.unwrap().click().await.unwrap();
    walk_fitting(c, "ubnd-cam-loi, large-text display at 320 px").await;
}

#[tokio::test]
async fn the_health_form_keeps_its_header_short_and_the_english_switch_says_what_it_translates() {
    let stack = LocalStack::start().await;
    let browser = Browser::start_phone(360, 740).await;
    let c = &browser.client;
    open(c, &form_url(&stack, CAMPAIGN, "tyt-cam-thuan")).await;
    let moh = catalogue::template("moh-outpatient").unwrap();
    // The long MoH introduction is one tap away, and the first answer option is on the first screen.
    let intro = c.find(Locator::Css(".intro-more")).await.unwrap();
    assert!(!intro.text().await.unwrap().contains("Nhằm nâng cao"), "the full introduction starts folded");
    let first_option = js(c, "return document.querySelector('.opt').getBoundingClientRect().top").await;
    assert!(first_option.as_f64().unwrap() < 740.0, "an answer option on the first screen: {first_option}");
    // The template ends with free text: no extra comment box; no "bắt buộc" note where nothing is.
    assert!(c.find(Locator::Css(".hint")).await.is_err(), "the first section has no required question");
    answer_everything_and_submit_until_last(c).await;
    assert!(c.find(Locator::Css("#comment")).await.is_err(), "no comment box after the template's own");
    assert_eq!(c.find_all(Locator::Css("textarea")).await.unwrap().len(), moh.sections.last().unwrap().items.len());

    // English: the switch says it translates the interface, the questions stay Vietnamese.
    c.find(Locator::Css("header button[lang]")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Css("html[lang='en']")).await.unwrap();
    assert!(text_of(c, "#interface-note").await.contains("official Vietnamese"));
    assert_eq!(js(c, "return document.querySelector('legend span[lang]').lang").await, json!("vi"));
    assert!(js(c, "return document.title").await.as_str().unwrap().contains("Trạm Y tế phường Cam Thuận"));
    assert_accessible_22(c, "the health form in English").await;
}

/// Answers every section and stops on the last one, before sending.
async fn answer_everything_and_submit_until_last(c: &Client) {
    while c.find(Locator::Css("#submit")).await.is_err() {
        answer_section(c).await;
        c.find(Locator::Css("#next")).await.unwrap().click().await.unwrap();
    }
}
