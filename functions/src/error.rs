//! Every way an API call can fail, and the one place where each becomes an HTTP answer.

use crate::auth::AuthError;
use crate::bots::BotError;
use crate::http::{BodyError, json};
use crate::store::StoreError;
use hailong_domain::SourceError;
use hailong_domain::api::{ErrorBody, RowError, Window};
use hailong_domain::response::ItemError;
use lambda_http::{Body, Response};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("no API endpoint at this path")]
    NoRoute,
    #[error("this endpoint does not take that HTTP method")]
    MethodNotAllowed,
    #[error("{0}")]
    NotFound(String),
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    #[error("some answers are not valid: correct the items listed and send again")]
    InvalidAnswers(Vec<ItemError>),
    #[error("a different response was already stored under this id; make a new id for a new response")]
    Conflict,
    #[error("the campaign closed on {} and no longer takes answers", .0.closes)]
    Closed(Window),
    #[error("the campaign opens on {} and does not take answers yet", .0.opens)]
    NotYetOpen(Window),
    #[error("the body is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("{}", match .0 {
        StoreError::Invalid(_) => "a value sent is empty or longer than the store can hold: shorten it and send again",
        _ => "the data store is not answering; try again in a moment",
    })]
    Store(#[from] StoreError),
    #[error("{0}")]
    Auth(#[from] AuthError),
    #[error("{} row(s) of the file are not valid; nothing was imported", .0.len())]
    InvalidRows(Vec<RowError>),
    /// What the state of the campaign or the record does not allow, with a stable code per
    /// refusal (`already_excluded`, `campaign_closed`…) that the console translates.
    #[error("{message}")]
    Refused { code: &'static str, message: String },
    #[error("{0}")]
    Bot(#[from] BotError),
    #[error("{0}")]
    Body(#[from] BodyError),
}

impl ApiError {
    fn status_and_code(&self) -> (u16, &'static str) {
        match self {
            ApiError::NoRoute => (404, "no_route"),
            ApiError::MethodNotAllowed => (405, "method_not_allowed"),
            ApiError::NotFound(_) => (404, "not_found"),
            ApiError::BadRequest { code, .. } => (400, code),
            ApiError::InvalidAnswers(_) => (400, "invalid_answers"),
            ApiError::Conflict => (409, "conflict"),
            ApiError::Closed(_) => (410, "closed"),
            ApiError::NotYetOpen(_) => (410, "not_yet_open"),
            ApiError::TooLarge { .. } => (413, "too_large"),
            ApiError::Store(StoreError::Invalid(_)) => (400, "invalid_value"),
            ApiError::Store(_) => (503, "store_unavailable"),
            ApiError::Auth(AuthError::Missing | AuthError::Invalid) => (401, "unauthorized"),
            ApiError::Auth(AuthError::BadCredentials) => (401, "bad_credentials"),
            ApiError::Auth(AuthError::TooManyAttempts { .. }) => (429, "too_many_attempts"),
            ApiError::Auth(AuthError::Forbidden) => (403, "forbidden"),
            ApiError::InvalidRows(_) => (400, "invalid_rows"),
            ApiError::Refused { code, .. } => (409, code),
            ApiError::Bot(BotError::Honeypot) => (400, "not_accepted"),
            ApiError::Bot(BotError::BadDeviceToken) => (400, "bad_device_token"),
            ApiError::Bot(BotError::Limited { .. }) => (429, "rate_limited"),
            ApiError::Bot(BotError::Store(_)) => (503, "store_unavailable"),
            ApiError::Body(_) => (400, "invalid_body"),
        }
    }

    /// What went wrong, for operators: a store failure's own words (which the answer to a caller
    /// never shows), otherwise the message.
    pub fn cause(&self) -> String {
        match self {
            ApiError::Store(e) | ApiError::Bot(BotError::Store(e)) => e.to_string(),
            other => other.to_string(),
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        self.status_and_code().0
    }

    pub fn into_response(self) -> Response<Body> {
        let (status, code) = self.status_and_code();
        if let ApiError::Store(e) | ApiError::Bot(BotError::Store(e)) = &self {
            // Refused requests are logged too: one means an input no edge check caught.
            tracing::error!(error = %e, "store failure");
        }
        let retry_after = match &self {
            ApiError::Bot(BotError::Limited { retry_after_s, .. })
            | ApiError::Auth(AuthError::TooManyAttempts { retry_after_s }) => Some(*retry_after_s),
            _ => None,
        };
        let body = ErrorBody {
            error: code.to_owned(),
            message: self.to_string(),
            window: match &self {
                ApiError::Closed(w) | ApiError::NotYetOpen(w) => Some(*w),
                _ => None,
            },
            rows: match &self {
                ApiError::InvalidRows(rows) => rows.clone(),
                _ => Vec::new(),
            },
            items: match self {
                ApiError::InvalidAnswers(items) => items,
                _ => Vec::new(),
            },
        };
        let mut response = json(status, &body);
        if let Some(seconds) = retry_after {
            response.headers_mut().insert("retry-after", seconds.into());
        }
        response
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::BadRequest { code, message: message.into() }
    }

    pub fn refused(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::Refused { code, message: message.into() }
    }
}

/// A submission on a channel its sender may not use (`hailong_domain::Source::of`).
impl From<SourceError> for ApiError {
    fn from(e: SourceError) -> ApiError {
        ApiError::bad_request(e.code(), e.to_string())
    }
}
