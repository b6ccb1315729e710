//! The local stack: one process serving the built frontend and every function under `/api`,
//! against DynamoDB Local. The handlers are the Lambda ones; only the transport differs.

use crate::api::dispatch;
use crate::context::Context;
use crate::error::ApiError;
use crate::store::Tables;
use crate::{clock, seed};
use axum::Router;
use axum::extract::{ConnectInfo, State};
use axum::routing::any;
use hailong_domain::api::MAX_SUBMISSION_BYTES;
use http_body_util::{BodyExt, Limited};
use lambda_http::RequestExt;
use lambda_http::aws_lambda_events::apigw::{
    ApiGatewayV2httpRequestContext, ApiGatewayV2httpRequestContextHttpDescription,
};
use lambda_http::request::RequestContext;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::services::{ServeDir, ServeFile};

/// Bodies beyond this are refused before a handler sees them (the handlers' own limits are lower).
const TRANSPORT_BODY_LIMIT: usize = 1024 * 1024;

pub fn router(ctx: Arc<Context>, dist: PathBuf) -> Router {
    // Any non-API path is the single-page app; its router decides what to show.
    let index = ServeFile::new(dist.join("index.html")).precompressed_br().precompressed_gzip();
    let assets = ServeDir::new(&dist).precompressed_br().precompressed_gzip().fallback(index);
    let assets = Router::new().fallback_service(assets).layer(axum::middleware::map_request(no_overlong_names));
    // The headers CloudFront adds in AWS, on every answer.
    let headers = Arc::new(crate::security_headers::from_template().expect("its unit test reads the template"));
    let secure = axum::middleware::map_response(move |mut res: axum::response::Response| {
        let headers = Arc::clone(&headers);
        async move {
            res.headers_mut().extend(headers.iter().map(|(n, v)| (n.clone(), v.clone())));
            res
        }
    });
    Router::new()
        .route("/api", any(api))
        .route("/api/{*path}", any(api))
        // The pages the `pages` function renders (CloudFront sends these paths to the API).
        .route("/s/{*path}", any(api))
        .route("/receipt", any(api))
        .route("/receipt/{*path}", any(api))
        .route("/", any(api))
        .route("/r/{*path}", any(api))
        .fallback_service(assets)
        .layer(secure)
        .with_state(ctx)
}

/// A path no file can have (a name over the file system's 255 bytes) is no file: the app's page
/// answers it, as for any other unknown path, instead of the file system's error as a 500.
async fn no_overlong_names(mut req: axum::extract::Request) -> axum::extract::Request {
    let path = req.uri().path();
    if path.len() > 1024 || path.split('/').any(|name| name.len() > 255) {
        *req.uri_mut() = axum::http::Uri::from_static("/index.html");
    }
    req
}

async fn api(State(ctx): State<Arc<Context>>, req: axum::extract::Request) -> axum::response::Response {
    let (parts, body) = req.into_parts();
    let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    let answer = match Limited::new(body, TRANSPORT_BODY_LIMIT).collect().await {
        Ok(collected) => {
            let body = lambda_http::Body::from(collected.to_bytes().to_vec());
            let req = lambda_http::Request::from_parts(parts, body).with_request_context(gateway_context(peer));
            dispatch(&ctx, req).await
        }
        Err(_) => ApiError::TooLarge { limit: MAX_SUBMISSION_BYTES }.into_response(),
    };
    let (parts, body) = answer.into_parts();
    axum::response::Response::from_parts(parts, axum::body::Body::from(body.to_vec()))
}

/// What API Gateway tells a function about the caller, here only its address (`sourceIp`), which
/// the bot limits read. No authorizer: the local stack signs in with its own tokens.
fn gateway_context(peer: Option<SocketAddr>) -> RequestContext {
    let mut http = ApiGatewayV2httpRequestContextHttpDescription::default();
    http.source_ip = peer.map(|p| p.ip().to_string());
    let mut context = ApiGatewayV2httpRequestContext::default();
    context.http = http;
    RequestContext::ApiGatewayV2(context)
}

/// Settings of `hailong-local`, from the environment (`cargo xtask run` sets them).
pub struct Settings {
    pub port: u16,
    pub dynamodb: String,
    pub table_prefix: String,
    pub dist: PathBuf,
    pub seed: bool,
    /// Also seed and publish last year's campaign (`HAILONG_SEED_HISTORY=0` skips it: the tests
    /// that do not read published results start faster).
    pub history: bool,
    pub demo_password: String,
    /// Folder of published snapshots (`.hailong/snapshots` under `cargo xtask run`).
    pub snapshots: Option<PathBuf>,
}

impl Settings {
    pub fn from_env() -> Result<Settings, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Ok(Settings {
            port: match var("PORT") {
                Some(p) => p.parse().map_err(|_| format!("PORT={p} is not a port number"))?,
                None => 8080,
            },
            dynamodb: var("HAILONG_DYNAMODB_ENDPOINT").ok_or(
                "HAILONG_DYNAMODB_ENDPOINT is not set: start the local stack with `cargo xtask run`, which starts DynamoDB Local",
            )?,
            table_prefix: var("HAILONG_TABLE_PREFIX").unwrap_or_else(|| "hailong-".into()),
            dist: var("HAILONG_DIST").map(PathBuf::from).unwrap_or_else(|| "frontend/dist".into()),
            seed: var("HAILONG_SEED").as_deref() != Some("0"),
            history: var("HAILONG_SEED_HISTORY").as_deref() != Some("0"),
            demo_password: var("HAILONG_DEMO_PASSWORD").unwrap_or_else(|| "demo".into()),
            snapshots: var("HAILONG_SNAPSHOT_DIR").map(PathBuf::from),
        })
    }
}

/// Creates the tables, seeds the demo and serves until Ctrl-C.
pub async fn run(settings: Settings) -> Result<(), String> {
    crate::logging::init();
    let mut ctx = Context::local(&settings.dynamodb, Tables::with_prefix(&settings.table_prefix))
        .with_demo_accounts(&settings.demo_password);
    if let Some(dir) = &settings.snapshots {
        ctx.snapshots = crate::snapshots::SnapshotStore::Folder(dir.clone());
    }
    if std::env::var_os("HAILONG_PUBLIC_URL").is_none() {
        ctx.public_url = format!("http://127.0.0.1:{}", settings.port);
    }
    // The publication steps run in this process, as the publish function runs them in AWS.
    let ctx = Arc::new(crate::steps::in_process(ctx));
    ctx.store
        .create_tables()
        .await
        .map_err(|e| format!("could not create the tables in DynamoDB Local at {}: {e}", settings.dynamodb))?;
    let demo = if settings.seed {
        let demo = seed::demo(&ctx.store, clock::today()).await.map_err(|e| format!("could not seed the demo: {e}"))?;
        if settings.history {
            let started = std::time::Instant::now();
            let earlier = seed::earlier::publish(&ctx, clock::today())
                .await
                .map_err(|e| format!("could not seed the demo's earlier campaign: {e}"))?;
            if let Some(c) = earlier {
                println!("Seeded and published the earlier campaign {} in {} ms", c.id, started.elapsed().as_millis());
            }
        }
        Some(demo)
    } else {
        None
    };
    if !settings.dist.join("index.html").exists() {
        return Err(format!(
            "{} has no index.html: build the frontend first (`cargo xtask run` does)",
            settings.dist.display()
        ));
    }
    // The aggregation function, fed from DynamoDB Local's stream as Lambda is fed in AWS.
    let mut stream = crate::results::stream::LocalStream::open(&ctx, &settings.dynamodb)
        .await
        .map_err(|e| format!("cannot read the responses stream: {e}"))?;
    let aggregating = Arc::clone(&ctx);
    tokio::spawn(async move {
        loop {
            match stream.poll(&aggregating).await {
                Ok(0) => tokio::time::sleep(std::time::Duration::from_millis(250)).await,
                Ok(_) => {}
                Err(e) => {
                    eprintln!("hailong-local: aggregation: {e}");
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
            }
        }
    });
    let addr = SocketAddr::from(([127, 0, 0, 1], settings.port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e} (set PORT to use another port)"))?;
    println!("hailong is running at http://{addr}/");
    if let Some(c) = demo {
        let unit = &c.units[0].code;
        println!("Demo questionnaire: http://{addr}/s/{}/{unit}", c.id);
        println!("Published results:  http://{addr}/r/{}", seed::earlier::campaign_id(clock::today()));
        if let Some(station) = c.units.iter().find(|u| u.kind == hailong_domain::UnitKind::TramYTe) {
            println!("Health station:     http://{addr}/s/{}/{}", c.id, station.code);
        }
    }
    axum::serve(listener, router(ctx, settings.dist).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}
