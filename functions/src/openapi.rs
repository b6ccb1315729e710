//! `GET /api/openapi.json`: the API described for client writers (OpenAPI 3.1). The description
//! is written by hand next to the code; a test holds it to the route table, both ways.

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
    use crate::routes::ROUTES;
    use serde_json::Value;
    use std::collections::BTreeSet;

    const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

    fn spec() -> Value {
        serde_json::from_str(SPEC).expect("openapi.json is JSON")
    }

    #[test]
    fn documents_every_route_and_only_those() {
        let spec = spec();
        let paths = spec["paths"].as_object().expect("paths");
        let routed: BTreeSet<(String, String)> =
            ROUTES.iter().map(|r| (r.method.to_lowercase(), r.path.to_owned())).collect();
        let documented: BTreeSet<(String, String)> = paths
            .iter()
            .flat_map(|(path, ops)| {
                ops.as_object()
                    .expect("path item")
                    .keys()
                    .filter(|k| METHODS.contains(&k.as_str()))
                    .map(move |m| (m.clone(), path.clone()))
            })
            .collect();
        let undocumented: Vec<_> = routed.difference(&documented).collect();
        let unrouted: Vec<_> = documented.difference(&routed).collect();
        assert!(undocumented.is_empty(), "routes missing from openapi.json: {undocumented:?}");
        assert!(unrouted.is_empty(), "openapi.json documents routes ROUTES lacks: {unrouted:?}");
    }

    #[test]
    fn every_operation_names_its_path_parameters_and_answers() {
        let spec = spec();
        for route in ROUTES {
            let op = &spec["paths"][route.path][route.method.to_lowercase()];
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{} {}: no responses",
                route.method,
                route.path
            );
            let declared: BTreeSet<&str> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .chain(spec["paths"][route.path]["parameters"].as_array().into_iter().flatten())
                .filter(|p| p["in"] == "path")
                .filter_map(|p| p["name"].as_str())
                .collect();
            let in_path: BTreeSet<&str> =
                route.path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))).collect();
            assert_eq!(declared, in_path, "{} {}: path parameters", route.method, route.path);
        }
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
