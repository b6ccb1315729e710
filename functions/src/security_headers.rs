//! The security headers of the local stack: the same policy CloudFront adds in AWS, read from the
//! template's `AppShellHeaders` (one source), with the Content-Security-Policy's script hashes
//! computed from the page the local stack serves (the template takes them as a parameter).

use crate::store::schema::TEMPLATE;
use axum::http::{HeaderName, HeaderValue, header};
use hailong_domain::csp;
use serde_yaml::Value;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum HeadersError {
    #[error("infra/template.yaml: {0}")]
    Template(String),
}

/// Every header the template's `AppShellHeaders` policy sets, for a site whose page is `index`.
pub fn for_site(index: &str) -> Result<Vec<(HeaderName, HeaderValue)>, HeadersError> {
    let template: Value = serde_yaml::from_str(TEMPLATE).map_err(|e| HeadersError::Template(e.to_string()))?;
    let config =
        &template["Resources"]["AppShellHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"];
    let missing = |what: &str| HeadersError::Template(format!("AppShellHeaders has no {what}"));
    let policy = match &config["ContentSecurityPolicy"]["ContentSecurityPolicy"] {
        // `!Sub [text, {Hashes: …}]`
        Value::Tagged(sub) => sub.value[0].as_str(),
        other => other.as_str(),
    }
    .ok_or_else(|| missing("ContentSecurityPolicy"))?;
    let hsts = config["StrictTransportSecurity"]["AccessControlMaxAgeSec"]
        .as_u64()
        .ok_or_else(|| missing("StrictTransportSecurity"))?;
    let frame = config["FrameOptions"]["FrameOption"].as_str().ok_or_else(|| missing("FrameOptions"))?;
    let referrer = config["ReferrerPolicy"]["ReferrerPolicy"].as_str().ok_or_else(|| missing("ReferrerPolicy"))?;
    if config["ContentTypeOptions"].is_null() {
        return Err(missing("ContentTypeOptions"));
    }
    let csp = csp::with_hashes(policy, &csp::inline_script_hashes(index));
    [
        (header::CONTENT_SECURITY_POLICY, csp),
        (header::STRICT_TRANSPORT_SECURITY, format!("max-age={hsts}")),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        (header::X_FRAME_OPTIONS, frame.to_owned()),
        (header::REFERRER_POLICY, referrer.to_owned()),
    ]
    .into_iter()
    .map(|(name, value)| {
        HeaderValue::try_from(value).map(|v| (name, v)).map_err(|e| HeadersError::Template(e.to_string()))
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_policy_gets_the_hash_of_the_served_boot_script() {
        let headers = for_site("<script type=\"module\">x</script>").unwrap();
        let csp = headers.iter().find(|(n, _)| n == header::CONTENT_SECURITY_POLICY).unwrap().1.to_str().unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE='"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        let names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "content-security-policy",
                "strict-transport-security",
                "x-content-type-options",
                "x-frame-options",
                "referrer-policy"
            ]
        );
    }
}
