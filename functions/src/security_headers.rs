//! The security headers of the local stack: the same policy CloudFront adds in AWS, read from the
//! template's `AppShellHeaders`, so the two cannot drift apart.

use crate::store::schema::TEMPLATE;
use axum::http::{HeaderName, HeaderValue, header};
use serde_yaml::Value;
use thiserror::Error;

#[derive(Debug, Error)]
#[error("infra/template.yaml: {0}")]
pub struct HeadersError(String);

/// Every header the template's `AppShellHeaders` policy sets.
pub fn from_template() -> Result<Vec<(HeaderName, HeaderValue)>, HeadersError> {
    let template: Value = serde_yaml::from_str(TEMPLATE).map_err(|e| HeadersError(e.to_string()))?;
    let config =
        &template["Resources"]["AppShellHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"];
    let missing = |what: &str| HeadersError(format!("AppShellHeaders has no {what}"));
    let policy = config["ContentSecurityPolicy"]["ContentSecurityPolicy"]
        .as_str()
        .ok_or_else(|| missing("ContentSecurityPolicy"))?;
    let hsts = config["StrictTransportSecurity"]["AccessControlMaxAgeSec"]
        .as_u64()
        .ok_or_else(|| missing("StrictTransportSecurity"))?;
    let frame = config["FrameOptions"]["FrameOption"].as_str().ok_or_else(|| missing("FrameOptions"))?;
    let referrer = config["ReferrerPolicy"]["ReferrerPolicy"].as_str().ok_or_else(|| missing("ReferrerPolicy"))?;
    if config["ContentTypeOptions"].is_null() {
        return Err(missing("ContentTypeOptions"));
    }
    [
        (header::CONTENT_SECURITY_POLICY, policy.to_owned()),
        (header::STRICT_TRANSPORT_SECURITY, format!("max-age={hsts}")),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        (header::X_FRAME_OPTIONS, frame.to_owned()),
        (header::REFERRER_POLICY, referrer.to_owned()),
    ]
    .into_iter()
    .map(|(name, value)| HeaderValue::try_from(value).map(|v| (name, v)).map_err(|e| HeadersError(e.to_string())))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_policy_is_read_whole() {
        let headers = from_template().unwrap();
        let csp = headers.iter().find(|(n, _)| n == header::CONTENT_SECURITY_POLICY).unwrap().1.to_str().unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';") && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
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
