//! Small helpers for building HTTP answers.

use lambda_http::{Body, Response};
use serde::Serialize;

/// A JSON answer. API answers are never cached: they reflect live state.
pub fn json<T: Serialize>(status: u16, body: &T) -> Response<Body> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json; charset=utf-8")
        .header("cache-control", "no-store")
        .body(Body::Text(serde_json::to_string(body).expect("API bodies always serialise")))
        .expect("status and headers are valid")
}

/// Answers above this many bytes are gzipped for callers that accept it: a questionnaire is
/// ~10 KB of JSON, a fifth of that compressed, on a phone's weak connection.
const COMPRESS_ABOVE: usize = 1024;

/// Gzips a text or JSON answer when the request's `Accept-Encoding` allows it. Done here rather than
/// left to CloudFront, whose API behaviour does not cache and so does not compress.
pub fn compress(accept_encoding: Option<&str>, response: Response<Body>) -> Response<Body> {
    use std::io::Write;
    let accepts_gzip =
        accept_encoding.is_some_and(|a| a.split(',').any(|e| e.split(';').next().unwrap_or("").trim() == "gzip"));
    let (mut parts, body) = response.into_parts();
    let content_type = parts.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let textual = content_type.starts_with("application/json") || content_type.starts_with("text/");
    let bytes = match &body {
        Body::Text(text) => text.as_bytes(),
        // Published snapshots are read from their files as bytes.
        Body::Binary(bytes) if textual => bytes.as_slice(),
        _ => &[],
    };
    if !accepts_gzip || bytes.len() <= COMPRESS_ABOVE || parts.headers.contains_key("content-encoding") {
        return Response::from_parts(parts, body);
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).expect("writing to memory");
    let bytes = gz.finish().expect("writing to memory");
    parts.headers.insert("content-encoding", lambda_http::http::HeaderValue::from_static("gzip"));
    parts.headers.append("vary", lambda_http::http::HeaderValue::from_static("accept-encoding"));
    Response::from_parts(parts, Body::Binary(bytes))
}
