//! The whole HTTP API: every function's table, joined. The local stack serves them all, and the
//! tests read this one list (template ⇔ code, OpenAPI ⇔ code, the Runtime API events). A Lambda
//! binary never refers to it: it runs its own table alone (`lambda::run`).

use crate::context::Context;
use crate::routes::{self, Function, Resolved, Route, Table};
use lambda_http::{Body, Request, Response};

/// Every function's routes (the stream-fed `aggregate` has none).
pub const TABLES: [Table; 8] = [
    crate::forms::TABLE,
    crate::submit::TABLE,
    crate::receipts::TABLE,
    crate::health::TABLE,
    crate::login::TABLE,
    crate::admin::TABLE,
    crate::results::TABLE,
    crate::pages::TABLE,
];

/// Every row, with the function that serves it.
pub fn routes() -> impl Iterator<Item = (Function, &'static Route)> {
    TABLES.iter().flat_map(|t| t.routes.iter().map(move |r| (t.function, r)))
}

/// The table of a function; `None` for the stream's.
pub fn table(function: Function) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.function == function)
}

pub fn resolve(method: &str, path: &str) -> Resolved {
    routes::resolve(&TABLES, method, path)
}

/// Answers one API request, for any function: the local stack, which serves them all.
pub async fn dispatch(ctx: &Context, req: Request) -> Response<Body> {
    routes::dispatch_to(ctx, &TABLES, req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::collections::BTreeSet;

    fn found(method: &str, path: &str) -> Option<(Function, routes::Params)> {
        match resolve(method, path) {
            Resolved::Route(f, _, p) => Some((f, p)),
            _ => None,
        }
    }

    #[test]
    fn resolves_paths_with_parameters() {
        let (f, p) = found("GET", "/api/forms/cam-ranh/tyt%2D1").unwrap();
        assert_eq!(f, Function::Forms);
        assert_eq!((p.get("campaign"), p.get("unit")), ("cam-ranh", "tyt-1"));
        assert_eq!(found("POST", "/api/responses").unwrap().0, Function::Submit);
        assert!(found("GET", "/api/forms/cam-ranh").is_none());
        assert!(found("GET", "/api/forms/cam-ranh//").is_none());
        assert!(found("GET", "/api/forms/a/b/c").is_none());
        assert!(matches!(resolve("DELETE", "/api/responses"), Resolved::MethodNotAllowed));
        assert!(matches!(resolve("GET", "/api/nothing"), Resolved::NotFound));
        assert_eq!(found("GET", "/api/admin/campaigns/c1/exports/j1/file").unwrap().0, Function::Admin);
        assert_eq!(found("POST", "/api/admin/campaigns").unwrap().0, Function::Admin);
    }

    #[test]
    fn every_function_but_the_stream_and_the_queue_has_a_table_with_rows_and_no_row_is_twice() {
        for f in Function::ALL {
            let fed = matches!(f, Function::Aggregate | Function::Publish);
            assert_eq!(table(f).is_some_and(|t| !t.routes.is_empty()), !fed, "{f:?}");
        }
        let rows: Vec<_> = routes().map(|(_, r)| (r.method, r.path)).collect();
        let distinct: BTreeSet<_> = rows.iter().collect();
        assert_eq!(rows.len(), distinct.len(), "a method and path in two rows");
    }

    // The OpenAPI document against the tables.

    const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

    fn spec() -> Value {
        serde_json::from_str(crate::openapi::SPEC).expect("openapi.json is JSON")
    }

    #[test]
    fn openapi_documents_every_route_and_only_those() {
        let spec = spec();
        let paths = spec["paths"].as_object().expect("paths");
        let routed: BTreeSet<(String, String)> =
            routes().map(|(_, r)| (r.method.to_lowercase(), r.path.to_owned())).collect();
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
        assert!(unrouted.is_empty(), "openapi.json documents routes no table has: {unrouted:?}");
    }

    #[test]
    fn openapi_names_every_operations_path_parameters_and_answers() {
        let spec = spec();
        for (_, route) in routes() {
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
}
