//! hailong's HTTP API as AWS Lambda functions. Every handler takes a `lambda_http::Request` and
//! answers a `lambda_http::Response`, so the very same code runs in Lambda (one small binary per
//! function, see `src/bin/`) and in the local stack (`hailong-local`, one process for all).

pub mod admin;
pub mod api;
pub mod auth;
pub mod aws;
pub mod bots;
pub mod clock;
pub mod context;
pub mod error;
pub mod export;
pub mod export_files;
pub mod forms;
pub mod health;
pub mod http;
pub mod lambda;
pub mod local;
pub mod logging;
pub mod login;
pub mod openapi;
pub mod pages;
pub mod pdf;
pub mod posters;
pub mod queue;
pub mod random;
pub mod receipts;
pub mod results;
pub mod routes;
pub mod security_headers;
pub mod seed;
pub mod services;
pub mod sheet;
pub mod snapshots;
pub mod steps;
pub mod store;
pub mod submit;

pub use api::dispatch;
pub use context::Context;
pub use routes::Function;
