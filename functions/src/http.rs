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
