//! The local stack answers with the security headers CloudFront adds in AWS (the template's
//! `AppShellHeaders`), its Content-Security-Policy allowing the page's boot script by hash only.

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
    let page = String::from_utf8(body).unwrap();
    let csp = header(&head, "content-security-policy").unwrap_or_else(|| panic!("no CSP in {head}"));
    let script_src = csp.split(';').map(str::trim).find(|d| d.starts_with("script-src")).unwrap();
    assert!(!script_src.contains("unsafe-inline"), "{script_src}");
    let hashes = hailong_domain::csp::inline_script_hashes(&page);
    assert!(!hashes.is_empty(), "the page boots from an inline script");
    for h in hashes {
        assert!(script_src.contains(&format!("'sha256-{h}'")), "{script_src} allows the served boot script");
    }
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    for path in ["/api/health", "/style.css"] {
        let (_, head, _) = get(&format!("{}{path}", stack.base), &[]).await;
        assert_eq!(header(&head, "x-content-type-options"), Some("nosniff"), "{path}: {head}");
        assert_eq!(header(&head, "x-frame-options"), Some("DENY"), "{path}");
        assert_eq!(header(&head, "referrer-policy"), Some("same-origin"), "{path}");
        assert!(header(&head, "strict-transport-security").is_some_and(|v| v.starts_with("max-age=")), "{path}");
        assert!(header(&head, "content-security-policy").is_some(), "{path}");
    }
}
