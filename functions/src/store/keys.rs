//! Every key of every item the store writes: the one place their formats are spelled. Items of
//! the catalog table are (partition, sort key) pairs; the responses and receipts tables are keyed
//! by the response id and the receipt alone, and the rate counters (`RATE#…`) share the
//! responses table with them. Nothing outside this file builds a key string.

use hailong_domain::results::AggregateKey;
use hailong_domain::{CampaignId, QuestionnaireRef, Response, ResponseId, Shard, UnitCode};

/// A catalog partition: one kind of item, of one campaign where it says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition(pub(super) String);

/// One catalog item's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub(super) pk: String,
    pub(super) sk: String,
}

impl Partition {
    /// The partition key's text: what an IAM `dynamodb:LeadingKeys` condition matches.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn item(&self, sk: impl Into<String>) -> Key {
        Key { pk: self.0.clone(), sk: sk.into() }
    }
}

fn partition(kind: &str, campaign: &CampaignId) -> Partition {
    Partition(format!("{kind}#{campaign}"))
}

// The registers: one partition per kind, so listing is a keyed Query, never a Scan.

pub fn campaigns() -> Partition {
    Partition("CAMPAIGNS".into())
}

pub fn campaign(id: &CampaignId) -> Key {
    campaigns().item(id.as_str())
}

/// The units of a campaign too large for its own item, in parts numbered from 0.
pub fn campaign_units(id: &CampaignId) -> Partition {
    partition("CAMPAIGNUNITS", id)
}

pub fn campaign_units_part(id: &CampaignId, part: usize) -> Key {
    campaign_units(id).item(campaign_units_bound(part))
}

/// The sort key of part `part`, and so the bound below which the first `part` parts sort.
pub fn campaign_units_bound(part: usize) -> String {
    format!("{part:04}")
}

pub fn units() -> Partition {
    Partition("UNITS".into())
}

pub fn unit(code: &UnitCode) -> Key {
    units().item(code.as_str())
}

/// Every version of every questionnaire in one partition, so the catalogue lists with one Query.
pub fn questionnaires() -> Partition {
    Partition("QUESTIONNAIRES".into())
}

pub fn questionnaire(q: &QuestionnaireRef) -> Key {
    questionnaires().item(format!("{}#V{:06}", q.id, q.version))
}

pub fn secret(name: &str) -> Key {
    Partition("SECRETS".into()).item(name)
}

/// The item `/api/health` reads to prove the store answers (it need not exist).
pub fn health() -> Key {
    Partition("HEALTH".into()).item("HEALTH")
}

/// The audit log, oldest first: entries sort by time, then a random tail keeps them apart.
pub fn audit_log() -> Partition {
    Partition("AUDIT".into())
}

pub fn audit_entry(at_ms: i64, random: uuid::Uuid) -> Key {
    audit_log().item(format!("{at_ms:013}#{random}"))
}

/// The sort keys that bound the entries written between two instants (inclusive): `~` sorts
/// after the `#` that ends every key's time.
pub fn audit_span(from_ms: i64, to_ms: i64) -> (String, String) {
    (format!("{from_ms:013}"), format!("{to_ms:013}~"))
}

/// An audit entry's key from its sort key, if the sort key is one `audit_entry` makes: a page
/// cursor comes back from outside and is checked before it reaches a query.
pub fn audit_entry_at(sk: &str) -> Option<Key> {
    let (time, id) = sk.split_once('#')?;
    (time.len() == 13 && time.bytes().all(|b| b.is_ascii_digit()) && id.parse::<uuid::Uuid>().is_ok())
        .then(|| audit_log().item(sk))
}

// A campaign's records, by response id or by unit.

/// A paper form's serial number, claimed with its response: one form, one response.
pub fn serial(campaign: &CampaignId, serial: &str) -> Key {
    partition("SERIAL", campaign).item(serial)
}

pub fn exclusions(campaign: &CampaignId) -> Partition {
    partition("EXCLUDED", campaign)
}

pub fn exclusion(campaign: &CampaignId, response: &ResponseId) -> Key {
    exclusions(campaign).item(response.to_string())
}

/// A campaign's re-verification records, sorted by unit (`{unit}#{response}`), so that one
/// unit's records are one `begins_with` Query and a page of progress reads only its units'.
pub fn verifications(campaign: &CampaignId) -> Partition {
    partition("VERIFY", campaign)
}

pub fn verification(campaign: &CampaignId, unit: &UnitCode, response: &ResponseId) -> Key {
    verifications(campaign).item(format!("{unit}#{response}"))
}

/// The partition and sort-key prefix of one unit's re-verification records (a unit code holds
/// no `#`).
pub fn unit_verifications(campaign: &CampaignId, unit: &UnitCode) -> (Partition, String) {
    (verifications(campaign), format!("{unit}#"))
}

/// A unit's customer list, one item per row, in row order.
pub fn customers(campaign: &CampaignId, unit: &UnitCode) -> Partition {
    Partition(format!("CUSTOMERS#{campaign}#{unit}"))
}

pub fn customer(campaign: &CampaignId, unit: &UnitCode, row: usize) -> Key {
    customers(campaign, unit).item(format!("{row:06}"))
}

/// The call samples of a campaign, one per unit.
pub fn call_samples(campaign: &CampaignId) -> Partition {
    partition("CALLSAMPLE", campaign)
}

pub fn call_sample(campaign: &CampaignId, unit: &UnitCode) -> Key {
    call_samples(campaign).item(unit.as_str())
}

/// The improvement actions of a unit's result.
pub fn actions(campaign: &CampaignId, unit: &UnitCode) -> Partition {
    Partition(format!("ACTIONS#{campaign}#{unit}"))
}

pub fn action(campaign: &CampaignId, unit: &UnitCode, id: &str) -> Key {
    actions(campaign, unit).item(id)
}

/// The current poster version of each unit of a campaign.
pub fn poster_state(campaign: &CampaignId, unit: &UnitCode) -> Key {
    partition("POSTERS", campaign).item(unit.as_str())
}

/// Scan, start and completion counts per unit and poster version.
pub fn poster_stats(campaign: &CampaignId) -> Partition {
    partition("POSTERSTATS", campaign)
}

pub fn poster_stat(campaign: &CampaignId, unit: &UnitCode, version: u32) -> Key {
    poster_stats(campaign).item(format!("{unit}#{version}"))
}

/// The sort-key prefix of one unit's poster counts within [`poster_stats`].
pub fn unit_poster_stats(unit: &UnitCode) -> String {
    format!("{unit}#")
}

/// The (unit, poster version) of a [`poster_stat`] sort key.
pub fn parse_poster_stat(sk: &str) -> Option<(UnitCode, u32)> {
    let (unit, version) = sk.rsplit_once('#')?;
    Some((UnitCode::parse(unit).ok()?, version.parse().ok()?))
}

/// Refused submissions of a campaign by reason, in one item of its own partition.
pub fn bot_refusals(campaign: &CampaignId) -> Key {
    bot_stats(campaign).item("submit")
}

pub fn bot_stats(campaign: &CampaignId) -> Partition {
    partition("BOTSTATS", campaign)
}

// Results.

/// The running aggregates of a campaign's units in one shard, by slot
/// (`unit#questionnaire#version`): a unit's slots all live in its shard.
pub fn aggregates(campaign: &CampaignId, shard: Shard) -> Partition {
    Partition(format!("AGG#{campaign}#{shard}"))
}

pub fn aggregate(key: &AggregateKey) -> Key {
    let slot = format!("{}#{}#{}", key.unit, key.questionnaire.id, key.questionnaire.version);
    aggregates(&key.campaign, Shard::of(&key.unit)).item(slot)
}

/// The partition and sort-key prefix of one unit's aggregates (a unit code holds no `#`).
pub fn unit_aggregates(campaign: &CampaignId, unit: &UnitCode) -> (Partition, String) {
    (aggregates(campaign, Shard::of(unit)), format!("{unit}#"))
}

/// Whether each response is counted or excluded: what makes counting happen once. Sorted by
/// unit within the unit's shard, so one unit's marks are one `begins_with` Query.
pub fn marks(campaign: &CampaignId, shard: Shard) -> Partition {
    Partition(format!("MARK#{campaign}#{shard}"))
}

pub fn mark(r: &Response) -> Key {
    marks(&r.campaign, Shard::of(&r.unit)).item(format!("{}#{}", r.unit, r.id))
}

/// The partition and sort-key prefix of one unit's marks (a unit code holds no `#`).
pub fn unit_marks(campaign: &CampaignId, unit: &UnitCode) -> (Partition, String) {
    (marks(campaign, Shard::of(unit)), format!("{unit}#"))
}

/// The response id of a mark's sort key within its unit's marks.
pub fn marked_response(sk: &str, prefix: &str) -> Option<ResponseId> {
    sk.strip_prefix(prefix)?.parse().ok()
}

/// Every published campaign, with its versions.
pub fn publications() -> Partition {
    Partition("PUBLISHED".into())
}

pub fn publication(campaign: &CampaignId) -> Key {
    publications().item(campaign.as_str())
}

/// A claimed version number of a campaign's publication, naming the job that publishes it
/// (claimed first: one publisher wins; a failed job's claim is released).
pub fn publication_claim(campaign: &CampaignId, version: u32) -> Key {
    partition("PUBLISH", campaign).item(format!("{version:06}"))
}

/// A campaign's publication jobs, by job id: their state and progress.
pub fn publish_job(campaign: &CampaignId, job: &str) -> Key {
    partition("PUBJOB", campaign).item(job)
}

/// What each hashing step of one publication job found, by batch: the units' roots.
pub fn publish_steps(campaign: &CampaignId, job: &str) -> Partition {
    Partition(format!("PUBSTEP#{campaign}#{job}"))
}

pub fn publish_step(campaign: &CampaignId, job: &str, batch: u32) -> Key {
    publish_steps(campaign, job).item(format!("{batch:06}"))
}

/// A campaign's preview jobs, by job id: who asked (their units are what it previews) and its state.
pub fn preview_job(campaign: &CampaignId, job: &str) -> Key {
    partition("PREVIEW", campaign).item(job)
}

// The responses table.

/// The `by_unit` index key of a stored response.
pub fn unit_responses(campaign: &CampaignId, unit: &UnitCode) -> String {
    format!("{campaign}#{unit}")
}

/// The prefix of every rate counter key: it never looks like a response id (a UUID), so the
/// aggregation stream skips them and the template's stream filter never hands them over.
pub const RATE_PREFIX: &str = "RATE#";

/// Whether a responses-table key is a counter rather than a response.
pub fn is_rate_key(pk: &str) -> bool {
    pk.starts_with(RATE_PREFIX)
}

/// The mark that a hashed device or network did something once in a campaign (`bots::first_time`).
pub fn seen(campaign: &CampaignId, hash: &str) -> String {
    format!("{RATE_PREFIX}{campaign}#seen#{hash}")
}

/// The counter of one hashed device or network of a campaign in one window.
pub fn rate(campaign: &CampaignId, scope: &str, window_start_s: i64, hash: &str) -> String {
    format!("{RATE_PREFIX}{campaign}#{scope}#{window_start_s}#{hash}")
}

// Export jobs (catalog table).

/// A campaign's export jobs, by job id: what they export, their state and progress.
pub fn export_job(campaign: &CampaignId, job: &str) -> Key {
    partition("EXPORT", campaign).item(job)
}
