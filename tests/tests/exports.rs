//! Exports as jobs, on DynamoDB Local: the file a CSV or XLSX job writes step by step holds
//! exactly the stored responses, once each, whatever the number of steps or deliveries; scoping
//! and privacy hold (staff export their own units only; free-text comments come from the public
//! and may name people, so only administrators export them).

use hailong_domain::{Campaign, CampaignId, Receipt, Response};
use hailong_functions::Context;
use hailong_functions::queue::JobQueue;
use hailong_functions::steps;
use hailong_tests::{call_as, export, fresh_context, full_answers, login};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::io::Read;
use uuid::Uuid;

const STATION: &str = "tyt-cam-nghia"; // demo-staff's unit
const OTHER: &str = "ubnd-cam-nghia";
const COMMENT: &str = "Chị Lan ở quầy 2 hướng dẫn tận tình";

/// The cells of the first sheet of an XLSX file, by row, placed by their column letters.
fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX file is a zip");
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml").unwrap().read_to_string(&mut workbook).unwrap();
    assert!(workbook.contains("<sheet name=\"Phản hồi\""), "{workbook}");
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut xml).unwrap();
    let between = |s: &str, from: &str, to: &str| {
        s.split_once(from).and_then(|(_, rest)| rest.split_once(to)).map(|(v, _)| v.to_owned())
    };
    let unescape =
        |s: String| s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    xml.split("<row ")
        .skip(1)
        .map(|row| {
            let mut cells: Vec<String> = Vec::new();
            for c in row.split("<c r=\"").skip(1) {
                let letters: String = c.chars().take_while(char::is_ascii_uppercase).collect();
                let col = letters.bytes().fold(0, |n, b| n * 26 + (b - b'A' + 1) as usize) - 1;
                let value = if c.contains("t=\"inlineStr\"") {
                    between(c, "<t xml:space=\"preserve\">", "</t>")
                } else {
                    between(c, "<v>", "</v>")
                };
                cells.resize(cells.len().max(col + 1), String::new());
                cells[col] = unescape(value.unwrap_or_default());
            }
            cells
        })
        .collect()
}

/// The data lines of a CSV export (after its byte-order mark and header), split plainly: the
/// responses of these tests hold no comma, quote or line break but in the defused comment.
fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "one byte-order mark, at the start");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(!text.contains('\u{feff}'), "no later step writes another byte-order mark");
    let mut lines = text.lines().map(|l| l.split(',').map(str::to_owned).collect::<Vec<_>>());
    let header = lines.next().expect("a header");
    (header, lines.collect())
}

fn paper(unit: &str, serial: &str) -> Value {
    json!({"id": Uuid::new_v4(), "campaign": "cam-ranh", "unit": unit, "channel": "paper", "serial": serial,
        "answers": full_answers("moh-outpatient")})
}

/// A campaign `id` of `units` of the demo's, each planned at `quota` (so that the export cuts
/// it into one step per batch of units), holding `per_unit` responses in each, bulk-loaded:
/// their ids.
async fn bulk_campaign(
    ctx: &Context,
    demo: &Campaign,
    id: &str,
    units: usize,
    quota: u32,
    per_unit: usize,
) -> Vec<String> {
    let mut c = demo.clone();
    c.id = CampaignId::parse(id).unwrap();
    let model = c.units.iter().find(|u| u.code.as_str() == STATION).unwrap().clone();
    c.units = (0..units)
        .map(|i| {
            let mut u = model.clone();
            u.code = hailong_domain::UnitCode::parse(&format!("u{i:05}")).unwrap();
            u.quota = quota;
            u
        })
        .collect();
    assert!(ctx.store.insert_campaign(&c).await.unwrap());
    let questionnaire = c.questionnaire_for(model.kind).unwrap();
    let answers = full_answers(questionnaire.id.as_str());
    let mut ids = Vec::new();
    // Loaded a few thousand at a time, so that the benchmark's memory is the export's, not the load's.
    for (n, units) in c.units.chunks((5_000 / per_unit).max(1)).enumerate() {
        let mut rows = Vec::new();
        for (k, unit) in units.iter().enumerate() {
            let i = n * (5_000 / per_unit).max(1) + k;
            for j in 0..per_unit {
                let rid = Uuid::new_v4();
                let comment = if j == 0 { json!(format!("=1+1 góp ý {i}")) } else { Value::Null };
                let response: Response = serde_json::from_value(json!({"id": rid, "campaign": id, "unit": unit.code,
                    "questionnaire": questionnaire, "channel": "qr", "answers": answers, "comment": comment,
                    "received_at_ms": 1_767_225_600_000i64 + (i * per_unit + j) as i64}))
                .unwrap();
                let receipt = Receipt::from_random(hailong_functions::random::random_bytes());
                rows.push((response, format!("fp-{rid}"), receipt));
                ids.push(rid.to_string());
            }
        }
        ctx.store.load_responses(&rows).await.unwrap();
    }
    ids
}

#[tokio::test]
async fn csv_and_xlsx_jobs_of_many_steps_hold_every_stored_response_once() {
    let (ctx, demo) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    // 6,000 planned per unit: one unit per step, so five steps carrying bytes one to the next.
    let ids = bulk_campaign(&ctx, &demo, "exp-steps", 5, 6_000, 30).await;
    let expected: BTreeSet<&str> = ids.iter().map(String::as_str).collect();

    let (header, rows) = csv_rows(&export(&ctx, &admin, "exp-steps", "csv", None).await.expect("exported"));
    assert_eq!(header[..3], ["Mã phản hồi", "Đơn vị", "Bộ câu hỏi"]);
    assert_eq!(rows.len(), ids.len(), "one row per stored response");
    let exported: BTreeSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(exported, expected, "each stored response, once");
    let comment = header.iter().position(|h| h == "Góp ý").expect("administrators export comments");
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row[1], format!("u{:05}", i / 30), "in campaign order, unit by unit");
        let stored = if i % 30 == 0 { format!("\"'=1+1 góp ý {}\"", i / 30) } else { String::new() };
        assert_eq!(row[comment], stored, "the neutralising writer defuses every field");
    }

    let sheet = xlsx_rows(&export(&ctx, &admin, "exp-steps", "xlsx", None).await.expect("exported"));
    assert_eq!(sheet.len(), ids.len() + 1, "a header and one row per response");
    assert_eq!(sheet[0], header, "the same Vietnamese header as the CSV");
    let exported: BTreeSet<&str> = sheet[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(exported, expected);
    for (x, c) in sheet[1..].iter().zip(&rows) {
        let mut c = c.clone();
        if !c[comment].is_empty() {
            c[comment] = c[comment].trim_start_matches("\"'").trim_end_matches('"').to_owned();
        }
        let mut x = x.clone();
        x.resize(c.len(), String::new());
        assert_eq!(x, c, "every cell as in the CSV (the XLSX keeps text as text)");
    }
}

#[tokio::test]
async fn the_xlsx_export_writes_numbers_as_numbers_and_text_as_it_is() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let staff = login(&ctx, "demo-staff").await;
    for i in 0..2 {
        let mut body = paper(STATION, &format!("X-{i}"));
        body["comment"] = json!(format!("=cmd| 'nhân viên <tận tình> & chu đáo' {i}"));
        assert_eq!(call_as(&ctx, Some(&staff), "POST", "/api/admin/responses", Some(body)).await.0, 201);
    }
    let xlsx = export(&ctx, &admin, "cam-ranh", "xlsx", Some(STATION)).await.expect("exported");
    let rows = xlsx_rows(&xlsx);
    assert_eq!(rows.len(), 3, "a header and two responses");
    assert!(rows[1][9].starts_with("=cmd| 'nhân viên <tận tình> & chu đáo'"), "{}", rows[1][9]);
    let mut sheet = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(&xlsx[..]))
        .unwrap()
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    let version_cell = sheet.split("<c r=\"D2\"").nth(1).and_then(|c| c.split("</c>").next()).expect("cell D2");
    assert!(
        !version_cell.contains("inlineStr") && version_cell.contains("<v>1</v>"),
        "numbers as numbers: {version_cell}"
    );
    let whole = export(&ctx, &admin, "cam-ranh", "xlsx", None).await.expect("exported");
    assert_eq!(xlsx_rows(&whole).len(), 3);
}

#[tokio::test]
async fn a_step_delivered_twice_writes_no_duplicate_rows() {
    let (mut ctx, demo) = fresh_context().await;
    let (queue, mut queued) = tokio::sync::mpsc::unbounded_channel();
    ctx.jobs = JobQueue::InProcess(queue);
    let admin = login(&ctx, "demo-admin").await;
    let ids = bulk_campaign(&ctx, &demo, "exp-twice", 4, 6_000, 5).await;
    let (status, job) =
        call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/exp-twice/exports", Some(json!({"format": "csv"})))
            .await;
    assert_eq!((status, job["state"].as_str(), job["units_total"].as_u64()), (202, Some("running"), Some(4)), "{job}");
    let mut deliveries = 0;
    while let Ok(step) = queued.try_recv() {
        // Each step twice, and the first step again at the end (a late redelivery).
        for _ in 0..2 {
            steps::deliver(&ctx, &step, 1).await.unwrap();
            deliveries += 1;
        }
    }
    assert!(deliveries >= 8, "four steps, each delivered twice (and some re-queued): {deliveries}");
    let first = json!({"export": job["job"], "campaign": "exp-twice", "batch": 0}).to_string();
    steps::deliver(&ctx, &first, 1).await.unwrap();
    let path = format!("/api/admin/campaigns/exp-twice/exports/{}", job["job"].as_str().unwrap());
    let (_, done) = call_as(&ctx, Some(&admin), "GET", &path, None).await;
    assert_eq!((done["state"].as_str(), done["rows_written"].as_u64()), (Some("done"), Some(20)), "{done}");
    let file = hailong_functions::dispatch(
        &ctx,
        hailong_tests::request_as(Some(&admin), "GET", done["download"].as_str().unwrap(), None),
    )
    .await;
    let (_, rows) = csv_rows(file.body().as_ref());
    assert_eq!(rows.len(), ids.len(), "no row twice");
    assert_eq!(rows.iter().map(|r| r[0].as_str()).collect::<BTreeSet<_>>(), ids.iter().map(String::as_str).collect());
}

#[tokio::test]
async fn only_administrators_export_comments_and_staff_only_their_units() {
    let (ctx, _) = fresh_context().await;
    let staff = login(&ctx, "demo-staff").await;
    let mut body = paper(STATION, "C-1");
    body["comment"] = json!(COMMENT);
    assert_eq!(call_as(&ctx, Some(&staff), "POST", "/api/admin/responses", Some(body)).await.0, 201);

    let admin = export(&ctx, &login(&ctx, "demo-admin").await, "cam-ranh", "csv", Some(STATION)).await.unwrap();
    let admin = String::from_utf8(admin).unwrap();
    let header = admin.lines().next().unwrap();
    assert!(header.contains("Góp ý"), "{header}");
    assert!(admin.contains(COMMENT), "administrators review comments: {admin}");

    for user in ["demo-staff", "demo-viewer"] {
        let token = login(&ctx, user).await;
        for format in ["csv", "xlsx"] {
            let file = export(&ctx, &token, "cam-ranh", format, Some(STATION)).await.unwrap();
            if format == "xlsx" {
                let rows = xlsx_rows(&file);
                assert!(!rows[0].contains(&"Góp ý".to_owned()), "{user}: {:?}", rows[0]);
                assert!(rows.iter().flatten().all(|c| c != COMMENT), "{user} must not export comments");
                continue;
            }
            let csv = String::from_utf8(file).unwrap();
            let mut lines = csv.lines();
            let header = lines.next().unwrap();
            assert!(!header.contains("Góp ý"), "{user}: {header}");
            assert!(!csv.contains(COMMENT), "{user} must not export comments: {csv}");
            // The same row otherwise: one column fewer than the administrator's.
            let columns = |l: &str| l.split(',').count();
            assert_eq!(columns(header) + 1, columns(admin.lines().next().unwrap()), "{user}");
            assert_eq!(lines.count(), 1, "{user}: the response is still exported");
        }
    }
    // Staff: their own unit only, never the whole campaign.
    for unit in [Some(OTHER), None] {
        let refused = export(&ctx, &staff, "cam-ranh", "csv", unit).await.unwrap_err();
        assert_eq!(refused.0, 403, "{unit:?}: {}", refused.1);
    }
    // A job is its requester's: another user neither follows it nor downloads it.
    let (_, job) = call_as(
        &ctx,
        Some(&staff),
        "POST",
        "/api/admin/campaigns/cam-ranh/exports",
        Some(json!({"format": "csv", "unit": STATION})),
    )
    .await;
    let path = format!("/api/admin/campaigns/cam-ranh/exports/{}", job["job"].as_str().unwrap());
    let viewer = login(&ctx, "demo-viewer").await;
    assert_eq!(call_as(&ctx, Some(&viewer), "GET", &path, None).await.0, 404);
    assert_eq!(call_as(&ctx, Some(&viewer), "GET", &format!("{path}/file"), None).await.0, 404);
}

#[tokio::test]
async fn bad_export_requests_are_refused_in_words() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let path = "/api/admin/campaigns/cam-ranh/exports";
    for body in [
        json!({"format": "pdf"}),
        json!({}),
        json!({"format": "csv", "unit": "Not a code!"}),
        json!({"format": "csv", "units": [STATION]}),
    ] {
        let (status, answer) = call_as(&ctx, Some(&admin), "POST", path, Some(body.clone())).await;
        assert_eq!(status, 400, "{body}: {answer}");
        assert!(!answer["message"].as_str().unwrap_or_default().is_empty(), "{answer}");
    }
    let (status, _) =
        call_as(&ctx, Some(&admin), "POST", path, Some(json!({"format": "csv", "unit": "nowhere"}))).await;
    assert_eq!(status, 404, "a unit not of the campaign");
    let (status, _) =
        call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/nope/exports", Some(json!({"format": "csv"}))).await;
    assert_eq!(status, 404);
}

/// Peak resident memory since the last [`reset_peak`], and resident memory now, in KiB.
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let field = |name: &str| {
        status.lines().find_map(|l| l.strip_prefix(name)).and_then(|v| v.trim().split(' ').next()?.parse().ok())
    };
    (field("VmHWM:").unwrap(), field("VmRSS:").unwrap())
}

/// Starts a new peak: the kernel sets the high-water mark back to what is resident now.
fn reset_peak() {
    std::fs::write("/proc/self/clear_refs", "5").expect("Linux resets VmHWM through clear_refs");
}

/// A benchmark, not a test: a CSV and an XLSX export of 100,000 responses over 1,000 units
/// (bulk-loaded), the steps delivered one by one as the queue would: time and peak memory per
/// step, and in all (BENCHMARKS.md, "Exports").
#[tokio::test(flavor = "current_thread")]
#[ignore = "a benchmark: prints the time and memory of each step of a 100,000-row export"]
async fn bench_export() {
    let (mut ctx, demo) = fresh_context().await;
    let (queue, mut queued) = tokio::sync::mpsc::unbounded_channel();
    ctx.jobs = JobQueue::InProcess(queue);
    let admin = login(&ctx, "demo-admin").await;
    let loading = std::time::Instant::now();
    let ids = bulk_campaign(&ctx, &demo, "exp-bench", 1_000, 100, 100).await;
    println!(
        "bench_export: {} responses over 1,000 units bulk-loaded in {:.1} s",
        ids.len(),
        loading.elapsed().as_secs_f64()
    );
    for format in ["csv", "xlsx"] {
        let (status, job) = call_as(
            &ctx,
            Some(&admin),
            "POST",
            "/api/admin/campaigns/exp-bench/exports",
            Some(json!({"format": format})),
        )
        .await;
        assert_eq!(status, 202, "{job}");
        let started = std::time::Instant::now();
        let (mut slowest, mut peak, mut growth, mut steps) = (0f64, 0u64, 0u64, 0);
        while let Ok(step) = queued.try_recv() {
            reset_peak();
            let (_, before) = memory_kib();
            let at = std::time::Instant::now();
            steps::deliver(&ctx, &step, 1).await.unwrap();
            let took = at.elapsed().as_secs_f64();
            let (high, _) = memory_kib();
            println!(
                "bench_export {format} step {steps:>2}: {:>6.0} ms, peak RSS {:>6.1} MB (+{:.1} MB over the step's start)",
                took * 1000.0,
                high as f64 / 1024.0,
                high.saturating_sub(before) as f64 / 1024.0
            );
            (slowest, peak, growth, steps) =
                (slowest.max(took), peak.max(high), growth.max(high.saturating_sub(before)), steps + 1);
        }
        let total = started.elapsed().as_secs_f64();
        let path = format!("/api/admin/campaigns/exp-bench/exports/{}", job["job"].as_str().unwrap());
        let (_, done) = call_as(&ctx, Some(&admin), "GET", &path, None).await;
        assert_eq!((done["state"].as_str(), done["rows_written"].as_u64()), (Some("done"), Some(ids.len() as u64)));
        let file = hailong_functions::dispatch(
            &ctx,
            hailong_tests::request_as(Some(&admin), "GET", done["download"].as_str().unwrap(), None),
        )
        .await;
        let size = file.body().as_ref().len();
        if format == "xlsx" {
            assert_eq!(xlsx_rows(file.body().as_ref()).len(), ids.len() + 1);
        } else {
            assert_eq!(csv_rows(file.body().as_ref()).1.len(), ids.len());
        }
        println!(
            "bench_export {format}: {} rows, {steps} steps in {total:.1} s (slowest step {:.0} ms), file {:.1} MB, peak RSS {:.1} MB, at most +{:.1} MB in a step",
            ids.len(),
            slowest * 1000.0,
            size as f64 / 1_048_576.0,
            peak as f64 / 1024.0,
            growth as f64 / 1024.0
        );
    }
}
