//! The request and answer helpers every handler shares: JSON bodies in and out, query
//! parameters, compression. Below the error module: it has its own small error.

use lambda_http::{Body, Request, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

/// A JSON body that does not parse as the endpoint's type (400 `invalid_body`).
#[derive(Debug, Error)]
#[error("the body is not valid: {0}")]
pub struct BodyError(#[from] serde_json::Error);

pub fn parse<T: DeserializeOwned>(body: &Body) -> Result<T, BodyError> {
    Ok(serde_json::from_slice(body.as_ref())?)
}

/// Like [`parse`], with an empty body meaning the default.
pub fn parse_or_default<T: DeserializeOwned + Default>(body: &Body) -> Result<T, BodyError> {
    if body.as_ref().iter().all(u8::is_ascii_whitespace) { Ok(T::default()) } else { parse(body) }
}

pub fn query_param(req: &Request, name: &str) -> Option<String> {
    req.uri().query()?.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| v.to_owned())
    })
}

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
