//! Exports and privacy: free-text comments come from the public and may name people, so only the
//! role that reviews them (administrators) exports them; staff and viewers get the answers
//! without the comment column.

use hailong_tests::{call_as, fresh_context, full_answers, login, request_as};
use serde_json::json;
use uuid::Uuid;

const STATION: &str = "tyt-cam-nghia"; // demo-staff's unit
const COMMENT: &str = "Chị Lan ở quầy 2 hướng dẫn tận tình";

async fn csv_as(ctx: &hailong_functions::Context, token: &str) -> String {
    let path = format!("/api/admin/campaigns/cam-ranh/responses.csv?unit={STATION}");
    let answer = hailong_functions::dispatch(ctx, request_as(Some(token), "GET", &path, None)).await;
    assert_eq!(answer.status().as_u16(), 200);
    String::from_utf8(answer.body().as_ref().to_vec()).unwrap()
}

#[tokio::test]
async fn only_administrators_export_comments() {
    let (ctx, _) = fresh_context().await;
    let staff = login(&ctx, "demo-staff").await;
    let body = json!({"id": Uuid::new_v4(), "campaign": "cam-ranh", "unit": STATION, "channel": "paper",
        "serial": "C-1", "answers": full_answers("moh-outpatient"), "comment": COMMENT});
    assert_eq!(call_as(&ctx, Some(&staff), "POST", "/api/admin/responses", Some(body)).await.0, 201);

    let admin = csv_as(&ctx, &login(&ctx, "demo-admin").await).await;
    let header = admin.lines().next().unwrap();
    assert!(header.contains("Góp ý"), "{header}");
    assert!(admin.contains(COMMENT), "administrators review comments: {admin}");

    for user in ["demo-staff", "demo-viewer"] {
        let csv = csv_as(&ctx, &login(&ctx, user).await).await;
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
