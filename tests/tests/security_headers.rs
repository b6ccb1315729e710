//! The local stack answers with the security headers CloudFront adds in AWS (the template's
//! `AppShellHeaders`): a Content-Security-Policy without inline scripts on the served pages, and
//! the same headers on the API and the static files; and odd paths get a readable answer.

use hailong_tests::local_stack::{LocalStack, get};

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

#[tokio::test]
async fn pages_and_api_answers_carry_the_template_policy() {
    let stack = LocalStack::start().await;
    let (status, head, body) = get(&format!("{}/s/cam-ranh/ubnd-cam-nghia", stack.base), &[]).await;
    assert_eq!(status, 200);
    let csp = header(&head, "content-security-policy").unwrap_or_else(|| panic!("no CSP in {head}"));
    let script_src = csp.split(';').map(str::trim).find(|d| d.starts_with("script-src")).unwrap();
    assert_eq!(script_src, "script-src 'self' 'wasm-unsafe-eval'", "no inline script runs");
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("form-action 'self'"), "{csp}");
    // The served form needs no inline script: it boots from a file the policy allows.
    let page = String::from_utf8(body).unwrap();
    for tag in page.split("<script").skip(1).map(|t| &t[..t.find('>').unwrap()]) {
        assert!(tag.contains(" src=") || tag.contains("application/json"), "an inline script: <script{tag}>");
    }
    // The home page (the pages function's) boots from the same file, with no inline script.
    let (status, _, body) = get(&format!("{}/", stack.base), &[]).await;
    let home = String::from_utf8(body).unwrap();
    assert!(status == 200 && home.contains(r#"<script type="module" src="/boot.js">"#), "{home}");
    assert_eq!(home.matches("<script").count(), 1, "no inline script on the home page");
    for path in ["/api/health", "/style.css", "/api/nowhere", "/"] {
        let (_, head, _) = get(&format!("{}{path}", stack.base), &[]).await;
        assert_eq!(header(&head, "x-content-type-options"), Some("nosniff"), "{path}: {head}");
        assert_eq!(header(&head, "x-frame-options"), Some("DENY"), "{path}");
        assert_eq!(header(&head, "referrer-policy"), Some("same-origin"), "{path}");
        assert!(header(&head, "strict-transport-security").is_some_and(|v| v.starts_with("max-age=")), "{path}");
        assert_eq!(header(&head, "content-security-policy"), Some(csp), "{path}");
    }

    // Odd paths get an answer a person or a client can read, never an empty 500.
    let (status, head, body) = get(&format!("{}/{}", stack.base, "a".repeat(3_000)), &[]).await;
    assert_eq!(status, 200, "a path no file can have is the app's page, as any unknown path");
    assert!(head.contains("text/html") && String::from_utf8_lossy(&body).contains("/boot.js"), "{head}");
    let (status, _, body) = get(&format!("{}/api/nowhere", stack.base), &[]).await;
    let error: serde_json::Value = serde_json::from_slice(&body).expect("a JSON error body");
    assert_eq!((status, error["error"].as_str()), (404, Some("no_route")), "{error}");
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()), "{error}");

    // Each request is one log line: its route's pattern and status, not the path it was sent.
    let form = "route=/s/{campaign}/{unit} status=200";
    let logged =
        |needle: &str| stack.output.lock().unwrap().iter().any(|l| l.contains("request") && l.contains(needle));
    for _ in 0..50 {
        if logged(form) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(logged(form) && logged("route=- status=404"), "{:?}", stack.output.lock().unwrap());
    let requests: Vec<String> =
        stack.output.lock().unwrap().iter().filter(|l| l.contains("request")).cloned().collect();
    assert!(!requests.iter().any(|l| l.contains("ubnd-cam-nghia") || l.contains("aaaa")), "no path: {requests:?}");
}
