//! The admin console end to end: the real local stack, a real headless Chromium on a desktop
//! window, staff of the province signing in and working. Two browser sessions in all: one for
//! the administrator, one for a unit's staff and then a viewer (signing out and in again).

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use hailong_domain::{Channel, ItemKind, catalogue};
use hailong_functions::store::Mark;
use hailong_tests::browser::{Browser, assert_accessible};
use hailong_tests::local_stack::{LocalStack, get};
use hailong_tests::pdf;
use hailong_tests::{campaign_id, response_id, unit_code};
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
        if let Ok(el) = c.find(Locator::Css(css)).await
            && let Ok(found) = el.text().await
            && found.contains(text)
        {
            return found;
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
/// choice item (focus moves on by itself), the number of % expected, and Enter to save (from the
/// comment box, which comes last).
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
    // Then the form's comment (typed beforehand, if any), where Enter saves.
    focused_is(c, "entry-comment").await.send_keys(&char::from(Key::Enter).to_string()).await.unwrap();
}

const SESSION_KEY: &str = "hailong-admin-session";

/// A script that changes the console's stored session `s` (`{session, expires}`) as `change`
/// says, behind its back.
fn spoil_session(change: &str) -> String {
    format!(
        "const s = JSON.parse(localStorage.getItem('{SESSION_KEY}')); {change} localStorage.setItem('{SESSION_KEY}', JSON.stringify(s));"
    )
}

/// The API's progress of one unit, asked with the browser's own token.
async fn unit_progress(c: &Client, base: &str, unit: &str) -> Value {
    let session = c.execute(&format!("return localStorage.getItem('{SESSION_KEY}')"), vec![]).await.unwrap();
    let session: Value = serde_json::from_str(session.as_str().unwrap()).unwrap();
    let auth = format!("Bearer {}", session["session"]["token"].as_str().unwrap());
    let (status, _, body) =
        get(&format!("{base}/api/admin/campaigns/{CAMPAIGN}/progress"), &[("Authorization", &auth)]).await;
    assert_eq!(status, 200);
    let progress: Value = serde_json::from_slice(&body).unwrap();
    progress["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == unit)
        .cloned()
        .expect("the unit is in the progress")
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
    assert!(ctx.store.unit(&unit_code("ubnd-moi")).await.unwrap().is_none(), "not even the good row");
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
    verdict
        .find(Locator::Css("input[type=text]"))
        .await
        .unwrap()
        .send_keys("Đã gọi lại, người bệnh xác nhận")
        .await
        .unwrap();
    verdict.find(Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();
    wait_text(c, "form.verdict .ok", "khớp").await;
    assert_accessible(c, "the re-verification page").await;
    let progress = unit_progress(c, base, unit).await;
    assert_eq!(
        (progress["verification"]["sampled"].as_u64(), progress["verification"]["confirmed"].as_u64()),
        (Some(1), Some(1))
    );

    // Exclusion, from the sampled form's link: it stops counting.
    let response = ctx.store.response(&response_id(&id)).await.unwrap().expect("stored");
    let before_mark = ctx.store.mark(&response).await.unwrap();
    follow(c, &format!("/admin/responses/{id}/exclude")).await;
    wait(c, "#reason-fraud").await.click().await.unwrap();
    c.find(Locator::Css("#exclude-note")).await.unwrap().send_keys("Phiếu do cán bộ tự điền").await.unwrap();
    // The response is shown, and excluding it asks first: dismissed, it still counts.
    wait_text(c, "#response-channel", "Phiếu giấy").await;
    wait(c, "#exclude-submit:not([disabled])").await.click().await.unwrap();
    wait_text(c, "#exclude-submit-ask", "không hủy được").await;
    wait(c, "#exclude-submit-no").await.click().await.unwrap();
    assert_eq!(ctx.store.mark(&response).await.unwrap(), before_mark, "dismissed, nothing changed");
    wait(c, "#exclude-submit").await.click().await.unwrap();
    wait(c, "#exclude-submit-yes").await.click().await.unwrap();
    wait_text(c, "#exclude-outcome", &id).await;
    assert_accessible(c, "the exclusion page").await;
    let after = unit_progress(c, base, unit).await;
    assert_eq!(
        after["counted"].as_u64().unwrap() + 1,
        before_exclusion["counted"].as_u64().unwrap(),
        "the excluded form stops counting"
    );
    assert_eq!(after["excluded"].as_u64(), Some(1));
    assert_eq!(ctx.store.mark(&response).await.unwrap(), Some(Mark::Excluded), "the aggregates no longer count it");
    let stored = ctx.store.response(&response_id(&id)).await.unwrap().expect("an exclusion deletes nothing");
    assert_eq!(
        (stored.source.channel(), stored.source.serial(), stored.source.entered_by()),
        (Channel::Paper, Some("AD-0001"), Some("demo-admin"))
    );
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
    let stored = ctx.store.response(&response_id(&id)).await.unwrap().expect("the form is stored");
    assert_eq!(stored.source.channel(), Channel::Paper);
    assert_eq!(stored.source.serial(), Some("CN-0042"));
    assert_eq!(stored.source.entered_by(), Some("demo-staff"));
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
    assert_eq!(
        ctx.store.count_responses(&campaign_id(CAMPAIGN), &unit_code(unit)).await.unwrap(),
        1,
        "one form, one response"
    );
    assert_accessible(c, "the entry page refusing a duplicate serial").await;

    // Pages for administrators are not for staff, even typed in.
    c.goto(&format!("{base}/admin/audit")).await.unwrap();
    wait(c, "#not-allowed").await;
    c.goto(&format!("{base}/admin/campaigns/new")).await.unwrap();
    wait(c, "#not-allowed").await;
    assert_accessible(c, "the page refusing a role").await;

    // What the API refuses anyway (403: a role changed since signing in) is said plainly.
    c.execute(&spoil_session("s.session.role = 'admin';"), vec![]).await.unwrap();
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
    c.execute(&spoil_session("s.session.token = 'expired';"), vec![]).await.unwrap();
    c.goto(&format!("{base}/admin")).await.unwrap();
    wait_text(c, "#notice", "hết hạn").await;
    wait(c, "#login-user").await;
    let left = c.execute(&format!("return localStorage.getItem('{SESSION_KEY}')"), vec![]).await.unwrap();
    assert!(left.is_null(), "the refused token is forgotten");
}

/// Keeps what the console hands the browser to save or open (the Blobs given to
/// `URL.createObjectURL`) for the test to read, instead of downloading files or opening tabs;
/// confirmations are answered yes, as the administrator would.
const KEEP_FILES: &str = "window.__files = []; const create = URL.createObjectURL; \
    URL.createObjectURL = (b) => { window.__files.push(b); return create.call(URL, b); }; \
    const click = HTMLAnchorElement.prototype.click; \
    HTMLAnchorElement.prototype.click = function () { if (!this.download) { click.call(this); } }; \
    window.open = () => null; window.confirm = () => true;";

/// Clicks `css` and answers the bytes of the file it produced.
async fn file_from(c: &Client, css: &str) -> Vec<u8> {
    let before = c.execute("return window.__files.length", vec![]).await.unwrap().as_u64().unwrap();
    wait(c, css).await.click().await.unwrap();
    for _ in 0..300 {
        let script = format!(
            "const done = arguments[arguments.length - 1]; const f = window.__files[{before}]; \
             if (!f) {{ done(null); }} else {{ f.arrayBuffer().then((a) => done(Array.from(new Uint8Array(a)))); }}"
        );
        let bytes = c.execute_async(&script, vec![]).await.unwrap();
        if let Some(bytes) = bytes.as_array() {
            return bytes.iter().map(|b| b.as_u64().unwrap() as u8).collect();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} produced no file");
}

/// An export as the console runs it: the button starts the job, whose file is offered once
/// done (the click clears the previous job's, so the file is always the new one's).
async fn export_from(c: &Client, css: &str) -> Vec<u8> {
    wait(c, css).await.click().await.unwrap();
    file_from(c, "#export-file").await
}

/// Replaces what a field holds, as a person selecting it and typing over it.
async fn type_over(c: &Client, css: &str, text: &str) {
    let field = wait(c, css).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// A date field set as its picker would (typing into one depends on the browser's locale).
async fn set_date(c: &Client, id: &str, date: hailong_domain::Date) {
    let script = format!(
        "const f = document.getElementById('{id}'); f.value = '{date}'; f.dispatchEvent(new Event('input', {{ bubbles: true }}));"
    );
    c.execute(&script, vec![]).await.unwrap();
}

#[tokio::test]
async fn an_administrator_plans_prints_samples_exports_and_publishes_a_campaign() {
    let stack = LocalStack::start().await;
    let browser = Browser::start(1280, 900).await;
    let c = &browser.client;
    let base = &stack.base;
    let ctx = stack.context();
    let (id, station, other) = ("dien-khanh", "tyt-dien-an", "tyt-dien-toan");
    sign_in(c, base, "demo-admin").await;
    c.execute(KEEP_FILES, vec![]).await.unwrap();

    // The district's units, from a CSV (one station with its service volume).
    follow(c, "/admin/units").await;
    let csv = format!(
        "code,name,kind,parent,volume\nkh-dk,Huyện Diên Khánh,khác,,\n{station},Trạm Y tế xã Diên An,trạm y tế,kh-dk,\n{other},Trạm Y tế xã Diên Toàn,trạm y tế,kh-dk,400\n"
    );
    wait(c, "#import-csv").await.send_keys(&csv).await.unwrap();
    c.find(Locator::Css("#import-submit")).await.unwrap().click().await.unwrap();
    wait_text(c, ".ok", "Đã nhập 3 đơn vị").await;

    // The plan: the stations under the district, the catalogue's latest health questionnaire.
    follow(c, "/admin").await;
    follow(c, "/admin/campaigns/new").await;
    type_over(c, "#plan-id", id).await;
    type_over(c, "#plan-title", "Khảo sát sự hài lòng người bệnh Diên Khánh").await;
    type_over(c, "#plan-authority", "Sở Y tế tỉnh Khánh Hòa").await;
    set_date(c, "plan-opens", hailong_tests::today().add_days(-1)).await;
    set_date(c, "plan-closes", hailong_tests::today().add_days(30)).await;
    wait(c, "#kind-tram_y_te").await.click().await.unwrap();
    let chosen = c.find(Locator::Css("#questionnaire-tram_y_te")).await.unwrap().prop("value").await.unwrap();
    assert_eq!(chosen.as_deref(), Some("moh-outpatient@1"), "the usual questionnaire, latest version");
    c.find(Locator::Css("#plan-parent")).await.unwrap().select_by_value("kh-dk").await.unwrap();
    type_over(c, "#plan-min", "1").await;
    assert_accessible(c, "the campaign plan").await;
    c.find(Locator::Css("#plan-submit")).await.unwrap().click().await.unwrap();
    wait_text(c, "#campaign-status", "Bản nháp").await;
    wait(c, "#progress tbody tr").await;
    assert_eq!(count(c, "#progress tbody tr").await, 2, "the district's two stations");

    // Quotas: 50 by default for a station, the Yamane size of its volume for the other (400 → 200);
    // one changed by hand.
    let quota_of = |unit: &'static str| format!("#quota-{unit}");
    let shown = wait(c, &quota_of(other)).await.prop("value").await.unwrap();
    assert_eq!(shown.as_deref(), Some("200"));
    type_over(c, &quota_of(station), &format!("40{}", char::from(Key::Enter))).await;
    for _ in 0..100 {
        let campaign = ctx.store.campaign(&campaign_id(id)).await.unwrap().unwrap();
        if campaign.units.iter().any(|u| u.code.as_str() == station && u.quota == 40) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let campaign = ctx.store.campaign(&campaign_id(id)).await.unwrap().unwrap();
    let quotas: Vec<u32> = campaign.units.iter().map(|u| u.quota).collect();
    assert_eq!(quotas, vec![40, 200]);
    wait_text(c, "#progress-summary", "240").await;
    assert_accessible(c, "a draft campaign with its quotas").await;
    c.find(Locator::Css("#lifecycle")).await.unwrap().click().await.unwrap();
    wait_text(c, "#campaign-status", "Đang mở").await;

    // Posters: one unit's opened and its QR code read back; all of them in one file for printing.
    follow(c, &format!("/admin/campaigns/{id}/posters")).await;
    let poster = pdf::read(&file_from(c, &format!("#posters tr[data-unit='{station}'] button[data-size='a5']")).await);
    assert_eq!((poster.len(), poster[0].width, poster[0].height), (1, 420.0, 595.0), "one A5 page");
    assert!(poster[0].text.contains("Trạm Y tế xã Diên An"), "the unit's name is printed");
    assert!(poster[0].text.contains("Sở Y tế tỉnh Khánh Hòa"), "and who runs the survey");
    assert!(poster[0].qr.contains(&format!("/s/{id}/{station}?p=")), "{}", poster[0].qr);
    let all = pdf::read(&file_from(c, "#all-posters-1").await);
    assert_eq!(all.len(), 2, "one A4 page per unit");
    assert!(all.iter().all(|p| (p.width, p.height) == (595.0, 842.0)));
    assert_accessible(c, "the posters page").await;

    // A paper form with the respondent's written comment.
    follow(c, &format!("/admin/entry/{id}")).await;
    wait(c, "#entry-unit").await.select_by_value(station).await.unwrap();
    wait(c, &format!("#entry-form[data-unit='{station}'] #entry-comment"))
        .await
        .send_keys("Nhà vệ sinh cần sạch hơn")
        .await
        .unwrap();
    type_paper_form(c, station, "DK-0001").await;
    let response = wait(c, "#entered-id").await.text().await.unwrap();
    let stored = ctx.store.response(&response_id(&response)).await.unwrap().expect("stored");
    assert_eq!(
        (stored.source.serial(), stored.comment.as_deref()),
        (Some("DK-0001"), Some("Nhà vệ sinh cần sạch hơn"))
    );

    // Phone sampling: the customer list, a sample of 3 with a recorded seed, the call sheet.
    follow(c, "/admin").await;
    follow(c, &format!("/admin/campaigns/{id}")).await;
    follow(c, &format!("/admin/campaigns/{id}/sampling")).await;
    wait(c, "#sampling-unit").await.select_by_value(station).await.unwrap();
    let customers: String = (1..=10).map(|i| format!("Người bệnh {i},09120000{i:02}\n")).collect();
    wait(c, "#customers-csv").await.send_keys(&format!("name,phone\n{customers}")).await.unwrap();
    c.find(Locator::Css("#upload-customers")).await.unwrap().click().await.unwrap();
    wait_text(c, "main", "Đã nhập 10 dòng").await;
    wait(c, "#sample-size").await.send_keys("3").await.unwrap();
    c.find(Locator::Css("#sample-seed")).await.unwrap().send_keys("42").await.unwrap();
    c.find(Locator::Css("#draw-call-sample")).await.unwrap().click().await.unwrap();
    wait_text(c, "main", "Đã rút 3 trong 10 người. Hạt giống: 42.").await;
    let sheet = String::from_utf8(file_from(c, "#call-sheet").await).unwrap();
    assert_eq!(sheet.lines().filter(|l| l.contains("Người bệnh")).count(), 3, "{sheet}");
    assert_accessible(c, "the sampling page").await;

    // Exports of the campaign: CSV with a BOM and Vietnamese headers, and an XLSX workbook.
    follow(c, &format!("/admin/campaigns/{id}")).await;
    let csv = export_from(c, "#export-csv").await;
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "a BOM, for Excel");
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.lines().next().unwrap().contains("Số phiếu"), "Vietnamese headers: {}", csv.lines().next().unwrap());
    assert!(csv.contains("DK-0001") && csv.contains("Nhà vệ sinh cần sạch hơn"), "{csv}");
    let xlsx = export_from(c, "#export-xlsx").await;
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an XLSX is a zip");
    let mut text = String::new();
    for i in 0..book.len() {
        std::io::Read::read_to_string(&mut book.by_index(i).unwrap(), &mut text).unwrap();
    }
    assert!(text.contains("DK-0001"), "the form is in the workbook");

    // An open campaign cannot be published: the button is disabled and says why.
    follow(c, &format!("/admin/campaigns/{id}/publish")).await;
    assert!(!wait(c, "#publish").await.is_enabled().await.unwrap(), "an open campaign is not published");
    wait_text(c, "#publish-why", "đã đóng").await;
    follow(c, &format!("/admin/campaigns/{id}")).await;

    // Closed, published, and the list of customers purged.
    wait(c, "#lifecycle").await.click().await.unwrap();
    wait_text(c, "#campaign-status", "Đã đóng").await;
    follow(c, &format!("/admin/campaigns/{id}/publish")).await;
    // The preview, a job the page starts and follows, shows the units' figures once done.
    wait_text(c, "#preview", "Trạm Y tế xã Diên An").await;
    // Publishing asks first, saying what goes public (the preview's totals); confirmed, the page
    // follows the job.
    wait(c, "#publish").await.click().await.unwrap();
    wait_text(c, "#publish-ask", "Kết quả của 2 đơn vị (1 phiếu được tính) sẽ được công bố công khai").await;
    wait(c, "#publish-yes").await.click().await.unwrap();
    wait_text(c, "main", "Đã công bố bản 1").await;
    let (status, _, body) = get(&format!("{base}/api/results/{id}"), &[]).await;
    assert_eq!(status, 200);
    let snapshot: Value = serde_json::from_slice(&body).unwrap();
    let unit =
        snapshot["units"].as_array().unwrap().iter().find(|u| u["code"] == station).expect("the station is published");
    assert_eq!((snapshot["version"].as_u64(), unit["n"].as_u64()), (Some(1), Some(1)));
    follow(c, &format!("/admin/campaigns/{id}/sampling")).await;
    wait(c, "#sampling-unit").await.select_by_value(station).await.unwrap();
    // Purging asks first; dismissed, the list is still there.
    wait(c, "#purge-customers").await.click().await.unwrap();
    wait_text(c, "#purge-customers-ask", "không hủy được").await;
    wait(c, "#purge-customers-no").await.click().await.unwrap();
    assert_eq!(count(c, "#purge-customers-ask").await, 0, "dismissed, the question is gone");
    let sheet = String::from_utf8(file_from(c, "#call-sheet").await).unwrap();
    assert_eq!(sheet.lines().filter(|l| l.contains("Người bệnh")).count(), 3, "nothing was purged: {sheet}");
    wait(c, "#purge-customers").await.click().await.unwrap();
    wait(c, "#purge-customers-yes").await.click().await.unwrap();
    wait_text(c, "main", "Đã xóa 10 dòng khách hàng.").await;

    // Every step is in the audit log, newest first.
    follow(c, "/admin/audit").await;
    wait(c, "#audit tbody tr").await;
    let mut actions = Vec::new();
    for row in c.find_all(Locator::Css("#audit tbody tr")).await.unwrap() {
        actions.push(row.attr("data-action").await.unwrap().unwrap_or_default());
    }
    let expected = [
        "customers.purge",
        "customers.call_sheet",
        "campaign.publish",
        "campaign.close",
        "customers.call_sheet",
        "customers.sample",
        "customers.upload",
        "response.enter",
        "campaign.open",
        "campaign.quota",
        "campaign.create",
        "units.import",
    ];
    assert_eq!(actions, expected, "each step, by whom and when, newest first");
    wait_text(
        c,
        "#audit tbody tr:first-child th",
        "Xóa danh sách khách hàng của tyt-dien-an trong đợt dien-khanh: 10 dòng.",
    )
    .await;
    assert_accessible(c, "the audit log").await;
}
