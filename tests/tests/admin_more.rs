//! Running a survey campaign, against DynamoDB Local: the phone survey's customer list, sample
//! and call sheet; flags for review; the XLSX export; editing and deactivating units; the OpenAPI
//! document.

use hailong_functions::Context;
use hailong_tests::{call, call_as, decode, fresh_context, full_answers, login, request_as};
use serde_json::{Value, json};
use uuid::Uuid;

const STATION: &str = "tyt-cam-nghia"; // demo-staff's unit
const OTHER: &str = "ubnd-cam-nghia";

/// Sends a request and answers the status, the content type and the raw body.
async fn fetch(ctx: &Context, token: &str, method: &str, path: &str, body: Option<Vec<u8>>) -> (u16, String, Vec<u8>) {
    let answer = hailong_functions::dispatch(ctx, request_as(Some(token), method, path, body)).await;
    let content_type = answer.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    (answer.status().as_u16(), content_type, answer.body().as_ref().to_vec())
}

async fn send(ctx: &Context, token: &str, method: &str, path: &str, body: Option<Vec<u8>>) -> (u16, Value) {
    decode(hailong_functions::dispatch(ctx, request_as(Some(token), method, path, body)).await)
}

fn customers_path(unit: &str) -> String {
    format!("/api/admin/campaigns/cam-ranh/units/{unit}/customers")
}

/// A one-stop office's list: BOM, Vietnamese headers, 12 rows, the last a second dossier of the
/// first customer (same phone number).
fn customer_list() -> (String, Vec<(String, String)>) {
    let names = [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Phạm Thị Dung",
        "Hoàng Văn Em",
        "Huỳnh Thị Phương",
        "Phan Văn Giang",
        "Vũ Thị Hà",
        "Võ Văn Ích",
        "Đặng Thị Kim",
        "Bùi Văn Long",
    ];
    let people: Vec<(String, String)> =
        names.iter().enumerate().map(|(i, n)| (n.to_string(), format!("09123456{i:02}"))).collect();
    let mut csv = String::from("\u{FEFF}Họ tên,Số điện thoại,Mã hồ sơ,Ngày giao dịch\n");
    for (i, (name, phone)) in people.iter().enumerate() {
        csv.push_str(&format!(
            "{name},{} {} {},H31.01-2110{i:02},{:02}/10/2021\n",
            &phone[..4],
            &phone[4..7],
            &phone[7..],
            i + 1
        ));
    }
    csv.push_str(&format!("{},{},H31.01-211099,30/10/2021\n", people[0].0, people[0].1));
    (csv, people)
}

/// The data rows of a call sheet (after its BOM and header).
fn call_sheet_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM, for Excel");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("STT,Họ tên,Số điện thoại,Mã hồ sơ,Ngày giao dịch,Kết quả gọi,Ghi chú"));
    lines.map(|l| l.split(',').map(str::to_owned).collect()).collect()
}

#[tokio::test]
async fn a_phone_sample_is_drawn_from_the_customer_list_and_purged_after() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let staff = login(&ctx, "demo-staff").await;
    let viewer = login(&ctx, "demo-viewer").await;
    let path = customers_path(STATION);
    let sample_path = format!("/api/admin/campaigns/cam-ranh/units/{STATION}/sample");
    let sheet_path = format!("/api/admin/campaigns/cam-ranh/units/{STATION}/call-sheet.csv");

    // Bad rows are named, and nothing of the file is kept.
    let bad = "name,phone,dossier,date\nAn,0912345678,,\n,0912345679,,\nBình,12345,,\nChi,0912345670,,31/02/2021\n";
    let (status, err) = send(&ctx, &staff, "POST", &path, Some(bad.into())).await;
    assert_eq!((status, err["error"].as_str()), (400, Some("invalid_rows")), "{err}");
    let rows: Vec<u64> = err["rows"].as_array().unwrap().iter().map(|r| r["row"].as_u64().unwrap()).collect();
    assert_eq!(rows, vec![3, 4, 5]);
    let (status, err) = send(&ctx, &staff, "POST", &sample_path, Some(json!({"size": 3}).to_string().into())).await;
    assert_eq!(status, 409, "no list was stored: {err}");

    // A good list: counts come back, never the people.
    let (csv, people) = customer_list();
    let (status, answer) = send(&ctx, &staff, "POST", &path, Some(csv.clone().into_bytes())).await;
    assert_eq!((status, answer.clone()), (200, json!({"rows": 12, "phones": 11, "replaced": 0})));
    // Until a sample is drawn, a new upload replaces the list.
    let (status, answer) = send(&ctx, &staff, "POST", &path, Some(csv.clone().into_bytes())).await;
    assert_eq!((status, answer["replaced"].as_u64()), (200, Some(12)));
    assert_eq!(
        send(&ctx, &viewer, "POST", &path, Some(csv.clone().into_bytes())).await.0,
        403,
        "personal data: never viewers"
    );
    assert_eq!(
        send(&ctx, &staff, "POST", &customers_path(OTHER), Some(csv.clone().into_bytes())).await.0,
        403,
        "not the staff's unit"
    );

    // The sample: five people, each at most once, reproducible from the recorded seed.
    let (status, sample) = send(&ctx, &staff, "POST", &sample_path, Some(json!({"size": 5}).to_string().into())).await;
    assert_eq!(status, 201, "{sample}");
    assert_eq!(
        (sample["population"].as_u64(), sample["rows"].as_array().unwrap().len(), sample["by"].as_str()),
        (Some(11), 5, Some("demo-staff"))
    );
    assert!(!sample.to_string().contains("0912"), "no phone number in the answer");
    let seed = sample["seed"].as_u64().unwrap();
    assert_eq!(
        send(&ctx, &staff, "POST", &sample_path, Some(json!({"size": 5}).to_string().into())).await.0,
        409,
        "drawn once"
    );
    assert_eq!(
        send(&ctx, &staff, "POST", &path, Some(csv.clone().into_bytes())).await.0,
        409,
        "the sampled list stays as drawn from"
    );

    // The call sheet: the sampled people in the order drawn, numbers readable and kept as text.
    let (status, content_type, bytes) = fetch(&ctx, &staff, "GET", &sheet_path, None).await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/csv"));
    let sheet = call_sheet_rows(&bytes);
    assert_eq!(sheet.len(), 5);
    for (i, (line, row)) in sheet.iter().zip(sample["rows"].as_array().unwrap()).enumerate() {
        let person = &people[row.as_u64().unwrap() as usize - 2];
        let phone = format!("{} {} {}", &person.1[..4], &person.1[4..7], &person.1[7..]);
        assert_eq!(line[..3], [(i + 1).to_string(), person.0.clone(), phone]);
        assert!(line[4].ends_with("/10/2021") && line[5].is_empty() && line[6].is_empty(), "{line:?}");
    }
    assert_eq!(send(&ctx, &viewer, "GET", &sheet_path, None).await.0, 403);

    // Staff purge only once the campaign is closed; then nothing is left.
    assert_eq!(send(&ctx, &staff, "DELETE", &path, None).await.0, 403, "the campaign is still open");
    assert_eq!(call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/cam-ranh/close", None).await.0, 200);
    assert_eq!(send(&ctx, &staff, "POST", &path, Some(csv.clone().into_bytes())).await.0, 409, "closed: no new list");
    let (status, purged) = send(&ctx, &staff, "DELETE", &path, None).await;
    assert_eq!((status, purged), (200, json!({"rows": 12, "sample": true})));
    assert_eq!(send(&ctx, &staff, "GET", &sheet_path, None).await.0, 404);
    assert_eq!(send(&ctx, &staff, "DELETE", &path, None).await.1, json!({"rows": 0, "sample": false}));

    // The audit log tells who did what with the list, by counts, and holds no name or number.
    let (_, log) = call_as(&ctx, Some(&admin), "GET", "/api/admin/audit?limit=500", None).await;
    let log = &log["entries"];
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .filter(|a| a.starts_with("customers."))
        .collect();
    assert_eq!(
        actions,
        [
            "customers.purge",
            "customers.purge",
            "customers.call_sheet",
            "customers.sample",
            "customers.upload",
            "customers.upload"
        ]
    );
    let text = log.to_string();
    for (name, phone) in &people {
        assert!(!text.contains(name.as_str()) && !text.contains(&phone[1..]), "{name} leaked into the audit log");
    }
    assert!(text.contains(&format!("\"seed\":{seed}")), "the seed is recorded");
}

#[tokio::test]
async fn an_administrator_purges_at_any_time_and_a_seed_reproduces_the_sample() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let path = customers_path(OTHER);
    let sample_path = format!("/api/admin/campaigns/cam-ranh/units/{OTHER}/sample");
    let (csv, _) = customer_list();
    assert_eq!(send(&ctx, &admin, "POST", &path, Some(csv.clone().into_bytes())).await.0, 200);
    let (_, first) = send(&ctx, &admin, "POST", &sample_path, Some(json!({"size": 4}).to_string().into())).await;
    assert_eq!(
        send(&ctx, &admin, "DELETE", &path, None).await,
        (200, json!({"rows": 12, "sample": true})),
        "open, but an administrator"
    );
    // The same list and the recorded seed give the same people in the same order.
    assert_eq!(send(&ctx, &admin, "POST", &path, Some(csv.into_bytes())).await.0, 200);
    let (status, again) =
        send(&ctx, &admin, "POST", &sample_path, Some(json!({"size": 4, "seed": first["seed"]}).to_string().into()))
            .await;
    assert_eq!(status, 201);
    assert_eq!(again["rows"], first["rows"]);
    // More than there are people: everyone, once.
    let plain = "name,phone\nAn,0912345678\nBình,+84 912 345 679\nAn,912345678\n";
    assert_eq!(send(&ctx, &admin, "DELETE", &path, None).await.0, 200);
    assert_eq!(
        send(&ctx, &admin, "POST", &path, Some(plain.into())).await.1,
        json!({"rows": 3, "phones": 2, "replaced": 0})
    );
    let (_, all) = send(&ctx, &admin, "POST", &sample_path, Some(json!({"size": 10}).to_string().into())).await;
    assert_eq!((all["size"].as_u64(), all["rows"].as_array().unwrap().len()), (Some(10), 2));
    assert_eq!(
        send(
            &ctx,
            &admin,
            "POST",
            &format!("/api/admin/campaigns/cam-ranh/units/{OTHER}/sample"),
            Some(b"{\"size\": 1}".to_vec())
        )
        .await
        .0,
        409,
        "drawn already"
    );
    assert_eq!(
        send(
            &ctx,
            &admin,
            "POST",
            "/api/admin/campaigns/cam-ranh/units/nowhere/customers",
            Some(b"name,phone\n".to_vec())
        )
        .await
        .0,
        404
    );
}

fn paper(unit: &str, questionnaire: &str, serial: &str) -> Value {
    json!({"id": Uuid::new_v4(), "campaign": "cam-ranh", "unit": unit, "channel": "paper", "serial": serial, "answers": full_answers(questionnaire)})
}

fn kinds(flags: &Value) -> Vec<(String, String, usize)> {
    let mut kinds: Vec<_> = flags["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["unit"].as_str().unwrap().to_owned(),
                f["kind"].as_str().unwrap().to_owned(),
                f["responses"].as_array().unwrap().len(),
            )
        })
        .collect();
    kinds.sort();
    kinds
}

#[tokio::test]
async fn flags_point_at_identical_sheets_bursts_and_fast_entry_within_the_callers_scope() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let staff = login(&ctx, "demo-staff").await;
    let viewer = login(&ctx, "demo-viewer").await;
    // Three identical long paper forms entered one right after another by the same person.
    let mut entered = Vec::new();
    for i in 0..3 {
        let body = paper(STATION, "moh-outpatient", &format!("F-{i}"));
        assert_eq!(call_as(&ctx, Some(&staff), "POST", "/api/admin/responses", Some(body.clone())).await.0, 201);
        entered.push(body["id"].as_str().unwrap().to_owned());
    }
    // Five QR answers to another unit within seconds, each different.
    for i in 0..5 {
        let mut answers = full_answers("sipas");
        answers.insert("q15".into(), json!(i % 5 + 1));
        let comment = format!("góp ý {i}");
        let body = json!({"id": Uuid::new_v4(), "campaign": "cam-ranh", "unit": OTHER, "channel": "qr", "answers": answers, "comment": comment});
        let (status, answer) = call(&ctx, "POST", "/api/responses", Some(body)).await;
        assert_eq!(status, 201, "{answer}");
    }

    let (status, flags) = call_as(&ctx, Some(&admin), "GET", "/api/admin/campaigns/cam-ranh/flags", None).await;
    assert_eq!(status, 200, "{flags}");
    let station_and_other = vec![
        (STATION.to_owned(), "fast_entry".to_owned(), 3),
        (STATION.to_owned(), "identical_answers".to_owned(), 3),
        (OTHER.to_owned(), "burst".to_owned(), 5),
    ];
    assert_eq!(kinds(&flags), station_and_other, "{flags}");
    let fast = flags["flags"].as_array().unwrap().iter().find(|f| f["kind"] == "fast_entry").unwrap();
    assert_eq!(fast["responses"], json!(entered), "in the order entered");
    assert!(fast["detail"].as_str().unwrap().contains("demo-staff"));
    assert_eq!(
        kinds(&call_as(&ctx, Some(&viewer), "GET", "/api/admin/campaigns/cam-ranh/flags", None).await.1),
        station_and_other
    );
    assert_eq!(
        kinds(&call_as(&ctx, Some(&staff), "GET", "/api/admin/campaigns/cam-ranh/flags", None).await.1),
        station_and_other[..2],
        "staff: their unit"
    );

    // A flag excludes nothing; an exclusion, once decided, takes the response out of the flags.
    let (_, progress) = call_as(&ctx, Some(&admin), "GET", "/api/admin/campaigns/cam-ranh/progress", None).await;
    let station = progress["units"].as_array().unwrap().iter().find(|u| u["code"] == STATION).unwrap().clone();
    assert_eq!(station["counted"], 3);
    let exclude = format!("/api/admin/responses/{}/exclude", entered[2]);
    assert_eq!(call_as(&ctx, Some(&admin), "POST", &exclude, Some(json!({"reason": "fraud"}))).await.0, 200);
    let (_, flags) = call_as(&ctx, Some(&staff), "GET", "/api/admin/campaigns/cam-ranh/flags", None).await;
    assert_eq!(
        kinds(&flags),
        vec![(STATION.to_owned(), "fast_entry".to_owned(), 2), (STATION.to_owned(), "identical_answers".to_owned(), 2)]
    );
    assert_eq!(call_as(&ctx, Some(&admin), "GET", "/api/admin/campaigns/nowhere/flags", None).await.0, 404);
}

#[tokio::test]
async fn units_are_edited_and_deactivated_never_deleted() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let unit_path = format!("/api/admin/units/{STATION}");
    let edit = json!({"name": "Trạm Y tế phường Cam Nghĩa (cơ sở 2)", "kind": "tram_y_te", "parent": "cam-ranh", "volume": 1000});
    let (status, unit) = call_as(&ctx, Some(&admin), "PUT", &unit_path, Some(edit.clone())).await;
    assert_eq!(status, 200, "{unit}");
    assert_eq!(
        (unit["name"].as_str(), unit["volume"].as_u64(), unit["active"].as_bool()),
        (Some("Trạm Y tế phường Cam Nghĩa (cơ sở 2)"), Some(1000), Some(true))
    );
    let (_, units) = call_as(&ctx, Some(&admin), "GET", "/api/admin/units", None).await;
    let listed = units.as_array().unwrap().iter().find(|u| u["code"] == STATION).unwrap();
    assert_eq!(listed["suggested_quota"], 286);

    // Refused edits: bad names and parents, and unknown units.
    for (change, why) in [
        (json!({"name": "  "}), "an empty name"),
        (json!({"parent": STATION}), "its own parent"),
        (json!({"parent": "nowhere"}), "an unknown parent"),
        (json!({"kind": "trường học"}), "an unknown kind"),
    ] {
        let mut body = edit.clone();
        body.as_object_mut().unwrap().extend(change.as_object().unwrap().clone());
        assert_eq!(call_as(&ctx, Some(&admin), "PUT", &unit_path, Some(body)).await.0, 400, "{why}");
    }
    // Placing the city under one of its own units would make a loop.
    let city = json!({"name": "UBND thành phố Cam Ranh", "kind": "other", "parent": STATION});
    assert_eq!(call_as(&ctx, Some(&admin), "PUT", "/api/admin/units/cam-ranh", Some(city)).await.0, 400);
    assert_eq!(call_as(&ctx, Some(&admin), "PUT", "/api/admin/units/nowhere", Some(edit.clone())).await.0, 404);

    // Deactivated: once, kept in the register, and in no new campaign.
    let deactivate = format!("{unit_path}/deactivate");
    let (status, unit) = call_as(&ctx, Some(&admin), "POST", &deactivate, None).await;
    assert_eq!((status, unit["active"].as_bool()), (200, Some(false)));
    assert_eq!(call_as(&ctx, Some(&admin), "POST", &deactivate, None).await.0, 409);
    let plan = |id: &str, picked: Value| {
        json!({"id": id, "title": "Khảo sát", "authority": "UBND thành phố Cam Ranh", "opens": "2030-01-01", "closes": "2030-02-01",
               "questionnaires": {"tram_y_te": {"id": "moh-outpatient", "version": 1}}, "units": picked, "kinds": ["tram_y_te"]})
    };
    assert_eq!(
        call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns", Some(plan("p1", json!([STATION])))).await.0,
        400
    );
    let (status, campaign) =
        call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns", Some(plan("p2", json!([])))).await;
    assert_eq!(status, 201);
    let codes: Vec<&str> = campaign["units"].as_array().unwrap().iter().map(|u| u["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 14);
    assert!(!codes.contains(&STATION));
    // Importing the register again does not bring it back.
    let register = format!("code,name,kind,parent\n{STATION},Trạm Y tế phường Cam Nghĩa,trạm y tế,cam-ranh\n");
    assert_eq!(send(&ctx, &admin, "POST", "/api/admin/units/import", Some(register.into_bytes())).await.0, 200);
    let (_, units) = call_as(&ctx, Some(&admin), "GET", "/api/admin/units", None).await;
    let listed = units.as_array().unwrap().iter().find(|u| u["code"] == STATION).unwrap();
    assert_eq!(listed["active"], false);

    let (_, log) = call_as(&ctx, Some(&admin), "GET", "/api/admin/audit?limit=500", None).await;
    let update = log["entries"].as_array().unwrap().iter().find(|e| e["action"] == "unit.update").unwrap();
    assert_eq!(
        (update["before"]["name"].as_str(), update["after"]["volume"].as_u64()),
        (Some("Trạm Y tế phường Cam Nghĩa"), Some(1000))
    );
    let deactivated = log["entries"].as_array().unwrap().iter().find(|e| e["action"] == "unit.deactivate").unwrap();
    assert_eq!(
        (deactivated["target"].as_str(), deactivated["after"]["active"].as_bool()),
        (Some(STATION), Some(false))
    );
}

#[tokio::test]
async fn the_openapi_document_is_public() {
    let (ctx, _) = fresh_context().await;
    let (status, doc) = call(&ctx, "GET", "/api/openapi.json", None).await;
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    let purge = &doc["paths"]["/api/admin/campaigns/{campaign}/units/{unit}/customers"]["delete"];
    assert!(purge["description"].as_str().unwrap().contains("Personal data"));
}
