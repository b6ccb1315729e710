//! The document around every served page, and escaping.

use crate::i18n::VI;
use std::fmt::Write;

/// The whole stylesheet, inline: about 4 KB compressed, so the first response can draw the page
/// without a second round trip (a `<link>` would be one more request on a 562-ms link).
const STYLE: &str = include_str!("../../style.css");

/// Text content: `&`, `<` and `>` escaped.
pub fn text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// An attribute value inside double quotes.
pub fn attr(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// JSON inside `<script type="application/json">`: `<` written as `\u003c` (valid in a JSON
/// string, the only place it can occur), so no value can close the element.
pub fn json_island(out: &mut String, id: &str, json: &str) {
    let _ = write!(out, r#"<script type="application/json" id="{id}">"#);
    out.push_str(&json.replace('<', "\\u003c"));
    out.push_str("</script>");
}

/// `title` (already in Vietnamese; named as the app names the same page) and the body's content; `app` says whether the page loads the
/// app (`/boot.js`, a module: it never delays the form, which works without it).
pub fn document(title: &str, body: &str, app: bool) -> String {
    let mut out = String::with_capacity(STYLE.len() + body.len() + 1024);
    out.push_str(concat!(
        r#"<!doctype html><html lang="vi"><head><meta charset="utf-8">"#,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
        r##"<meta name="theme-color" content="#0b4f8a"><title>"##
    ));
    text(&mut out, &(VI.page_title)(title));
    out.push_str("</title><style>");
    out.push_str(STYLE);
    out.push_str(r#"</style><link rel="icon" href="/icon.svg" type="image/svg+xml">"#);
    if app {
        out.push_str(
            r#"<link rel="manifest" href="/manifest.webmanifest"><script type="module" src="/boot.js"></script>"#,
        );
    }
    let _ = write!(out, r#"</head><body><div id="{}">"#, super::SERVED_ID);
    out.push_str(r#"<header class="top"><a class="brand" href="/">hailong<span>"#);
    text(&mut out, VI.tagline);
    out.push_str("</span></a></header><main>");
    out.push_str(body);
    out.push_str("</main></div></body></html>");
    out
}

/// A page that only says why there is nothing to answer (the campaign closed, no such form…).
pub fn message_page(message: &str) -> String {
    let mut body = String::from(r#"<h1 id="error" class="error-page">"#);
    text(&mut body, message);
    body.push_str(r#"</h1><p><a href="/">"#);
    text(&mut body, VI.go_home);
    body.push_str("</a></p>");
    document(message, &body, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_attributes_and_json() {
        let mut out = String::new();
        text(&mut out, "a < b & c > d \"q\"");
        assert_eq!(out, "a &lt; b &amp; c &gt; d \"q\"");
        out.clear();
        attr(&mut out, r#"say "hi" & <go>"#);
        assert_eq!(out, "say &quot;hi&quot; &amp; &lt;go>");
        out.clear();
        json_island(&mut out, "x", r#"{"t":"</script><b>"}"#);
        assert_eq!(out, r#"<script type="application/json" id="x">{"t":"\u003c/script>\u003cb>"}</script>"#);
    }
}
