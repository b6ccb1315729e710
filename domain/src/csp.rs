//! The hashes a Content-Security-Policy needs for the inline scripts of a page. The site's
//! `index.html` boots the app with an inline module script, and the policy allows no inline
//! script but those whose SHA-256 it lists. The packaged page differs from the source (asset
//! names are rewritten), so the hashes are computed from the page as served: by
//! `cargo xtask package` for CloudFront (the template's `ScriptHashes` parameter), and by the
//! local stack from the page it serves. The policy's text itself is in `infra/template.yaml`
//! (`AppShellHeaders`), with `${Hashes}` where the hashes go.

use sha2::{Digest, Sha256};

/// Where the template's policy takes the hashes: `'sha256-${Hashes}'`.
pub const HASHES_PLACEHOLDER: &str = "${Hashes}";

/// The base64 SHA-256 of the text of every inline `<script>` of `html` (those without `src`), in
/// order: what follows `sha256-` in a policy.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let Some(tag_end) = rest[open..].find('>') else { break };
        let tag = &rest[open..open + tag_end];
        let body_start = open + tag_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else { break };
        if !tag.contains(" src=") {
            hashes.push(base64(&Sha256::digest(&rest.as_bytes()[body_start..body_start + close])));
        }
        rest = &rest[body_start + close..];
    }
    hashes
}

/// The template's policy with the hashes in place of [`HASHES_PLACEHOLDER`], as CloudFront's
/// `!Join` writes them (`'sha256-a' 'sha256-b'`).
pub fn with_hashes(policy: &str, hashes: &[String]) -> String {
    policy.replace(HASHES_PLACEHOLDER, &hashes.join("' 'sha256-"))
}

/// Standard base64 with padding (RFC 4648), also used for the Lambda packages' CodeSha256.
pub fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_as_rfc_4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn only_inline_scripts_are_hashed_over_their_exact_text() {
        let html = "<script type=\"module\">\nalert(1)\n</script><script src=\"/a.js\"></script><script>x</script>";
        // sha256("\nalert(1)\n") and sha256("x"), as `openssl dgst -sha256 -binary | base64` gives.
        assert_eq!(
            inline_script_hashes(html),
            ["J8+4/wmqNoqVGih0Xof49bzVEIwR8aHhR5HvZK1wlzY=", "LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE="]
        );
        assert_eq!(
            with_hashes("script-src 'self' 'sha256-${Hashes}'", &["a=".into(), "b=".into()]),
            "script-src 'self' 'sha256-a=' 'sha256-b='"
        );
    }
}
