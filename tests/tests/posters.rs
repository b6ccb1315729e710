//! QR posters: printed as PDF (A4, A5), read back (text, paper, QR code decoded to the right link),
//! signed, revocable, and counted (scans, starts, completions).

use hailong_tests::pdf::{self, PdfPage};
use hailong_tests::{call, call_as, fresh_context, full_answers, login, request_as, response_id};
use lambda_http::http::HeaderMap;
use serde_json::json;
use uuid::Uuid;

const UNIT: &str = "tyt-cam-nghia";

/// A PDF the console downloads, read page by page, and the headers it came with.
async fn posters_file(ctx: &hailong_functions::Context, token: &str, path: &str) -> (Vec<PdfPage>, HeaderMap) {
    let answer = hailong_functions::dispatch(ctx, request_as(Some(token), "GET", path, None)).await;
    assert_eq!(answer.status(), 200, "{path}");
    assert_eq!(answer.headers()["content-type"], "application/pdf");
    (pdf::read(answer.body()), answer.headers().clone())
}

async fn posters_pdf(ctx: &hailong_functions::Context, token: &str, path: &str) -> Vec<PdfPage> {
    posters_file(ctx, token, path).await.0
}

async fn poster(ctx: &hailong_functions::Context, token: &str, unit: &str, size: &str) -> PdfPage {
    let path = format!("/api/admin/campaigns/cam-ranh/units/{unit}/poster?size={size}");
    let mut pages = posters_pdf(ctx, token, &path).await;
    assert_eq!(pages.len(), 1, "one poster, one page");
    pages.remove(0)
}

/// The poster code printed under a unit's QR code.
async fn printed_code(ctx: &hailong_functions::Context, token: &str, unit: &str) -> String {
    let page = poster(ctx, token, unit, "a4").await;
    page.text.split("Mã áp phích: ").nth(1).unwrap().split_whitespace().next().unwrap().to_owned()
}

fn code_of(link: &str) -> String {
    link.split("?p=").nth(1).unwrap().to_owned()
}

/// Text as extracted, with its line breaks and spacing made single spaces.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn a_poster_prints_the_unit_its_authority_and_period_and_its_qr_code_decodes_to_the_signed_link() {
    let (ctx, demo) = fresh_context().await;
    let staff = login(&ctx, "demo-staff").await;
    for (size, width, height) in [("a4", 595.0, 842.0), ("a5", 420.0, 595.0)] {
        let page = poster(&ctx, &staff, UNIT, size).await;
        assert_eq!((page.width, page.height), (width, height), "{size}");
        let text = words(&page.text);
        for printed in [
            "Trạm Y tế phường Cam Nghĩa",
            "UBND thành phố Cam Ranh",
            "KHẢO SÁT MỨC ĐỘ HÀI LÒNG",
            &format!("Thời gian khảo sát: {} – {}", demo.opens.to_vietnamese(), demo.closes.to_vietnamese()),
            "127.0.0.1:8080/s/cam-ranh/tyt-cam-nghia",
            "THÔNG BÁO",
            "UBND thành phố Cam Ranh đề nghị cá nhân, tổ chức, doanh nghiệp vui lòng",
            "bảo mật",
            "Mã áp phích: 1-",
        ] {
            assert!(text.contains(printed), "{size}: {printed:?} is not in {text:?}");
        }
        assert!(words(&demo.title).split(' ').all(|w| text.contains(w)), "the campaign's title");
        assert!(page.qr.starts_with("http://127.0.0.1:8080/s/cam-ranh/tyt-cam-nghia?p=1-"), "{}", page.qr);
        assert!(text.contains(&code_of(&page.qr)), "the printed code is the one the QR code carries");
        let (status, form) =
            call(&ctx, "GET", &format!("/api/forms/cam-ranh/{UNIT}?p={}", code_of(&page.qr)), None).await;
        assert_eq!((status, form["poster_replaced"].as_bool()), (200, Some(false)));
    }
    let (status, err) =
        call_as(&ctx, Some(&staff), "GET", &format!("/api/admin/campaigns/cam-ranh/units/{UNIT}/poster?size=a3"), None)
            .await;
    assert_eq!((status, err["error"].as_str()), (400, Some("invalid_paper")));

    // Staff print their own unit's poster only; the whole campaign's file is for administrators.
    assert_eq!(
        call_as(&ctx, Some(&staff), "GET", "/api/admin/campaigns/cam-ranh/units/ubnd-cam-nghia/poster", None).await.0,
        403
    );
    assert_eq!(call_as(&ctx, Some(&staff), "GET", "/api/admin/campaigns/cam-ranh/posters", None).await.0, 403);
    let admin = login(&ctx, "demo-admin").await;
    let (all, headers) = posters_file(&ctx, &admin, "/api/admin/campaigns/cam-ranh/posters?size=a5").await;
    assert_eq!(all.len(), 30, "one page per unit: 30 units are one part");
    assert!(!headers.contains_key("x-next-cursor") && !headers.contains_key("link"), "the only part is the last");
    assert!(headers["content-disposition"].to_str().unwrap().contains("cam-ranh-posters-a5-part1.pdf"));
    assert!(all.iter().all(|p| (p.width, p.height) == (420.0, 595.0)));
    let links: std::collections::BTreeSet<&str> = all.iter().map(|p| p.qr.split('?').next().unwrap()).collect();
    assert_eq!(links.len(), 30, "each page carries its own unit's link");
    assert!(demo.units.iter().all(|u| links.contains(format!("http://127.0.0.1:8080/s/cam-ranh/{}", u.code).as_str())));

    // In parts of 20: the first names the second, which is the last; together every unit once,
    // in the campaign's order.
    let (first, headers) = posters_file(&ctx, &admin, "/api/admin/campaigns/cam-ranh/posters?limit=20").await;
    assert_eq!(first.len(), 20);
    assert_eq!(headers["x-next-cursor"], "20");
    assert_eq!(headers["link"], "</api/admin/campaigns/cam-ranh/posters?size=a4&cursor=20&limit=20>; rel=\"next\"");
    assert!(headers["content-disposition"].to_str().unwrap().contains("cam-ranh-posters-a4-part1.pdf"));
    let next = headers["link"].to_str().unwrap().trim_start_matches('<').split('>').next().unwrap().to_owned();
    let (second, headers) = posters_file(&ctx, &admin, &next).await;
    assert_eq!(second.len(), 10);
    assert!(!headers.contains_key("x-next-cursor") && !headers.contains_key("link"), "the last part names none");
    assert!(headers["content-disposition"].to_str().unwrap().contains("cam-ranh-posters-a4-part2.pdf"));
    assert!(first.iter().chain(&second).all(|p| (p.width, p.height) == (595.0, 842.0)));
    let parts: Vec<String> = first.iter().chain(&second).map(|p| p.qr.split('?').next().unwrap().to_owned()).collect();
    let expected: Vec<String> =
        demo.units.iter().map(|u| format!("http://127.0.0.1:8080/s/cam-ranh/{}", u.code)).collect();
    assert_eq!(parts, expected);
    for query in ["cursor=30", "cursor=abc", "cursor=-1", "limit=201", "limit=0"] {
        let (status, body) =
            call_as(&ctx, Some(&admin), "GET", &format!("/api/admin/campaigns/cam-ranh/posters?{query}"), None).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert!(["invalid_cursor", "invalid_limit"].contains(&body["error"].as_str().unwrap()), "{body}");
    }
}

#[tokio::test]
async fn forged_codes_are_refused_revoked_posters_replaced_and_every_poster_counted() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let old = printed_code(&ctx, &admin, UNIT).await;
    assert!(old.starts_with("1-"));

    let (status, err) = call(&ctx, "GET", &format!("/api/forms/cam-ranh/{UNIT}?p=1-ABCDEFGHJK"), None).await;
    assert_eq!((status, err["error"].as_str()), (400, Some("forged_poster")));
    let (status, _) = call(&ctx, "GET", &format!("/api/forms/cam-ranh/ubnd-cam-nghia?p={old}"), None).await;
    assert_eq!(status, 400, "a poster code belongs to one unit");

    // Two scans, one start, one completion on poster 1.
    call(&ctx, "GET", &format!("/api/forms/cam-ranh/{UNIT}?p={old}"), None).await;
    call(&ctx, "GET", &format!("/api/forms/cam-ranh/{UNIT}?p={old}"), None).await;
    assert_eq!(
        call(&ctx, "POST", &format!("/api/forms/cam-ranh/{UNIT}/start"), Some(json!({"poster": old}))).await.0,
        202
    );
    let body = json!({"id": Uuid::new_v4(), "campaign": "cam-ranh", "unit": UNIT, "channel": "qr", "poster": old, "answers": full_answers("moh-outpatient")});
    assert_eq!(call(&ctx, "POST", "/api/responses", Some(body.clone())).await.0, 201);
    assert_eq!(
        call(&ctx, "POST", "/api/responses", Some(body.clone())).await.0,
        200,
        "a retry is not a second completion"
    );
    let stored = ctx.store.response(&response_id(body["id"].as_str().unwrap())).await.unwrap().unwrap();
    assert_eq!(stored.source.poster().map(|p| p.as_str()), Some(old.as_str()), "the response records its poster");
    let mut forged = body.clone();
    forged["id"] = json!(Uuid::new_v4());
    forged["poster"] = json!("1-ZZZZZZZZZZ");
    assert_eq!(call(&ctx, "POST", "/api/responses", Some(forged)).await.0, 400);

    // Revoked: the old link still opens the form, marked as replaced; the new poster is version 2.
    let (status, revoked) =
        call_as(&ctx, Some(&admin), "POST", &format!("/api/admin/campaigns/cam-ranh/units/{UNIT}/poster/revoke"), None)
            .await;
    assert_eq!((status, revoked["version"].as_u64()), (200, Some(2)));
    let (_, form) = call(&ctx, "GET", &format!("/api/forms/cam-ranh/{UNIT}?p={old}"), None).await;
    assert_eq!(form["poster_replaced"], true);
    let new = code_of(revoked["link"].as_str().unwrap());
    let (_, form) = call(&ctx, "GET", &format!("/api/forms/cam-ranh/{UNIT}?p={new}"), None).await;
    assert_eq!(form["poster_replaced"], false);

    let (_, progress) = call_as(&ctx, Some(&admin), "GET", "/api/admin/campaigns/cam-ranh/progress", None).await;
    let unit = progress["units"].as_array().unwrap().iter().find(|u| u["code"] == UNIT).unwrap();
    assert_eq!(unit["posters"]["1"], json!({"scans": 3, "starts": 1, "completions": 1}));
    assert_eq!(unit["posters"]["2"], json!({"scans": 1}));
}

/// A poster's scans and starts count people, not page loads: the same phone scanning again, or a
/// script replaying the call with one token, counts once; another phone counts again.
#[tokio::test]
async fn a_device_counts_once_per_poster_however_often_it_scans() {
    let (ctx, _) = fresh_context().await;
    let admin = login(&ctx, "demo-admin").await;
    let code = printed_code(&ctx, &admin, UNIT).await;
    let from = |device: &str, method: &str, path: String, body: Option<serde_json::Value>| {
        let mut req = request_as(None, method, &path, body.map(|b| b.to_string().into_bytes()));
        req.headers_mut().insert("x-hailong-device", device.parse().unwrap());
        let ctx = ctx.clone();
        async move { hailong_tests::decode(hailong_functions::dispatch(&ctx, req).await).0 }
    };
    let (phone, other) = (Uuid::new_v4().to_string(), Uuid::new_v4().to_string());
    for _ in 0..5 {
        assert_eq!(from(&phone, "GET", format!("/api/forms/cam-ranh/{UNIT}?p={code}"), None).await, 200);
        let start = Some(json!({ "poster": code }));
        assert_eq!(from(&phone, "POST", format!("/api/forms/cam-ranh/{UNIT}/start"), start).await, 202);
    }
    assert_eq!(from(&other, "GET", format!("/api/forms/cam-ranh/{UNIT}?p={code}"), None).await, 200);
    let (_, progress) = call_as(&ctx, Some(&admin), "GET", "/api/admin/campaigns/cam-ranh/progress", None).await;
    let unit = progress["units"].as_array().unwrap().iter().find(|u| u["code"] == UNIT).unwrap();
    assert_eq!(unit["posters"]["1"], json!({"scans": 2, "starts": 1}), "two phones scanned, one started");
}
