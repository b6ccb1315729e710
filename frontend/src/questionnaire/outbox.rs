//! Answers that could not be sent for want of a connection wait here, on the device, with no
//! expiry, and go out when the connection returns: on the `online` event, on a timer, and at the
//! next page load (even after the browser restarts). Every retry carries the same response id, so
//! the server stores each answer once and answers a repeat with the same receipt.
//!
//! Each answer is kept as the JSON text of its `Submission`, sent as it is: the bundle then needs
//! no deserializer for submissions.

use super::{answered, device};
use crate::api::{self, ApiError};
use crate::saved;
use hailong_domain::{Receipt, Submission};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::time::Duration;

const KEY: &str = "hailong.outbox";
const RETRY_EVERY: Duration = Duration::from_secs(10);

/// A submission's JSON text, with what the outbox needs to know of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Queued {
    pub id: String,
    pub campaign: String,
    pub unit: String,
    pub body: String,
}

impl Queued {
    pub fn new(submission: &Submission) -> Queued {
        Queued {
            id: submission.id.to_string(),
            campaign: submission.campaign.to_string(),
            unit: submission.unit.to_string(),
            body: serde_json::to_string(submission).expect("a submission is plain JSON"),
        }
    }

    /// Read through `Value`, as drafts are: one deserializer for all the device keeps.
    fn read(stored: &Value) -> Queued {
        let field = |name: &str| stored[name].as_str().unwrap_or_default().to_owned();
        Queued { id: field("id"), campaign: field("campaign"), unit: field("unit"), body: field("body") }
    }

    fn to_json(&self) -> Value {
        let fields = [("id", &self.id), ("campaign", &self.campaign), ("unit", &self.unit), ("body", &self.body)];
        Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), Value::String(v.clone()))).collect())
    }
}

/// What became of a queued answer once the server decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub id: String,
    pub campaign: String,
    pub unit: String,
    pub outcome: Result<Receipt, ApiError>,
}

/// The device's outbox, shared through context; `delivered` tells the page about each answer
/// the server took (or refused for good).
#[derive(Clone, Copy)]
pub struct Outbox {
    pub delivered: RwSignal<Option<Delivery>>,
    sending: RwSignal<bool>,
    kiosk: bool,
}

fn queued() -> Vec<Queued> {
    match saved::get_json(KEY) {
        Some(Value::Array(list)) => list.iter().map(Queued::read).collect(),
        _ => Vec::new(),
    }
}

fn store(list: Vec<Queued>) {
    if list.is_empty() {
        saved::remove(KEY)
    } else {
        saved::set_json(KEY, &Value::Array(list.iter().map(Queued::to_json).collect()))
    }
}

fn forget(id: &str) {
    store(queued().into_iter().filter(|q| q.id != id).collect());
}

impl Outbox {
    /// Starts sending what an earlier visit left, and keeps trying while anything waits.
    pub fn provide(kiosk: bool) -> Outbox {
        let outbox = Outbox { delivered: RwSignal::new(None), sending: RwSignal::new(false), kiosk };
        provide_context(outbox);
        let _ = window_event_listener_untyped("online", move |_| outbox.flush());
        set_interval(move || outbox.flush(), RETRY_EVERY);
        outbox.flush();
        outbox
    }

    pub fn queue(self, answer: Queued) {
        let mut list = queued();
        if !list.iter().any(|q| q.id == answer.id) {
            list.push(answer);
            store(list);
        }
    }

    /// Whether an answer for this unit is waiting here.
    pub fn holds(self, campaign: &str, unit: &str) -> bool {
        queued().iter().any(|q| q.campaign == campaign && q.unit == unit)
    }

    /// The one place an answer the server took is recorded, whichever way it was sent.
    pub fn took(self, answer: &Queued, receipt: &Receipt) {
        forget(&answer.id);
        if !self.kiosk {
            answered::record(&answer.campaign, &answer.unit, receipt);
        }
    }

    /// Whether a delivery attempt is under way (the page says so while "Gửi ngay" works).
    pub fn sending(self) -> bool {
        self.sending.get()
    }

    /// Sends the waiting answers one by one, stopping at the first that cannot go yet.
    pub fn flush(self) {
        if self.sending.get_untracked() || queued().is_empty() {
            return;
        }
        self.sending.set(true);
        spawn_local(async move {
            for answer in queued() {
                let outcome = api::submit(&answer.body, &device::token()).await;
                match &outcome {
                    Ok(receipt) => self.took(&answer, receipt),
                    Err(ApiError::Offline | ApiError::Server | ApiError::Busy) => break,
                    // Refused for good (the campaign closed, the form changed): retrying cannot help.
                    Err(_) => forget(&answer.id),
                }
                let Queued { id, campaign, unit, .. } = answer;
                self.delivered.set(Some(Delivery { id, campaign, unit, outcome }));
            }
            self.sending.set(false);
        });
    }
}

pub fn use_outbox() -> Outbox {
    expect_context()
}
