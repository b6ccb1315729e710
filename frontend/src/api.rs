//! Calls to the public HTTP API, with every failure sorted into what the page tells the citizen.

use gloo_net::http::{Request, Response};
use hailong_domain::Snapshot;
use hailong_domain::action::ImprovementAction;
use hailong_domain::api::{FormView, Publication, ReceiptView, SubmitAccepted, Window};
use hailong_domain::results::{UnitLeaves, UnitRoots};
use hailong_domain::{CampaignId, ItemError, PosterCode, Receipt, UnitCode};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use serde::de::DeserializeOwned;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer came back: the phone is offline or the connection dropped.
    Offline,
    NotFound,
    /// The campaign window is over (410); the window, when given, says since when.
    Closed(Option<Window>),
    NotYetOpen(Option<Window>),
    /// 400: answers the server refused, item by item.
    Invalid(Vec<ItemError>),
    /// 409: this response id was already stored with other answers.
    Conflict,
    /// 413
    TooLarge,
    /// 429: too many answers from this device or network just now; waiting a moment cures it.
    Busy,
    /// 400 `forged_poster`: the link's poster code is not genuine (a QR code misread or made up).
    ForgedPoster,
    /// 5xx, or an answer this page does not understand.
    Server,
}

/// The header carrying the device token, agreed with the server's rate limits.
const DEVICE_HEADER: &str = "X-Hailong-Device";

/// The form; with the poster code of the QR link, so the server counts the scan.
pub async fn form(campaign: CampaignId, unit: UnitCode, poster: Option<PosterCode>) -> Result<FormView, ApiError> {
    let query = poster.map(|p| format!("?p={}", p.as_str())).unwrap_or_default();
    read(Request::get(&format!("/api/forms/{campaign}/{unit}{query}")).send().await).await
}

/// Tells the server that a respondent who came by this poster began answering.
pub async fn start(campaign: CampaignId, unit: UnitCode, poster: PosterCode) -> Result<(), ApiError> {
    let request = Request::post(&format!("/api/forms/{campaign}/{unit}/start"))
        .json(&serde_json::json!({ "poster": poster }))
        .map_err(|_| ApiError::Server)?;
    read::<serde::de::IgnoredAny>(request.send().await).await.map(|_| ())
}

/// Safe to call again with the same submission (its JSON text): the server answers a repeat with
/// the same receipt.
pub async fn submit(submission: &str, device: &str) -> Result<Receipt, ApiError> {
    let request = Request::post("/api/responses")
        .header(DEVICE_HEADER, device)
        .header("Content-Type", "application/json")
        .body(submission)
        .map_err(|_| ApiError::Server)?;
    read::<SubmitAccepted>(request.send().await).await.map(|accepted| accepted.receipt)
}

/// Every published campaign, with its versions.
pub async fn publications() -> Result<Vec<Publication>, ApiError> {
    read(Request::get("/api/results").send().await).await
}

/// A published snapshot: the latest, or version `version`.
pub async fn snapshot(campaign: &CampaignId, version: Option<u32>) -> Result<Snapshot, ApiError> {
    read(Request::get(&snapshot_url(campaign, version)).send().await).await
}

/// The open-data address of a snapshot (also its JSON download).
pub fn snapshot_url(campaign: &CampaignId, version: Option<u32>) -> String {
    match version {
        Some(v) => format!("/api/results/{campaign}?version={v}"),
        None => format!("/api/results/{campaign}"),
    }
}

pub async fn actions(campaign: &CampaignId, unit: &UnitCode) -> Result<Vec<ImprovementAction>, ApiError> {
    read(Request::get(&format!("/api/results/{campaign}/units/{unit}/actions")).send().await).await
}

pub async fn receipt(code: Receipt) -> Result<ReceiptView, ApiError> {
    read(Request::get(&format!("/api/receipts/{code}")).send().await).await
}

/// The leaf hashes of a unit's counted responses in a published version (`results::digest`).
pub async fn unit_leaves(campaign: &CampaignId, unit: &UnitCode, version: u32) -> Result<UnitLeaves, ApiError> {
    read(Request::get(&format!("/api/results/{campaign}/units/{unit}/leaves?version={version}")).send().await).await
}

/// Every unit's root in a published version: what its digest is made of.
pub async fn unit_roots(campaign: &CampaignId, version: u32) -> Result<UnitRoots, ApiError> {
    read(Request::get(&format!("/api/results/{campaign}/roots?version={version}")).send().await).await
}

/// The parts of the API's `ErrorBody` these pages act on. Read instead of the whole body so that
/// the size-bound citizen bundle carries no reader for an import's row errors, never shown here.
#[derive(Deserialize)]
struct Refusal {
    error: String,
    #[serde(default)]
    items: Vec<ItemError>,
    window: Option<Window>,
}

async fn read<T: DeserializeOwned>(sent: Result<Response, gloo_net::Error>) -> Result<T, ApiError> {
    let response = sent.map_err(|_| ApiError::Offline)?;
    if response.ok() {
        return response.json().await.map_err(|_| ApiError::Server);
    }
    let body: Option<Refusal> = response.json().await.ok();
    let window = body.as_ref().and_then(|b| b.window);
    Err(match (response.status(), body.as_ref().map(|b| b.error.as_str())) {
        (_, Some("not_yet_open")) => ApiError::NotYetOpen(window),
        (_, Some("forged_poster")) => ApiError::ForgedPoster,
        (429, _) => ApiError::Busy,
        (410, _) | (_, Some("closed")) => ApiError::Closed(window),
        (404, _) => ApiError::NotFound,
        (400, _) => ApiError::Invalid(body.map(|b| b.items).unwrap_or_default()),
        (409, _) => ApiError::Conflict,
        (413, _) => ApiError::TooLarge,
        _ => ApiError::Server,
    })
}

/// One call's state: whether it is running, and its last result (`None` until it ends).
///
/// A plain `spawn_local` into signals: `LocalResource` and `Action` do the same with machinery
/// (async-derived signals, transitions) that costs the citizen bundle about 13 KB brotli.
pub struct Call<T: Send + Sync + 'static> {
    pub result: RwSignal<Option<T>>,
    pub pending: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Call<T> {
    pub fn new() -> Call<T> {
        Call { result: RwSignal::new(None), pending: RwSignal::new(false) }
    }

    /// Starts the request, forgetting the previous result.
    pub fn run(self, request: impl Future<Output = T> + 'static) {
        self.result.set(None);
        self.pending.set(true);
        spawn_local(async move {
            let result = request.await;
            self.result.set(Some(result));
            self.pending.set(false);
        });
    }
}

// Derived `Clone`/`Copy` would demand `T: Copy`; the signals are handles, so copying is free.
impl<T: Send + Sync + 'static> Clone for Call<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Call<T> {}
