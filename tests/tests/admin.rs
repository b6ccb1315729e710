//! The administration API against DynamoDB Local: the whole authorisation matrix, and a campaign
//! run from a unit register to re-verification, exclusion, export and the audit log.

use hailong_domain::api::MAX_SUBMISSION_BYTES;
use hailong_functions::Context;
use hailong_functions::api::{resolve, routes};
use hailong_functions::routes::Resolved;
use hailong_tests::{
    call, call_as, campaign_id, count_all, decode, fresh_context, full_answers, login, request_as, response_id, today,
};
use serde_json::{Value, json};
use uuid::Uuid;

const STATION: &str = "tyt-cam-nghia"; // demo-staff's unit
const OTHER: &str = "ubnd-cam-nghia";

fn paper(unit: &str, questionnaire: &str, serial: &str) -> Value {
    json!({
        "id": Uuid::new_v4(), "campaign": "cam-ranh", "unit": unit, "channel": "paper",
        "serial": serial, "answers": full_answers(questionnaire)
    })
}

async fn stored_response(ctx: &Context, unit: &str, questionnaire: &str, serial: &str, admin: &str) -> String {
    let body = paper(unit, questionnaire, serial);
    let (status, answer) = call_as(ctx, Some(admin), "POST", "/api/admin/responses", Some(body.clone())).await;
    assert_eq!(status, 201, "{answer}");
    body["id"].as_str().unwrap().to_owned()
}

fn plan(id: &str) -> Value {
    json!({
        "id": id, "title": "Khảo sát thử", "authority": "Sở Y tế tỉnh Khánh Hòa", "opens": today().add_days(-1).to_string(), "closes": today().add_days(30).to_string(),
        "questionnaires": {"tram_y_te": {"id": "moh-outpatient", "version": 1}},
        "kinds": ["tram_y_te"], "parent": "cam-ranh"
    })
}

/// The issuing authority is part of the plan: stored trimmed, read back with the campaign and
/// on its form; an empty, overlong or missing one is a 400 that says so.
#[tokio::test]
async fn a_plan_names_its_issuing_authority() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let mut named = plan("named");
    named["authority"] = json!("  Sở Nội vụ   tỉnh Khánh Hòa ");
    let (status, campaign) = call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns", Some(named)).await;
    assert_eq!((status, campaign["authority"].as_str()), (201, Some("Sở Nội vụ tỉnh Khánh Hòa")), "{campaign}");
    let (_, read) = call_as(&ctx, Some(&admin), "GET", "/api/admin/campaigns/named", None).await;
    assert_eq!(read["campaign"]["authority"], "Sở Nội vụ tỉnh Khánh Hòa");
    assert_eq!(call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/named/open", None).await.0, 200);
    let (_, form) = call(&ctx, "GET", &format!("/api/forms/named/{STATION}"), None).await;
    assert_eq!(form["campaign"]["authority"], "Sở Nội vụ tỉnh Khánh Hòa", "the form's header names it");

    for (id, authority, says) in
        [("blank", json!(" \t "), "is empty"), ("long", json!("Ủ".repeat(121)), "at most 120 are allowed")]
    {
        let mut bad = plan(id);
        bad["authority"] = authority;
        let (status, err) = call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns", Some(bad)).await;
        assert_eq!((status, err["error"].as_str()), (400, Some("invalid_plan")), "{err}");
        assert!(err["message"].as_str().unwrap().contains(says), "{err}");
        assert!(ctx.store.campaign(&campaign_id(id)).await.unwrap().is_none(), "nothing stored");
    }
    let mut missing = plan("missing");
    missing.as_object_mut().unwrap().remove("authority");
    let (status, err) = call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns", Some(missing)).await;
    assert_eq!(status, 400);
    assert!(err["message"].as_str().unwrap().contains("authority"), "{err}");
}

/// The counter rating template with its question reworded: a new version's content.
fn counter_rating_v2() -> Value {
    let mut q = serde_json::to_value(hailong_domain::catalogue::template("counter-rating").unwrap()).unwrap();
    q["sections"][0]["items"][0]["text"] = json!("Ông/Bà hài lòng với việc giải quyết hồ sơ hôm nay không?");
    q
}

/// Every admin endpoint, by every kind of caller: 401 without a valid token, 403 outside the
/// caller's role or units, and through to the handler otherwise.
/// An admin route case: method, path, body, and whether admin, staff and viewer may call it.
type Case = (&'static str, String, Option<Vec<u8>>, [bool; 3]);

#[tokio::test]
async fn authorisation_matrix() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let staff = login(&ctx, "demo-staff").await;
    let viewer = login(&ctx, "demo-viewer").await;
    let id = stored_response(&ctx, STATION, "moh-outpatient", "M-1", &admin).await;
    let other_id = stored_response(&ctx, OTHER, "sipas", "M-2", &admin).await;
    call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns", Some(plan("matrix"))).await;

    let csv = "code,name,kind,parent\nx-1,Trạm Y tế thử,trạm y tế,cam-ranh\n".as_bytes().to_vec();
    let customers = "name,phone\nNguyễn Văn An,0912345678\n".as_bytes().to_vec();
    // (method, path, body, admin, staff, viewer): true = allowed.
    let cases: Vec<Case> = vec![
        ("GET", "/api/admin/units".into(), None, [true, true, true]),
        ("POST", "/api/admin/units/import".into(), Some(csv), [true, false, false]),
        ("GET", "/api/admin/campaigns".into(), None, [true, true, true]),
        ("POST", "/api/admin/campaigns".into(), Some(plan("m2").to_string().into_bytes()), [true, false, false]),
        ("GET", "/api/admin/campaigns/cam-ranh".into(), None, [true, true, true]),
        ("POST", "/api/admin/campaigns/matrix/open".into(), None, [true, false, false]),
        ("POST", "/api/admin/campaigns/matrix/close".into(), None, [true, false, false]),
        ("GET", "/api/admin/campaigns/cam-ranh/progress".into(), None, [true, true, true]),
        (
            "PUT",
            format!("/api/admin/campaigns/m2/units/{STATION}/quota"),
            Some(json!({"quota": 40}).to_string().into_bytes()),
            [true, false, false],
        ),
        (
            "POST",
            "/api/admin/campaigns/cam-ranh/exports".into(),
            Some(json!({"format": "csv", "unit": STATION}).to_string().into_bytes()),
            [true, true, true],
        ),
        (
            "POST",
            "/api/admin/campaigns/cam-ranh/exports".into(),
            Some(json!({"format": "csv", "unit": OTHER}).to_string().into_bytes()),
            [true, false, true],
        ),
        (
            "POST",
            "/api/admin/campaigns/cam-ranh/exports".into(),
            Some(json!({"format": "csv"}).to_string().into_bytes()),
            [true, false, true],
        ),
        (
            "POST",
            "/api/admin/campaigns/cam-ranh/verification-sample".into(),
            Some(json!({"unit": STATION, "share": 1.0}).to_string().into_bytes()),
            [true, true, false],
        ),
        (
            "POST",
            "/api/admin/campaigns/cam-ranh/verification-sample".into(),
            Some(json!({"unit": OTHER}).to_string().into_bytes()),
            [true, false, false],
        ),
        ("GET", "/api/admin/campaigns/cam-ranh/verification-sample".into(), None, [true, true, true]),
        (
            "POST",
            "/api/admin/responses".into(),
            Some(paper(STATION, "moh-outpatient", "M-3").to_string().into_bytes()),
            [true, true, false],
        ),
        (
            "POST",
            "/api/admin/responses".into(),
            Some(paper(OTHER, "sipas", "M-4").to_string().into_bytes()),
            [true, false, false],
        ),
        (
            "POST",
            format!("/api/admin/responses/{id}/verification"),
            Some(json!({"result": "confirmed"}).to_string().into_bytes()),
            [true, true, false],
        ),
        (
            "POST",
            format!("/api/admin/responses/{other_id}/verification"),
            Some(json!({"result": "confirmed"}).to_string().into_bytes()),
            [true, false, false],
        ),
        ("GET", format!("/api/admin/responses/{id}"), None, [true, false, false]),
        (
            "POST",
            format!("/api/admin/responses/{id}/exclude"),
            Some(json!({"reason": "invalid"}).to_string().into_bytes()),
            [true, false, false],
        ),
        ("GET", "/api/admin/audit".into(), None, [true, false, true]),
        (
            "PUT",
            format!("/api/admin/units/{OTHER}"),
            Some(
                json!({"name": "UBND phường Cam Nghĩa", "kind": "ubnd_phuong", "parent": "cam-ranh"})
                    .to_string()
                    .into_bytes(),
            ),
            [true, false, false],
        ),
        ("POST", "/api/admin/units/x-1/deactivate".into(), None, [true, false, false]),
        (
            "POST",
            "/api/admin/campaigns/cam-ranh/exports".into(),
            Some(json!({"format": "xlsx", "unit": STATION}).to_string().into_bytes()),
            [true, true, true],
        ),
        (
            "POST",
            "/api/admin/campaigns/cam-ranh/exports".into(),
            Some(json!({"format": "xlsx", "unit": OTHER}).to_string().into_bytes()),
            [true, false, true],
        ),
        ("GET", "/api/admin/campaigns/cam-ranh/flags".into(), None, [true, true, true]),
        ("GET", "/api/admin/campaigns/cam-ranh/posters".into(), None, [true, false, true]),
        ("GET", format!("/api/admin/campaigns/cam-ranh/units/{STATION}/poster"), None, [true, true, true]),
        ("GET", format!("/api/admin/campaigns/cam-ranh/units/{OTHER}/poster"), None, [true, false, true]),
        ("POST", format!("/api/admin/campaigns/cam-ranh/units/{STATION}/poster/revoke"), None, [true, false, false]),
        ("POST", "/api/admin/campaigns/matrix/publish".into(), None, [true, false, false]),
        ("GET", format!("/api/admin/campaigns/matrix/publish/{}", Uuid::new_v4()), None, [true, false, false]),
        ("POST", "/api/admin/campaigns/cam-ranh/preview".into(), None, [true, true, true]),
        // A preview job is its requester's, like an export job.
        ("GET", format!("/api/admin/campaigns/cam-ranh/preview/{}", Uuid::new_v4()), None, [true, true, true]),
        // An export job is its requester's: anyone else is told there is none (404), never 403.
        ("GET", format!("/api/admin/campaigns/cam-ranh/exports/{}", Uuid::new_v4()), None, [true, true, true]),
        ("GET", format!("/api/admin/campaigns/cam-ranh/exports/{}/file", Uuid::new_v4()), None, [true, true, true]),
        // Improvement actions are the administration's commitments: administrators only.
        (
            "POST",
            format!("/api/admin/campaigns/cam-ranh/units/{STATION}/actions"),
            Some(
                json!({"task": "Niêm yết giá", "office": "Trạm Y tế", "deadline": "ongoing"}).to_string().into_bytes(),
            ),
            [true, false, false],
        ),
        (
            "PUT",
            format!("/api/admin/campaigns/cam-ranh/units/{STATION}/actions/none"),
            Some(
                json!({"task": "Niêm yết giá", "office": "Trạm Y tế", "deadline": "ongoing", "status": "done"})
                    .to_string()
                    .into_bytes(),
            ),
            [true, false, false],
        ),
        // The customer lists are personal data: never viewers, staff for their own unit only.
        (
            "POST",
            format!("/api/admin/campaigns/cam-ranh/units/{STATION}/customers"),
            Some(customers.clone()),
            [true, true, false],
        ),
        (
            "POST",
            format!("/api/admin/campaigns/cam-ranh/units/{OTHER}/customers"),
            Some(customers),
            [true, false, false],
        ),
        (
            "POST",
            format!("/api/admin/campaigns/cam-ranh/units/{STATION}/sample"),
            Some(json!({"size": 1}).to_string().into_bytes()),
            [true, true, false],
        ),
        (
            "POST",
            format!("/api/admin/campaigns/cam-ranh/units/{OTHER}/sample"),
            Some(json!({"size": 1}).to_string().into_bytes()),
            [true, false, false],
        ),
        ("GET", format!("/api/admin/campaigns/cam-ranh/units/{STATION}/call-sheet.csv"), None, [true, true, false]),
        ("GET", format!("/api/admin/campaigns/cam-ranh/units/{OTHER}/call-sheet.csv"), None, [true, false, false]),
        // Staff purge their unit's list once the campaign is closed (matrix is, by now).
        ("DELETE", format!("/api/admin/campaigns/cam-ranh/units/{STATION}/customers"), None, [true, false, false]),
        ("DELETE", format!("/api/admin/campaigns/matrix/units/{STATION}/customers"), None, [true, true, false]),
        ("DELETE", format!("/api/admin/campaigns/cam-ranh/units/{OTHER}/customers"), None, [true, false, false]),
        ("GET", "/api/admin/questionnaires".into(), None, [true, true, true]),
        (
            "POST",
            "/api/admin/questionnaires".into(),
            Some(counter_rating_v2().to_string().into_bytes()),
            [true, false, false],
        ),
        (
            "PUT",
            "/api/admin/campaigns/m2/questionnaire".into(),
            Some(
                json!({"kind": "tram_y_te", "questionnaire": {"id": "moh-outpatient", "version": 1}})
                    .to_string()
                    .into_bytes(),
            ),
            [true, false, false],
        ),
    ];
    // Every admin route of the route table is in the matrix: some case resolves to it.
    for (_, route) in routes().filter(|(_, r)| r.path.starts_with("/api/admin")) {
        let covered = cases.iter().any(|(m, p, ..)| {
            let path = p.split('?').next().unwrap();
            matches!(resolve(m, path), Resolved::Route(_, r, _) if std::ptr::eq(r, route))
        });
        assert!(covered, "{} {} is not in the matrix", route.method, route.path);
    }
    let send = |token: Option<String>, method: &'static str, path: String, body: Option<Vec<u8>>| {
        let ctx = ctx.clone();
        async move { decode(hailong_functions::dispatch(&ctx, request_as(token.as_deref(), method, &path, body)).await) }
    };
    for (method, path, body, allowed) in &cases {
        for token in [None, Some("not-a-token".to_owned())] {
            let (status, err) = send(token, method, path.clone(), body.clone()).await;
            assert_eq!(
                (status, err["error"].as_str()),
                (401, Some("unauthorized")),
                "{method} {path} without a valid token"
            );
        }
        // Forbidden callers first, so that they cannot be masked by a state the allowed ones left.
        for (who, token, ok) in
            [("staff", &staff, allowed[1]), ("viewer", &viewer, allowed[2]), ("admin", &admin, allowed[0])]
        {
            let (status, err) = send(Some(token.clone()), method, path.clone(), body.clone()).await;
            if ok {
                assert!(status != 401 && status != 403, "{who} {method} {path}: {status} {err}");
            } else {
                assert_eq!(status, 403, "{who} {method} {path}: {err}");
            }
        }
    }
}

#[tokio::test]
async fn sign_in_refuses_wrong_passwords() {
    let (ctx, _) = fresh_context().await;
    let (status, err) =
        call(&ctx, "POST", "/api/auth/login", Some(json!({"username": "demo-admin", "password": "x"}))).await;
    assert_eq!((status, err["error"].as_str()), (401, Some("bad_credentials")));
    let (status, _) = call(&ctx, "POST", "/api/auth/login", Some(json!({"username": "demo-admin"}))).await;
    assert_eq!(status, 400);

    // Guessing is throttled: a burst of wrong passwords meets 429 (twelve, so that even a burst
    // across the turn of a window meets it), told how long to wait.
    let guess = |n: usize| json!({"username": "demo-staff", "password": format!("guess-{n}")});
    let mut throttled = None;
    for n in 0..12 {
        let req = hailong_tests::request("POST", "/api/auth/login", Some(guess(n).to_string().into_bytes()));
        let answer = hailong_functions::dispatch(&ctx, req).await;
        if answer.status() == 429 {
            throttled = answer.headers().get("retry-after").map(|v| v.to_str().unwrap().parse::<i64>().unwrap());
            let (_, err) = decode(answer);
            assert_eq!(err["error"], "too_many_attempts", "{err}");
            break;
        }
    }
    assert!(throttled.is_some_and(|s| (1..=60).contains(&s)), "wrong passwords are throttled: {throttled:?}");
}

#[tokio::test]
async fn a_campaign_runs_from_unit_register_to_closing() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;

    // A register with one bad row: nothing is imported, the row is named.
    let bad = "code,name,kind,parent,volume\nkh-nt,UBND thành phố Nha Trang,khác,,\nkh-tyt-1,Trạm Y tế phường Lộc Thọ,trạm y tế,kh-nt,1000\nkh-tyt-2,Trạm Y tế xã Vĩnh Lương,trường học,kh-nt,\n";
    let req = request_as(Some(&admin), "POST", "/api/admin/units/import", Some(bad.as_bytes().to_vec()));
    let (status, err) = decode(hailong_functions::dispatch(&ctx, req).await);
    assert_eq!((status, err["error"].as_str()), (400, Some("invalid_rows")), "{err}");
    assert_eq!(err["rows"][0]["row"], 4);
    let (_, units) = call_as(&ctx, Some(&admin), "GET", "/api/admin/units", None).await;
    assert!(!units.as_array().unwrap().iter().any(|u| u["code"] == "kh-nt"), "nothing half-imported");

    let good = bad.replace("trường học", "Trạm y tế");
    let req = request_as(Some(&admin), "POST", "/api/admin/units/import", Some(good.into_bytes()));
    assert_eq!(decode(hailong_functions::dispatch(&ctx, req).await), (200, json!({"imported": 3})));
    let (_, units) = call_as(&ctx, Some(&admin), "GET", "/api/admin/units", None).await;
    let loc_tho = units.as_array().unwrap().iter().find(|u| u["code"] == "kh-tyt-1").unwrap();
    assert_eq!(loc_tho["suggested_quota"], 286, "Yamane n for N = 1000");

    // A plan picks the stations under Nha Trang; the quota follows the service volume.
    let mut p = plan("nha-trang");
    p["parent"] = json!("kh-nt");
    let (status, campaign) = call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns", Some(p.clone())).await;
    assert_eq!(status, 201, "{campaign}");
    assert_eq!(campaign["status"], "draft");
    let quotas: Vec<(String, u64)> = campaign["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["code"].as_str().unwrap().into(), u["quota"].as_u64().unwrap()))
        .collect();
    assert_eq!(quotas, vec![("kh-tyt-1".into(), 286), ("kh-tyt-2".into(), 50)]);
    assert_eq!(call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns", Some(p)).await.0, 409);

    // One unit's own quota, where the default for its kind does not fit; checked, and shown.
    let quota = |unit: &str, n: u32| {
        let (ctx, admin, path) = (&ctx, &admin, format!("/api/admin/campaigns/nha-trang/units/{unit}/quota"));
        async move { call_as(ctx, Some(admin), "PUT", &path, Some(json!({ "quota": n }))).await }
    };
    assert_eq!(quota("kh-tyt-2", 80).await, (200, json!({"code": "kh-tyt-2", "quota": 80})));
    assert_eq!(quota("kh-tyt-2", 0).await.0, 400, "a quota of nothing");
    assert_eq!(quota(STATION, 80).await.0, 404, "a unit outside the campaign");
    let (_, detail) = call_as(&ctx, Some(&admin), "GET", "/api/admin/campaigns/nha-trang", None).await;
    let quotas: Vec<u64> = detail["units"].as_array().unwrap().iter().map(|u| u["quota"].as_u64().unwrap()).collect();
    assert_eq!(quotas, vec![286, 80]);

    // A draft is invisible to the public; opened, it takes answers; closed, it refuses them.
    assert_eq!(call(&ctx, "GET", "/api/forms/nha-trang/kh-tyt-1", None).await.0, 404);
    assert_eq!(call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/nha-trang/open", None).await.0, 200);
    assert_eq!(call(&ctx, "GET", "/api/forms/nha-trang/kh-tyt-1", None).await.0, 200);
    assert_eq!(call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/nha-trang/open", None).await.0, 409);
    assert_eq!(call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns/nha-trang/close", None).await.0, 200);
    assert_eq!(call(&ctx, "GET", "/api/forms/nha-trang/kh-tyt-1", None).await.0, 410);
    assert_eq!(quota("kh-tyt-2", 90).await.0, 409, "a closed campaign's quotas are history");

    let (_, log) = call_as(&ctx, Some(&admin), "GET", "/api/admin/audit?limit=500", None).await;
    let log = &log["entries"];
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        vec!["campaign.close", "campaign.open", "campaign.quota", "campaign.create", "units.import"],
        "newest first"
    );
    assert_eq!((&log[2]["before"]["quota"], &log[2]["after"]["quota"]), (&json!(50), &json!(80)));
    assert_eq!(log[0]["before"]["status"], "open");
    assert_eq!(log[0]["user"], "demo-admin");
}

#[tokio::test]
async fn staff_entry_checks_serials_and_records_who_entered() {
    let (ctx, _) = fresh_context().await;
    let staff = login(&ctx, "demo-staff").await;
    let body = paper(STATION, "moh-outpatient", "CR-0001");
    assert_eq!(call_as(&ctx, Some(&staff), "POST", "/api/admin/responses", Some(body.clone())).await.0, 201);
    assert_eq!(call_as(&ctx, Some(&staff), "POST", "/api/admin/responses", Some(body.clone())).await.0, 200, "a retry");
    let mut again = body.clone();
    again["id"] = json!(Uuid::new_v4());
    let (status, err) = call_as(&ctx, Some(&staff), "POST", "/api/admin/responses", Some(again)).await;
    assert_eq!(
        (status, err["error"].as_str()),
        (409, Some("duplicate_serial")),
        "a serial is entered once per campaign"
    );
    let mut no_serial = body.clone();
    no_serial["id"] = json!(Uuid::new_v4());
    no_serial["serial"] = Value::Null;
    assert_eq!(call_as(&ctx, Some(&staff), "POST", "/api/admin/responses", Some(no_serial)).await.0, 400);
    let mut phone = body.clone();
    phone["id"] = json!(Uuid::new_v4());
    phone["channel"] = json!("phone");
    phone["serial"] = Value::Null;
    assert_eq!(
        call_as(&ctx, Some(&staff), "POST", "/api/admin/responses", Some(phone)).await.0,
        201,
        "calls have no serial"
    );

    let stored = ctx.store.response(&response_id(body["id"].as_str().unwrap())).await.unwrap().unwrap();
    assert_eq!((stored.source.entered_by(), stored.source.serial()), (Some("demo-staff"), Some("CR-0001")));
    // Channels are read from the unit's running aggregates, once the stream has counted.
    count_all(&ctx).await;
    let (_, progress) = call_as(&ctx, Some(&staff), "GET", "/api/admin/campaigns/cam-ranh/progress", None).await;
    let units = progress["units"].as_array().unwrap();
    assert_eq!(units.len(), 1, "staff see their own unit only");
    assert_eq!(units[0]["by_channel"], json!({"paper": 1, "phone": 1}));
    assert_eq!(units[0]["pct_of_quota"], 4.0, "2 of 50");
    let big = vec![b' '; MAX_SUBMISSION_BYTES + 1];
    let req = request_as(Some(&staff), "POST", "/api/admin/responses", Some(big));
    assert_eq!(decode(hailong_functions::dispatch(&ctx, req).await).0, 413);
}

#[tokio::test]
async fn exclusion_verification_export_and_alerts() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let staff = login(&ctx, "demo-staff").await;
    let mut ids = Vec::new();
    for i in 0..12 {
        let mut body = paper(STATION, "moh-outpatient", &format!("S-{i:03}"));
        // Every scored statement rated 1: the unit's recent answers turn bad.
        for (k, v) in body["answers"].as_object_mut().unwrap() {
            if k.len() <= 3 && k.starts_with(['a', 'b', 'c', 'd', 'e']) {
                *v = json!(1);
            }
        }
        let (status, _) = call_as(&ctx, Some(&staff), "POST", "/api/admin/responses", Some(body.clone())).await;
        assert_eq!(status, 201);
        ids.push(body["id"].as_str().unwrap().to_owned());
    }
    let (_, progress) = call_as(&ctx, Some(&admin), "GET", "/api/admin/campaigns/cam-ranh/progress", None).await;
    let station = progress["units"].as_array().unwrap().iter().find(|u| u["code"] == STATION).unwrap().clone();
    assert!(station["alert"].as_str().is_some(), "{station}");
    let quiet = progress["units"].as_array().unwrap().iter().find(|u| u["code"] == OTHER).unwrap();
    assert!(quiet["alert"].is_null());

    // Exclusion: counted once, never again, nothing deleted.
    let (status, _) = call_as(
        &ctx,
        Some(&admin),
        "POST",
        &format!("/api/admin/responses/{}/exclude", ids[0]),
        Some(json!({"reason": "fraud", "note": "trùng lặp"})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        call_as(
            &ctx,
            Some(&admin),
            "POST",
            &format!("/api/admin/responses/{}/exclude", ids[0]),
            Some(json!({"reason": "fraud"}))
        )
        .await
        .0,
        409
    );
    let (_, progress) = call_as(&ctx, Some(&admin), "GET", "/api/admin/campaigns/cam-ranh/progress", None).await;
    let station = progress["units"].as_array().unwrap().iter().find(|u| u["code"] == STATION).unwrap().clone();
    assert_eq!(
        (station["received"].as_u64(), station["counted"].as_u64(), station["excluded"].as_u64()),
        (Some(12), Some(11), Some(1))
    );
    assert!(ctx.store.response(&response_id(&ids[0])).await.unwrap().is_some(), "excluded responses are kept");

    // Re-verification: 10% of 12 is 2, reproducible from the recorded seed.
    let (status, sample) = call_as(
        &ctx,
        Some(&staff),
        "POST",
        "/api/admin/campaigns/cam-ranh/verification-sample",
        Some(json!({"unit": STATION, "seed": 7})),
    )
    .await;
    assert_eq!(status, 201, "{sample}");
    assert_eq!((sample["population"].as_u64(), sample["sample"].as_array().unwrap().len()), (Some(12), 2));
    let expected = hailong_functions::admin::draw_sample(ids.clone(), 2, 7);
    assert_eq!(sample["sample"], json!(expected));
    let first = expected[0].clone();
    let (status, v) = call_as(
        &ctx,
        Some(&staff),
        "POST",
        &format!("/api/admin/responses/{first}/verification"),
        Some(json!({"result": "discrepancy", "note": "người dân không nhớ"})),
    )
    .await;
    assert_eq!((status, v["by"].as_str()), (200, Some("demo-staff")));
    assert_eq!(
        call_as(
            &ctx,
            Some(&staff),
            "POST",
            &format!("/api/admin/responses/{first}/verification"),
            Some(json!({"result": "confirmed"}))
        )
        .await
        .0,
        409
    );
    let not_sampled = ids.iter().find(|i| !expected.contains(i)).unwrap();
    assert_eq!(
        call_as(
            &ctx,
            Some(&staff),
            "POST",
            &format!("/api/admin/responses/{not_sampled}/verification"),
            Some(json!({"result": "confirmed"}))
        )
        .await
        .0,
        404
    );
    let (_, progress) = call_as(&ctx, Some(&staff), "GET", "/api/admin/campaigns/cam-ranh/progress", None).await;
    assert_eq!(progress["units"][0]["verification"], json!({"sampled": 2, "confirmed": 0, "discrepancy": 1}));
    // The sample can be listed again later, with the verdicts so far.
    let (status, listed) =
        call_as(&ctx, Some(&staff), "GET", "/api/admin/campaigns/cam-ranh/verification-sample", None).await;
    assert_eq!(status, 200);
    let listed = listed["sample"].as_array().unwrap();
    assert_eq!(listed.len(), 2);
    let verdict = listed.iter().find(|v| v["response"] == json!(first)).unwrap();
    assert_eq!(
        (verdict["status"].as_str(), verdict["note"].as_str(), verdict["seed"].as_u64()),
        (Some("discrepancy"), Some("người dân không nhớ"), Some(7))
    );
    assert!(listed.iter().any(|v| v["status"] == "pending"));
    // The unit's own records say it was sampled: a second draw is refused.
    let (status, again) = call_as(
        &ctx,
        Some(&admin),
        "POST",
        "/api/admin/campaigns/cam-ranh/verification-sample",
        Some(json!({"unit": STATION, "seed": 8})),
    )
    .await;
    assert_eq!((status, again["error"].as_str()), (409, Some("already_sampled")), "{again}");
    let (_, all) = call_as(&ctx, Some(&admin), "GET", "/api/admin/campaigns/cam-ranh/verification-sample", None).await;
    assert_eq!(all["sample"].as_array().unwrap().len(), 2, "the administrator lists the campaign's records");

    // Export: UTF-8 with BOM, Vietnamese headers, one row per response, the exclusion shown.
    let bytes = hailong_tests::export(&ctx, &admin, "cam-ranh", "csv", Some(STATION)).await.expect("exported");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.starts_with("Mã phản hồi,Đơn vị,"));
    assert_eq!(text.lines().count(), 13);
    assert!(text.lines().any(|l| l.starts_with(&ids[0]) && l.contains("fraud")));
}

/// Templates change only by new versions; responses keep the version they answered; an open
/// campaign's questionnaire cannot change under units that already have responses.
#[tokio::test]
async fn questionnaires_are_versioned_and_never_change_under_responses() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let (status, list) = call_as(&ctx, Some(&admin), "GET", "/api/admin/questionnaires", None).await;
    assert_eq!(status, 200);
    let ids: Vec<&str> = list.as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap()).collect();
    for id in ["sipas", "ward-short", "moh-outpatient", "counter-rating"] {
        assert!(ids.contains(&id), "{id} is in the catalogue: {ids:?}");
    }

    let (status, v2) =
        call_as(&ctx, Some(&admin), "POST", "/api/admin/questionnaires", Some(counter_rating_v2())).await;
    assert_eq!((status, v2["version"].as_u64()), (201, Some(2)), "{v2}");
    let (status, same) =
        call_as(&ctx, Some(&admin), "POST", "/api/admin/questionnaires", Some(counter_rating_v2())).await;
    assert_eq!((status, same["version"].as_u64()), (200, Some(2)), "the same content adds no version");
    let mut broken = counter_rating_v2();
    broken["sections"][0]["items"] = json!([]);
    let (status, err) = call_as(&ctx, Some(&admin), "POST", "/api/admin/questionnaires", Some(broken)).await;
    assert_eq!(status, 400, "{err}");
    let stored = ctx.store.questionnaires().await.unwrap();
    let versions: Vec<u32> = stored.iter().filter(|q| q.id.as_str() == "counter-rating").map(|q| q.version).collect();
    assert_eq!(versions, [1, 2], "version 1 is kept as it was");
    assert_ne!(
        stored.iter().find(|q| q.id.as_str() == "counter-rating" && q.version == 1).unwrap().sections[0].items[0].text,
        counter_rating_v2()["sections"][0]["items"][0]["text"]
    );

    // The open demo campaign: a station has a response, so the stations' questionnaire is fixed.
    stored_response(&ctx, STATION, "moh-outpatient", "Q-1", &admin).await;
    let change = json!({"kind": "tram_y_te", "questionnaire": {"id": "counter-rating", "version": 2}});
    let (status, err) =
        call_as(&ctx, Some(&admin), "PUT", "/api/admin/campaigns/cam-ranh/questionnaire", Some(change.clone())).await;
    assert_eq!(status, 409, "{err}");
    assert!(err["message"].as_str().unwrap().contains(STATION), "says which unit holds responses: {err}");
    // A draft campaign changes freely, and the change is audited.
    call_as(&ctx, Some(&admin), "POST", "/api/admin/campaigns", Some(plan("draft-q"))).await;
    let (status, campaign) =
        call_as(&ctx, Some(&admin), "PUT", "/api/admin/campaigns/draft-q/questionnaire", Some(change)).await;
    assert_eq!(status, 200, "{campaign}");
    assert_eq!(campaign["questionnaires"]["tram_y_te"], json!({"id": "counter-rating", "version": 2}));
    let (_, audit) = call_as(&ctx, Some(&admin), "GET", "/api/admin/audit?limit=500", None).await;
    assert!(
        audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "campaign.questionnaire" && e["target"] == "draft-q"),
        "audited"
    );
    let unknown = json!({"kind": "tram_y_te", "questionnaire": {"id": "moh-outpatient", "version": 9}});
    assert_eq!(
        call_as(&ctx, Some(&admin), "PUT", "/api/admin/campaigns/draft-q/questionnaire", Some(unknown)).await.0,
        400
    );
}
