//! `GET /api/openapi.json`: the API described for client writers (OpenAPI 3.1). The description
//! is written by hand next to the code; a test in `api.rs` holds it to the route tables, both ways.

use lambda_http::{Body, Response};

pub const SPEC: &str = include_str!("openapi.json");

pub fn get() -> Response<Body> {
    Response::builder()
        .status(200)
        .header("content-type", "application/json; charset=utf-8")
        // It changes only with a deployment.
        .header("cache-control", "public, max-age=300")
        .body(Body::Text(SPEC.to_owned()))
        .expect("valid response")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn spec() -> Value {
        serde_json::from_str(SPEC).expect("openapi.json is JSON")
    }

    #[test]
    fn every_reference_resolves() {
        fn walk<'a>(v: &'a Value, refs: &mut Vec<&'a str>) {
            match v {
                Value::Object(o) => o.iter().for_each(|(k, v)| match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => refs.push(r),
                    _ => walk(v, refs),
                }),
                Value::Array(a) => a.iter().for_each(|v| walk(v, refs)),
                _ => {}
            }
        }
        let spec = spec();
        let mut refs = Vec::new();
        walk(&spec, &mut refs);
        assert!(!refs.is_empty());
        for r in refs {
            let pointer = r.strip_prefix('#').unwrap_or_else(|| panic!("{r} is not local"));
            assert!(spec.pointer(pointer).is_some(), "{r} does not resolve");
        }
    }
}
