//! Phone survey respondents (seeds 000 and 002): the one-stop office's list of a unit's customers
//! is uploaded, a random sample is drawn from it (reproducible from its recorded seed), and the
//! callers get a call sheet.
//!
//! The list is personal data (shared/domain/README.md §5): only administrators and the unit's
//! own staff touch it; it appears in no answer but the call sheet; audit entries count rows and
//! never copy them; and it is purged, sample included, once the campaign is over.

use super::csv_file;
use super::draw::{draw_sample, seed_or_random};
use crate::auth::{Caller, Role};
use crate::clock;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use crate::sheet::{CSV_TYPE, Cell, Sheet, download};
use crate::store::keys;
use hailong_domain::CampaignId;
use hailong_domain::api::RowError;
use hailong_domain::{Campaign, CampaignStatus, Date, UnitCode};
use lambda_http::{Body, Response};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Storing a list is one transaction per 100 rows: this keeps an upload well within the
/// function's time limit, and is more than a unit's yearly dossiers.
pub const MAX_CUSTOMERS: usize = 20_000;

/// One customer of the list; `row` is its row in the uploaded file (the header being row 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub row: usize,
    pub name: String,
    /// National form: `0` and 9 or 10 digits.
    pub phone: String,
    #[serde(default)]
    pub dossier: String,
    #[serde(default)]
    pub date: Option<Date>,
}

/// A drawn sample: the rows to call, in the order drawn (calling them in that order keeps any
/// first part of the sheet a random sample too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallSample {
    pub unit: UnitCode,
    pub seed: u64,
    pub size: usize,
    /// Distinct phone numbers of the list: each person can be drawn once.
    pub population: usize,
    pub rows: Vec<usize>,
    pub by: String,
    pub at: String,
}

#[derive(Debug, Deserialize)]
pub struct SampleRequest {
    pub size: usize,
    /// Given to reproduce an earlier draw; drawn at random otherwise, and recorded.
    #[serde(default)]
    pub seed: Option<u64>,
}

/// A row as the draw sees it: zero-padded, so that rows sort as numbers (a recorded seed
/// reproduces its draw only over the same strings).
fn row_id(row: usize) -> String {
    format!("{row:06}")
}

/// A Vietnamese phone number as dialled within the country (`0` and 9 or 10 digits), from the
/// ways lists write them: with spaces, dots or dashes, as `+84…`/`84…`, or without the leading
/// zero that Excel drops from numbers.
pub fn normalise_phone(raw: &str) -> Option<String> {
    let kept: String = raw.chars().filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-' | '(' | ')')).collect();
    let national = if let Some(rest) = kept.strip_prefix("+84") {
        format!("0{rest}")
    } else if kept.starts_with("84") && matches!(kept.len(), 11 | 12) {
        format!("0{}", &kept[2..])
    } else if !kept.starts_with('0') && matches!(kept.len(), 9 | 10) {
        format!("0{kept}")
    } else {
        kept
    };
    let valid = matches!(national.len(), 10 | 11)
        && national.bytes().all(|b| b.is_ascii_digit())
        && national.starts_with('0')
        && !national.starts_with("00");
    valid.then_some(national)
}

/// `0912 345 678`: readable, and a spreadsheet keeps it as text with its leading zero.
fn display_phone(phone: &str) -> String {
    format!("{} {} {}", &phone[..4], &phone[4..7], &phone[7..])
}

/// `dd/mm/yyyy` (or with dashes or dots) as Vietnamese lists write dates, or `yyyy-mm-dd`; a
/// time after the date is ignored.
fn parse_date(s: &str) -> Option<Date> {
    let day = s.split([' ', 'T']).next()?;
    if let Ok(d) = Date::parse(day) {
        return Some(d);
    }
    let mut parts = day.split(['/', '-', '.']);
    let (d, m, y) = (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse::<i32>().ok()?);
    if parts.next().is_some() || !(1900..=2100).contains(&y) {
        return None;
    }
    Date::new(y, m, d)
}

/// Header names, in English or as the one-stop software and spreadsheets write them.
const NAME: [&str; 4] = ["name", "họ tên", "họ và tên", "tên"];
const PHONE: [&str; 4] = ["phone", "số điện thoại", "điện thoại", "sđt"];
const DOSSIER: [&str; 3] = ["dossier", "mã hồ sơ", "số hồ sơ"];
const DATE: [&str; 4] = ["date", "ngày giao dịch", "ngày tiếp nhận", "ngày"];

/// Reads a customer list (CSV, UTF-8 with or without a byte-order mark; columns name and phone,
/// optionally dossier and date). Every row is checked; any problem and none is kept.
pub fn parse_customers(data: &[u8]) -> Result<Vec<Customer>, Vec<RowError>> {
    let (mut reader, headers) = csv_file::open(data).map_err(|e| vec![e])?;
    let column = |names: &[&str]| csv_file::column(&headers, names);
    let (Some(name_col), Some(phone_col)) = (column(&NAME), column(&PHONE)) else {
        return Err(vec![csv_file::header_problem(
            "the header must name the columns name and phone (and dossier, date)",
        )]);
    };
    let (dossier_col, date_col) = (column(&DOSSIER), column(&DATE));
    let mut customers = Vec::new();
    let mut errors = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(RowError { row, message: format!("unreadable row: {e}") });
                continue;
            }
        };
        // Spreadsheets often export trailing rows of empty cells.
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("");
        let mut problems = Vec::new();
        let name = cell(Some(name_col));
        if name.is_empty() {
            problems.push("name: empty".to_owned());
        }
        let phone = normalise_phone(cell(Some(phone_col)));
        if phone.is_none() {
            problems.push(format!("phone: {:?} is not a Vietnamese phone number", cell(Some(phone_col))));
        }
        let date = match cell(date_col) {
            "" => None,
            d => parse_date(d).or_else(|| {
                problems.push(format!("date: {d:?} is not a date such as 25/10/2021"));
                None
            }),
        };
        match phone {
            Some(phone) if problems.is_empty() => customers.push(Customer {
                row,
                name: name.to_owned(),
                phone,
                dossier: cell(dossier_col).to_owned(),
                date,
            }),
            _ => errors.push(RowError { row, message: problems.join("; ") }),
        }
    }
    if customers.is_empty() && errors.is_empty() {
        errors.push(RowError { row: 1, message: "the file has no customers".into() });
    }
    if errors.is_empty() { Ok(customers) } else { Err(errors) }
}

/// The campaign, checked to include the unit, after checking the caller may work on the unit.
async fn campaign_of_unit(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    unit: &UnitCode,
) -> Result<Campaign, ApiError> {
    caller.require_unit_work(unit)?;
    let c = crate::services::campaign(ctx, campaign).await?;
    if c.unit(unit).is_none() {
        return Err(ApiError::NotFound(format!("unit {unit:?} is not part of campaign {campaign}")));
    }
    Ok(c)
}

fn refuse_when_closed(c: &Campaign) -> Result<(), ApiError> {
    if c.status == CampaignStatus::Closed {
        return Err(ApiError::refused(
            "campaign_closed",
            format!("campaign {} is closed: its customer lists can only be purged", c.id),
        ));
    }
    Ok(())
}

/// `POST …/units/{u}/customers` (text/csv): stores the unit's customer list, replacing an earlier
/// one as long as no sample was drawn from it (a drawn sample must stay reproducible).
pub async fn upload(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    unit: &UnitCode,
    body: &Body,
) -> Result<Response<Body>, ApiError> {
    let c = campaign_of_unit(ctx, caller, campaign, unit).await?;
    refuse_when_closed(&c)?;
    let customers = parse_customers(body.as_ref()).map_err(ApiError::InvalidRows)?;
    if customers.len() > MAX_CUSTOMERS {
        return Err(ApiError::bad_request(
            "too_many_rows",
            format!("a list holds at most {MAX_CUSTOMERS} customers; split the unit's list"),
        ));
    }
    if ctx.store.get_doc::<CallSample>(&keys::call_sample(campaign, unit)).await?.is_some() {
        return Err(ApiError::refused(
            "list_sampled",
            format!("a sample was drawn from the list of unit {unit} already; purge the list to upload another"),
        ));
    }
    let replaced = ctx.store.delete_partition(&keys::customers(campaign, unit)).await?;
    let docs: Vec<_> = customers.iter().map(|c| (keys::customer(campaign, unit, c.row), c)).collect();
    ctx.store.put_docs(&docs).await?;
    let phones = customers.iter().map(|c| &c.phone).collect::<BTreeSet<_>>().len();
    let summary = serde_json::json!({ "rows": customers.len(), "phones": phones, "replaced": replaced });
    ctx.store.audit(caller, "customers.upload", &format!("{campaign}/{unit}"), None, Some(summary.clone())).await?;
    Ok(json(200, &summary))
}

/// `POST …/units/{u}/sample` `{size, seed?}`: draws the people to call, once per unit.
pub async fn draw(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    unit: &UnitCode,
    req: SampleRequest,
) -> Result<Response<Body>, ApiError> {
    let c = campaign_of_unit(ctx, caller, campaign, unit).await?;
    refuse_when_closed(&c)?;
    if req.size == 0 {
        return Err(ApiError::bad_request("invalid_size", "the sample size is a whole number of people, 1 or more"));
    }
    let customers: Vec<Customer> = ctx.store.query_docs(&keys::customers(campaign, unit)).await?;
    if customers.is_empty() {
        return Err(ApiError::refused(
            "no_customers",
            format!("unit {unit} has no customer list in campaign {campaign}: upload it first"),
        ));
    }
    // One entry per person: the first row of each phone number.
    let mut seen = BTreeSet::new();
    let population: Vec<String> = customers.iter().filter(|c| seen.insert(&c.phone)).map(|c| row_id(c.row)).collect();
    let seed = seed_or_random(req.seed);
    let rows = draw_sample(population.clone(), req.size, seed)
        .iter()
        .map(|k| k.parse().expect("row keys are numbers"))
        .collect();
    let sample = CallSample {
        unit: unit.clone(),
        seed,
        size: req.size,
        population: population.len(),
        rows,
        by: caller.user.clone(),
        at: clock::rfc3339(clock::now_ms()),
    };
    if !ctx.store.insert_doc(&keys::call_sample(campaign, unit), &sample).await? {
        return Err(ApiError::refused("already_sampled", format!("a sample of unit {unit} was drawn already")));
    }
    let summary = serde_json::json!({ "seed": seed, "size": req.size, "population": sample.population, "drawn": sample.rows.len() });
    ctx.store.audit(caller, "customers.sample", &format!("{campaign}/{unit}"), None, Some(summary)).await?;
    Ok(json(201, &sample))
}

const CALL_SHEET_HEADERS: [&str; 7] =
    ["STT", "Họ tên", "Số điện thoại", "Mã hồ sơ", "Ngày giao dịch", "Kết quả gọi", "Ghi chú"];

/// `GET …/units/{u}/call-sheet.csv`: the sampled people in the order drawn, with empty columns
/// for the caller to note the outcome. Every download is audited: it hands out phone numbers.
pub async fn call_sheet(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    unit: &UnitCode,
) -> Result<Response<Body>, ApiError> {
    campaign_of_unit(ctx, caller, campaign, unit).await?;
    let sample: CallSample = ctx
        .store
        .get_doc(&keys::call_sample(campaign, unit))
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no sample of unit {unit} was drawn in campaign {campaign}")))?;
    let customers: BTreeMap<usize, Customer> = ctx
        .store
        .query_docs::<Customer>(&keys::customers(campaign, unit))
        .await?
        .into_iter()
        .map(|c| (c.row, c))
        .collect();
    let mut sheet = Sheet { headers: CALL_SHEET_HEADERS.iter().map(|h| h.to_string()).collect(), rows: Vec::new() };
    for (i, row) in sample.rows.iter().enumerate() {
        let c = customers.get(row).ok_or_else(|| {
            ApiError::Store(crate::store::StoreError::Corrupt {
                key: format!("{campaign}/{unit} customers"),
                reason: format!("sampled row {row} is not stored"),
            })
        })?;
        sheet.rows.push(vec![
            Cell::Number(i as i64 + 1),
            Cell::Text(c.name.clone()),
            Cell::Text(display_phone(&c.phone)),
            Cell::Text(c.dossier.clone()),
            Cell::Text(c.date.map(Date::to_vietnamese).unwrap_or_default()),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
        ]);
    }
    ctx.store
        .audit(
            caller,
            "customers.call_sheet",
            &format!("{campaign}/{unit}"),
            None,
            Some(serde_json::json!({ "rows": sheet.rows.len() })),
        )
        .await?;
    Ok(download(CSV_TYPE, &format!("{campaign}-{unit}-call-sheet.csv"), sheet.to_csv()))
}

/// `DELETE …/units/{u}/customers`: deletes the list and its sample for good. The unit's staff may
/// once the campaign is closed; administrators at any time (a list sent by mistake).
pub async fn purge(
    ctx: &Context,
    caller: &Caller,
    campaign: &CampaignId,
    unit: &UnitCode,
) -> Result<Response<Body>, ApiError> {
    let c = campaign_of_unit(ctx, caller, campaign, unit).await?;
    if caller.role != Role::Admin && c.status != CampaignStatus::Closed {
        return Err(super::forbidden());
    }
    let rows = ctx.store.delete_partition(&keys::customers(campaign, unit)).await?;
    let sample = ctx.store.get_doc::<CallSample>(&keys::call_sample(campaign, unit)).await?.is_some();
    if sample {
        ctx.store.delete_docs(&[keys::call_sample(campaign, unit)]).await?;
    }
    let summary = serde_json::json!({ "rows": rows, "sample": sample });
    ctx.store.audit(caller, "customers.purge", &format!("{campaign}/{unit}"), None, Some(summary.clone())).await?;
    Ok(json(200, &summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_read_as_lists_write_them() {
        for (raw, want) in [
            ("0912345678", Some("0912345678")),
            ("0912 345 678", Some("0912345678")),
            ("091.234.5678", Some("0912345678")),
            ("+84 912 345 678", Some("0912345678")),
            ("84912345678", Some("0912345678")),
            ("912345678", Some("0912345678")),
            ("849123456", Some("0849123456")),
            ("(0258) 3854 123", Some("02583854123")),
            ("2583854123", Some("02583854123")),
            ("12345", None),
            ("0012345678", None),
            ("09123456789012", None),
            ("09x2345678", None),
            ("", None),
        ] {
            assert_eq!(normalise_phone(raw).as_deref(), want, "{raw:?}");
        }
        assert_eq!(display_phone("0912345678"), "0912 345 678");
        assert_eq!(display_phone("02583854123"), "0258 385 4123");
    }

    #[test]
    fn dates_in_vietnamese_or_iso_form() {
        let d = Date::parse("2021-10-05").unwrap();
        for s in ["05/10/2021", "5/10/2021", "05-10-2021", "2021-10-05", "05/10/2021 14:30", "2021-10-05T07:00:00"] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        for s in ["31/02/2021", "10/2021", "05/10/21", "hôm qua"] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn reads_a_list_with_a_bom_and_vietnamese_headers() {
        let csv = "\u{FEFF}Họ tên,Số điện thoại,Mã hồ sơ,Ngày tiếp nhận\nNguyễn Văn An,0912 345 678,000.00.12.H31-211025-0001,25/10/2021\nCông ty TNHH Hải Long,02583854123,,\n,,,\n";
        let list = parse_customers(csv.as_bytes()).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!((list[0].row, list[0].name.as_str(), list[0].phone.as_str()), (2, "Nguyễn Văn An", "0912345678"));
        assert_eq!(list[0].date, Date::new(2021, 10, 25));
        assert_eq!((list[1].dossier.as_str(), list[1].date), ("", None));
        let plain = "name,phone\nAn,0912345678\n";
        assert_eq!(parse_customers(plain.as_bytes()).unwrap()[0].phone, "0912345678");
    }

    #[test]
    fn reports_every_bad_row_and_keeps_none() {
        let csv = "name,phone,dossier,date\nAn,0912345678,,\n,0912345679,,\nBình,12,,\nChi,0912345670,,32/13/2021\n";
        let rows: Vec<usize> = parse_customers(csv.as_bytes()).unwrap_err().iter().map(|e| e.row).collect();
        assert_eq!(rows, vec![3, 4, 5]);
        let missing = parse_customers(b"name,dossier\nAn,1\n").unwrap_err();
        assert_eq!(missing[0].row, 1);
        assert_eq!(parse_customers(b"\xFF\xFEn\0").unwrap_err()[0].row, 1, "UTF-16 is named");
        assert_eq!(parse_customers(b"name,phone\n").unwrap_err()[0].message, "the file has no customers");
    }
}
