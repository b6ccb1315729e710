//! The demo's earlier campaign, seeded and published through the real publish path, and the
//! improvement actions attached to its units: administrators add and update them (audited),
//! anyone reads them once the campaign is published; and the results pages as HTML, from the
//! same published files.

use hailong_functions::seed::earlier;
use hailong_tests::{call, call_as, fresh_context, login, publish, today, verified_receipt};
use serde_json::json;

#[tokio::test]
async fn the_earlier_campaign_is_published_with_the_seeded_figures_and_its_receipts_prove_counting() {
    let (ctx, _) = fresh_context().await;
    let started = std::time::Instant::now();
    let seeded = earlier::publish(&ctx, today()).await.unwrap().expect("seeded now");
    println!("seeded and published {} in {} ms", seeded.id, started.elapsed().as_millis());
    assert!(earlier::publish(&ctx, today()).await.unwrap().is_none(), "a second start seeds nothing");

    let id = seeded.id.to_string();
    let (status, list) = call(&ctx, "GET", "/api/results", None).await;
    assert_eq!(status, 200);
    let listed = list.as_array().unwrap().iter().find(|p| p["campaign"] == id.as_str()).expect("listed");
    assert_eq!(
        (listed["versions"].as_array().unwrap().len(), listed["period"]["opens"].as_str()),
        (1, Some(&*seeded.opens.to_string()))
    );

    // The published n of every unit is its seeded responses less the excluded ones.
    let qs: Vec<_> =
        seeded.questionnaires.values().map(|r| hailong_domain::catalogue::template(r.id.as_str()).unwrap()).collect();
    let responses = earlier::responses(&seeded, &qs);
    let (_, snapshot) = call(&ctx, "GET", &format!("/api/results/{id}"), None).await;
    for unit in snapshot["units"].as_array().unwrap() {
        let code = unit["code"].as_str().unwrap();
        let counted = responses.iter().filter(|r| r.response.unit.as_str() == code && r.excluded.is_none()).count();
        assert_eq!(unit["n"].as_u64(), Some(counted as u64), "{code}");
        assert_eq!(unit["suppressed"].as_bool(), Some(counted < 30), "{code}");
    }
    let suppressed = snapshot["units"].as_array().unwrap().iter().filter(|u| u["suppressed"] == true).count();
    assert_eq!(suppressed, 2);
    assert_eq!(snapshot["excluded"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum::<u64>(), 5);
    let weak = snapshot["units"].as_array().unwrap().iter().find(|u| u["code"] == "ubnd-cam-thinh-tay").unwrap();
    assert_eq!(weak["target_met"], false);
    assert!(snapshot["units"].as_array().unwrap().iter().filter(|u| u["target_met"] == true).count() >= 5);

    // A counted receipt checks against the published digest; an excluded one says why not.
    let counted = responses.iter().find(|r| r.excluded.is_none()).unwrap();
    assert_eq!(verified_receipt(&ctx, counted.receipt.as_str()).await, Some(1));
    let excluded = responses.iter().find(|r| r.excluded.is_some()).unwrap();
    assert_eq!(verified_receipt(&ctx, excluded.receipt.as_str()).await, None);
    let (_, view) = call(&ctx, "GET", &format!("/api/receipts/{}", excluded.receipt), None).await;
    assert!(view.get("counted_in").is_none());
    assert_eq!(view["excluded"]["reason"], "invalid");
}

#[tokio::test]
async fn administrators_add_and_update_actions_which_the_public_reads_once_published() {
    let (ctx, _) = fresh_context().await;
    let seeded = earlier::publish(&ctx, today()).await.unwrap().unwrap();
    let (admin, staff) = (login(&ctx, "demo-admin").await, login(&ctx, "demo-staff").await);
    let unit = "tyt-cam-nghia";
    let path = format!("/api/admin/campaigns/{}/units/{unit}/actions", seeded.id);
    let public = format!("/api/results/{}/units/{unit}/actions", seeded.id);
    assert_eq!(call(&ctx, "GET", &public, None).await.1, json!([]));

    let body = json!({"task": "  Bố trí thêm ghế chờ  ", "office": "Trạm Y tế phường Cam Nghĩa", "deadline": {"by": "2026-12-31"}});
    assert_eq!(call_as(&ctx, Some(&staff), "POST", &path, Some(body.clone())).await.0, 403, "staff of the unit cannot");
    let (status, err) =
        call_as(&ctx, Some(&admin), "POST", &path, Some(json!({"task": " ", "office": "x", "deadline": "ongoing"})))
            .await;
    assert_eq!((status, err["error"].as_str()), (400, Some("invalid_action")));
    let bad_deadline = json!({"task": "t", "office": "o", "deadline": "soon"});
    assert_eq!(call_as(&ctx, Some(&admin), "POST", &path, Some(bad_deadline)).await.0, 400);
    let (status, _) = call_as(
        &ctx,
        Some(&admin),
        "POST",
        &format!("/api/admin/campaigns/{}/units/nowhere/actions", seeded.id),
        Some(body.clone()),
    )
    .await;
    assert_eq!(status, 404);

    let (status, added) = call_as(&ctx, Some(&admin), "POST", &path, Some(body)).await;
    assert_eq!(status, 201, "{added}");
    assert_eq!((added["task"].as_str(), added["status"].as_str()), (Some("Bố trí thêm ghế chờ"), Some("planned")));
    let update = json!({"task": "Bố trí thêm ghế chờ", "office": "Trạm Y tế phường Cam Nghĩa", "deadline": {"by": "2026-12-31"}, "status": "done"});
    let action_path = format!("{path}/{}", added["id"].as_str().unwrap());
    let (status, updated) = call_as(&ctx, Some(&admin), "PUT", &action_path, Some(update)).await;
    assert_eq!((status, updated["status"].as_str(), &updated["created_at"]), (200, Some("done"), &added["created_at"]));

    let (status, read) = call(&ctx, "GET", &public, None).await;
    assert_eq!((status, read), (200, json!([updated])));
    let (_, audit) = call_as(&ctx, Some(&admin), "GET", "/api/admin/audit", None).await;
    let audit = &audit["entries"];
    let last = &audit[0];
    assert_eq!((last["action"].as_str(), last["user"].as_str()), (Some("action.update"), Some("demo-admin")));
    assert_eq!((last["before"]["status"].as_str(), last["after"]["status"].as_str()), (Some("planned"), Some("done")));
    assert!(audit.as_array().unwrap().iter().any(|e| e["action"] == "action.add"));

    // The seeded actions are public; a campaign without published results has none to show.
    let (_, seeded_actions) =
        call(&ctx, "GET", &format!("/api/results/{}/units/ubnd-cam-thinh-tay/actions", seeded.id), None).await;
    assert_eq!(seeded_actions.as_array().unwrap().len(), 2);
    assert_eq!(call(&ctx, "GET", &format!("/api/results/cam-ranh/units/{unit}/actions"), None).await.0, 404);
}

/// A page as the `pages` function answers it: status, Cache-Control and the HTML.
async fn page(ctx: &hailong_functions::Context, path: &str) -> (u16, String, String) {
    let answer = hailong_functions::dispatch(ctx, hailong_tests::request("GET", path, None)).await;
    let header = |name: &str| answer.headers().get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    assert!(header("content-type").starts_with("text/html"), "{path}: {}", header("content-type"));
    let body = String::from_utf8(answer.body().to_vec()).unwrap();
    (answer.status().as_u16(), header("cache-control"), body)
}

#[tokio::test]
async fn the_results_pages_are_html_from_the_published_files_kept_a_minute() {
    let (ctx, _) = fresh_context().await;
    let seeded = earlier::publish(&ctx, today()).await.unwrap().unwrap();
    let id = seeded.id.to_string();
    let admin = login(&ctx, "demo-admin").await;
    let v2 = publish(&ctx, &admin, &id, Some(json!({"reason": "Sửa lỗi nhập liệu"}))).await.expect("a second version");

    let (status, cache, home) = page(&ctx, "/").await;
    assert_eq!((status, cache.as_str()), (200, "public, max-age=60"));
    assert!(home.contains(&format!(r#"<a href="/r/{id}">"#)) && home.contains("Phiên bản 2"), "{home}");

    // Every page for a minute: an older version's page lists the versions, which grow.
    let (status, cache, latest) = page(&ctx, &format!("/r/{id}")).await;
    assert_eq!((status, cache.as_str()), (200, "public, max-age=60"));
    assert!(latest.contains("Lý do công bố lại: Sửa lỗi nhập liệu"), "the reason of version 2");
    for u in v2["units"].as_array().unwrap() {
        assert!(latest.contains(&format!(r#"<tr data-unit="{}""#, u["code"].as_str().unwrap())), "{}", u["code"]);
    }
    let (status, cache, older) = page(&ctx, &format!("/r/{id}?version=1")).await;
    assert_eq!((status, cache.as_str()), (200, "public, max-age=60"));
    assert!(older.contains(r#"aria-current="page">Phiên bản 1</a>"#), "the version shown is marked");
    assert!(older.contains(&format!(r#"<a href="/r/{id}">Phiên bản 2</a>"#)), "the latest is linked");
    assert_ne!(older, latest, "an older version is its own page");
    assert!(!older.contains("<script>"), "no inline script");
    let (status, cache, unit) = page(&ctx, &format!("/r/{id}/ubnd-cam-thinh-tay?version=1")).await;
    assert_eq!((status, cache.as_str()), (200, "public, max-age=60"));
    assert!(unit.contains(r#"id="actions""#) && unit.contains("Phiên bản 1"), "{unit}");

    // Nothing published by that name, version or unit: a 404 page in Vietnamese, never kept.
    for missing in [
        format!("/r/{id}?version=3"),
        format!("/r/{id}?version=x"),
        format!("/r/{id}/nowhere"),
        "/r/nowhere".to_owned(),
        "/r/c%C3%B3-d%E1%BA%A5u".to_owned(),
    ] {
        let (status, cache, body) = page(&ctx, &missing).await;
        assert_eq!((status, cache.as_str()), (404, "no-store"), "{missing}");
        assert!(body.contains("Không tìm thấy kết quả đã công bố của đợt khảo sát này."), "{missing}: {body}");
    }
}

#[tokio::test]
async fn the_home_pages_receipt_form_leads_to_the_receipt_or_says_the_code_cannot_be_one() {
    let (ctx, _) = fresh_context().await;
    let answer =
        hailong_functions::dispatch(&ctx, hailong_tests::request("GET", "/receipt?code=7kq2m+9xdpt", None)).await;
    assert_eq!(answer.status(), 303, "a code read as a person types it");
    assert_eq!(answer.headers()["location"], "/receipt/7KQ2M9XDPT");
    for (query, shown) in [("?code=abc%3C", "abc&lt;"), ("", "")] {
        let (status, _, body) = page(&ctx, &format!("/receipt{query}")).await;
        assert_eq!(status, 400, "{query}");
        let problem = r#"<p class="problem" role="alert">Mã biên nhận gồm 10 chữ và số, ví dụ 7KQ2M-9XDPT. Vui lòng kiểm tra lại.</p>"#;
        assert!(body.contains(problem), "{body}");
        assert!(body.contains(&format!(r#"aria-invalid="true" value="{shown}""#)), "kept as typed: {body}");
    }
}
