//! The admin console end to end: the real local stack, a real headless Chromium on a desktop
//! window, staff of the province signing in and working. Two browser sessions in all: one for
//! the administrator, one for a unit's staff and then a viewer (signing out and in again).

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use hailong_domain::{Channel, ItemKind, catalogue};
use hailong_functions::store::Mark;
use hailong_tests::browser::{Browser, assert_accessible};
use hailong_tests::local_stack::{LocalStack, get};
use serde_json::Value;
use std::time::Duration;

const CAMPAIGN: &str = "cam-ranh";
const WAIT: Duration = Duration::from_secs(30);

async fn wait(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait().at_most(WAIT).for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
}

/// Waits until `css` matches an element whose text contains `text`, and answers that text.
async fn wait_text(c: &Client, css: &str, text: &str) -> String {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            if let Ok(found) = el.text().await {
                if found.contains(text) {
                    return found;
                }
            }
        }
        assert!(tokio::time::Instant::now() < deadline, "{css} never said {text:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn count(c: &Client, css: &str) -> usize {
    c.find_all(Locator::Css(css)).await.unwrap().len()
}

async fn sign_in(c: &Client, base: &str, user: &str) {
    c.goto(&format!("{base}/admin")).await.unwrap();
    wait(c, "#login-user").await.send_keys(user).await.unwrap();
    c.find(Locator::Css("#login-password")).await.unwrap().send_keys("demo").await.unwrap();
    c.find(Locator::Css("#login-submit")).await.unwrap().click().await.unwrap();
    wait_text(c, "#who", user).await;
}

/// Follows a link as a person would: a click, handled inside the page without reloading.
async fn follow(c: &Client, href: &str) {
    wait(c, &format!("a[href='{href}']")).await.click().await.unwrap();
}

/// The element that has focus, waiting a moment for it to be `id` (focus moves after a frame).
async fn focused_is(c: &Client, id: &str) -> fantoccini::elements::Element {
    for _ in 0..40 {
        let active = c.active_element().await.unwrap();
        if active.attr("id").await.unwrap().as_deref() == Some(id) {
            return active;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let active = c.active_element().await.unwrap().attr("id").await.unwrap();
    panic!("focus should be on #{id}, it is on {active:?}");
}

/// Types one paper form of a health station: the serial, Enter, then one digit per scale and
/// choice item (focus moves on by itself), the number of % expected, and Enter to save.
async fn type_paper_form(c: &Client, unit: &str, serial: &str) {
    let serial_field = wait(c, &format!("#entry-form[data-unit='{unit}'] #entry-serial")).await;
    serial_field.click().await.unwrap();
    serial_field.send_keys(&format!("{serial}{}", char::from(Key::Enter))).await.unwrap();
    let q = catalogue::template("moh-outpatient").unwrap();
    for (_, item) in q.items() {
        let cell = focused_is(c, &format!("cell-{}", item.id)).await;
        let keys = match &item.kind {
            ItemKind::Scale5 { .. } => "4".to_owned(),
            ItemKind::Faces3 => "3".to_owned(),
            ItemKind::Choice { options, .. } => options[0].value.to_string(),
            ItemKind::Number { .. } => format!("90{}", char::from(Key::Tab)),
            ItemKind::Multi { .. } | ItemKind::Text { .. } => char::from(Key::Tab).to_string(),
        };
        cell.send_keys(&keys).await.unwrap();
    }
    focused_is(c, "entry-submit").await.send_keys(&char::from(Key::Enter).to_string()).await.unwrap();
}

const SESSION_KEY: &str = "hailong-admin-session";

/// A script that changes the console's stored session `s` as `change` says, behind its back.
fn spoil_session(change: &str) -> String {
    format!("const s = JSON.parse(sessionStorage.getItem('{SESSION_KEY}')); {change} sessionStorage.setItem('{SESSION_KEY}', JSON.stringify(s));")
}

/// The API's progress of one unit, asked with the browser's own token.
async fn unit_progress(c: &Client, base: &str, unit: &str) -> Value {
    let session = c.execute(&format!("return sessionStorage.getItem('{SESSION_KEY}')"), vec![]).await.unwrap();
    let session: Value = serde_json::from_str(session.as_str().unwrap()).unwrap();
    let auth = format!("Bearer {}", session["token"].as_str().unwrap());
    let (status, _, body) = get(&format!("{base}/api/admin/campaigns/{CAMPAIGN}/progress"), &[("Authorization", &auth)]).await;
    assert_eq!(status, 200);
    let progress: Value = serde_json::from_slice(&body).unwrap();
    progress["units"].as_array().unwrap().iter().find(|u| u["code"] == unit).cloned().expect("the unit is in the progress")
}

#[tokio::test]
async fn an_administrator_runs_the_campaign_from_the_console() {
    let stack = LocalStack::start().await;
    let browser = Browser::start(1280, 900).await;
    let c = &browser.client;
    let base = &stack.base;
    let ctx = stack.context();

    c.goto(&format!("{base}/admin")).await.unwrap();
    wait(c, "#login-user").await;
    assert_accessible(c, "the sign-in page").await;
    sign_in(c, base, "demo-admin").await;
    assert!(wait_text(c, "#who", "demo-admin").await.contains("Quản trị viên"), "the role is shown");
    wait(c, "#campaigns").await;
    assert_accessible(c, "the campaign list").await;

    // The campaign page: its progress lists the 30 units of the Cam Ranh plan.
    follow(c, &format!("/admin/campaigns/{CAMPAIGN}")).await;
    wait(c, "#progress tbody tr").await;
    assert_eq!(count(c, "#progress tbody tr").await, 30, "the progress table has the 30 units");
    wait_text(c, "#campaign-status", "Đang mở").await;
    assert_accessible(c, "the campaign page with its progress").await;

    // Units: a CSV file with one bad row is refused whole, row by row.
    let before = ctx.store.units().await.unwrap().len();
    follow(c, "/admin/units").await;
    wait(c, "#unit-tree").await;
    let csv = "code,name,kind,parent\nubnd-moi,UBND xã Mới,UBND xã,\ntyt-moi,Trạm Y tế xã Mới,bệnh xá,\n";
    let file = std::env::temp_dir().join(format!("hailong-units-{}.csv", uuid::Uuid::new_v4().simple()));
    std::fs::write(&file, csv).unwrap();
    c.find(Locator::Css("#import-file")).await.unwrap().send_keys(file.to_str().unwrap()).await.unwrap();
    for _ in 0..100 {
        let shown = c.find(Locator::Css("#import-csv")).await.unwrap().prop("value").await.unwrap().unwrap_or_default();
        if shown.contains("bệnh xá") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    std::fs::remove_file(&file).unwrap();
    c.find(Locator::Css("#import-submit")).await.unwrap().click().await.unwrap();
    let report = wait_text(c, "#row-errors", "bệnh xá").await;
    assert!(report.contains('3'), "the bad row (3, the header being 1) is named: {report}");
    assert_eq!(ctx.store.units().await.unwrap().len(), before, "nothing of the file was imported");
    assert!(ctx.store.unit("ubnd-moi").await.unwrap().is_none(), "not even the good row");
    assert_accessible(c, "the units page with an import report").await;

    // A paper form entered by the administrator, for the re-verification below.
    follow(c, "/admin/entry").await;
    let unit = "tyt-cam-nghia";
    wait(c, "#entry-unit").await.select_by_value(unit).await.unwrap();
    type_paper_form(c, unit, "AD-0001").await;
    let id = wait(c, "#entered-id").await.text().await.unwrap();
    let before_exclusion = unit_progress(c, base, unit).await;

    // Re-verification: draw the unit's sample (its one entered form) and confirm it.
    c.goto(&format!("{base}/admin/campaigns/{CAMPAIGN}/verification")).await.unwrap();
    wait(c, "#verify-unit").await.select_by_value(unit).await.unwrap();
    c.find(Locator::Css("#draw-sample")).await.unwrap().click().await.unwrap();
    wait_text(c, "#sample-summary", "đã rút 1").await;
    let verdict = wait(c, &format!("form.verdict[data-response='{id}']")).await;
    verdict.find(Locator::Css("input[type=radio]")).await.unwrap().click().await.unwrap();
    verdict.find(Locator::Css("input[type=text]")).await.unwrap().send_keys("Đã gọi lại, người bệnh xác nhận").await.unwrap();
    verdict.find(Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();
    wait_text(c, "form.verdict .ok", "khớp").await;
    assert_accessible(c, "the re-verification page").await;
    let progress = unit_progress(c, base, unit).await;
    assert_eq!((progress["verification"]["sampled"].as_u64(), progress["verification"]["confirmed"].as_u64()), (Some(1), Some(1)));

    // Exclusion, from the sampled form's link: it stops counting.
    follow(c, &format!("/admin/responses/{id}/exclude")).await;
    wait(c, "#reason-fraud").await.click().await.unwrap();
    c.find(Locator::Css("#exclude-note")).await.unwrap().send_keys("Phiếu do cán bộ tự điền").await.unwrap();
    c.find(Locator::Css("#exclude-submit")).await.unwrap().click().await.unwrap();
    wait_text(c, "#exclude-outcome", &id).await;
    assert_accessible(c, "the exclusion page").await;
    let after = unit_progress(c, base, unit).await;
    assert_eq!(after["counted"].as_u64().unwrap() + 1, before_exclusion["counted"].as_u64().unwrap(), "the excluded form stops counting");
    assert_eq!(after["excluded"].as_u64(), Some(1));
    assert_eq!(ctx.store.mark(CAMPAIGN, &id).await.unwrap(), Some(Mark::Excluded), "the aggregates no longer count it");
    let stored = ctx.store.response(&id).await.unwrap().expect("an exclusion deletes nothing");
    assert_eq!((stored.channel, stored.serial.as_deref(), stored.entered_by.as_deref()), (Channel::Paper, Some("AD-0001"), Some("demo-admin")));
}

#[tokio::test]
async fn staff_enter_their_units_forms_and_a_viewer_only_reads() {
    let stack = LocalStack::start().await;
    let browser = Browser::start(1280, 900).await;
    let c = &browser.client;
    let base = &stack.base;
    let ctx = stack.context();
    let unit = "tyt-cam-nghia";

    sign_in(c, base, "demo-staff").await;
    assert_eq!(count(c, "a[href='/admin/audit']").await, 0, "staff have no audit log in the navigation");
    follow(c, &format!("/admin/campaigns/{CAMPAIGN}")).await;
    wait(c, "#progress tbody tr").await;
    assert_eq!(count(c, "#progress tbody tr").await, 1, "staff see their own unit only");
    assert_eq!(count(c, &format!("#progress tr[data-unit='{unit}']")).await, 1);
    assert_eq!(count(c, "#lifecycle").await, 0, "staff cannot open or close campaigns");

    // A paper form typed with digits only.
    follow(c, &format!("/admin/entry/{CAMPAIGN}")).await;
    let options = wait(c, "#entry-unit").await.find_all(Locator::Css("option")).await.unwrap();
    assert_eq!(options.len(), 1, "staff enter forms for their own unit only");
    assert_eq!(options[0].attr("value").await.unwrap().as_deref(), Some(unit));
    type_paper_form(c, unit, "CN-0042").await;
    let receipt = wait(c, "#entered-receipt").await.text().await.unwrap();
    let id = c.find(Locator::Css("#entered-id")).await.unwrap().text().await.unwrap();
    assert!(!receipt.is_empty());
    let stored = ctx.store.response(&id).await.unwrap().expect("the form is stored");
    assert_eq!(stored.channel, Channel::Paper);
    assert_eq!(stored.serial.as_deref(), Some("CN-0042"));
    assert_eq!(stored.entered_by.as_deref(), Some("demo-staff"));
    assert_eq!(stored.unit.as_str(), unit);
    let q = catalogue::template("moh-outpatient").unwrap();
    let scored = q.items().filter(|(_, i)| i.scored).count();
    assert!(stored.answers.len() > scored, "every scale item and the choices were answered");
    // The sheet is empty again, focus on the serial for the next form.
    focused_is(c, "entry-serial").await;
    assert_eq!(c.find(Locator::Css("#cell-a1")).await.unwrap().prop("value").await.unwrap().as_deref(), Some(""));
    assert_accessible(c, "the entry page after a saved form").await;

    // The same serial again is refused, and said so.
    type_paper_form(c, unit, "CN-0042").await;
    wait_text(c, "#serial-problem", "CN-0042").await;
    assert_eq!(ctx.store.count_responses(CAMPAIGN, unit).await.unwrap(), 1, "one form, one response");
    assert_accessible(c, "the entry page refusing a duplicate serial").await;

    // Pages for administrators are not for staff, even typed in.
    c.goto(&format!("{base}/admin/audit")).await.unwrap();
    wait(c, "#not-allowed").await;
    c.goto(&format!("{base}/admin/campaigns/new")).await.unwrap();
    wait(c, "#not-allowed").await;
    assert_accessible(c, "the page refusing a role").await;

    // What the API refuses anyway (403: a role changed since signing in) is said plainly.
    c.execute(&spoil_session("s.role = 'admin';"), vec![]).await.unwrap();
    c.goto(&format!("{base}/admin/audit")).await.unwrap();
    wait_text(c, ".error[role=alert]", "không có quyền").await;

    // A viewer reads but never enters data.
    c.find(Locator::Css("#sign-out")).await.unwrap().click().await.unwrap();
    wait(c, "#login-user").await;
    sign_in(c, base, "demo-viewer").await;
    assert!(wait_text(c, "#who", "demo-viewer").await.contains("Người xem"));
    assert_eq!(count(c, "a[href='/admin/entry']").await, 0, "no data entry in a viewer's navigation");
    follow(c, &format!("/admin/campaigns/{CAMPAIGN}")).await;
    wait(c, "#progress tbody tr").await;
    assert_eq!(count(c, "#progress tbody tr").await, 30, "a viewer sees every unit");
    assert_eq!(count(c, &format!("a[href='/admin/entry/{CAMPAIGN}']")).await, 0);
    c.goto(&format!("{base}/admin/entry/{CAMPAIGN}/{unit}")).await.unwrap();
    wait(c, "#not-allowed").await;
    assert_eq!(count(c, "#entry-form").await, 0);
    assert_accessible(c, "the viewer's refused entry page").await;

    // A token the API no longer accepts (401) leads back to sign-in, with the reason.
    c.execute(&spoil_session("s.token = 'expired';"), vec![]).await.unwrap();
    c.goto(&format!("{base}/admin")).await.unwrap();
    wait_text(c, "#notice", "hết hạn").await;
    wait(c, "#login-user").await;
    let left = c.execute(&format!("return sessionStorage.getItem('{SESSION_KEY}')"), vec![]).await.unwrap();
    assert!(left.is_null(), "the refused token is forgotten");
}
