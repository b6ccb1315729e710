//! Units: the register of offices and stations, imported from CSV.

use super::csv_file;
use crate::auth::Caller;
use crate::context::Context;
use crate::error::ApiError;
use crate::http::json;
use hailong_domain::api::RowError;
use hailong_domain::{Unit, UnitCode, UnitKind, suggested_quota};
use lambda_http::{Body, Response};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// `GET /api/admin/units`: the register (staff see their own units), with the suggested quota
/// where the service volume is known.
pub async fn list(ctx: &Context, caller: &Caller) -> Result<Response<Body>, ApiError> {
    let units: Vec<serde_json::Value> = ctx
        .store
        .units()
        .await?
        .into_iter()
        .filter(|u| caller.may_see_unit(&u.code))
        .map(|u| {
            let suggested = u.volume.map(suggested_quota);
            let mut v = serde_json::to_value(u).expect("units serialise");
            v["suggested_quota"] = serde_json::json!(suggested);
            v
        })
        .collect();
    Ok(json(200, &units))
}

/// `POST /api/admin/units/import` (text/csv, columns `code,name,kind,parent[,volume]`): every row
/// is checked first; one bad row and nothing is stored, with the problems listed by row.
pub async fn import(ctx: &Context, caller: &Caller, body: &Body) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let registered = ctx.store.units().await?;
    let known: BTreeSet<UnitCode> = registered.iter().map(|u| u.code.clone()).collect();
    let mut units = parse_csv(body.as_ref(), &known).map_err(ApiError::InvalidRows)?;
    // Importing the register again does not bring a deactivated unit back into new campaigns.
    for u in &mut units {
        u.active = registered.iter().find(|r| r.code == u.code).is_none_or(|r| r.active);
    }
    ctx.store.save_units(&units).await?;
    let codes: Vec<&str> = units.iter().map(|u| u.code.as_str()).collect();
    ctx.store.audit(caller, "units.import", "units", None, Some(serde_json::json!({ "codes": codes }))).await?;
    Ok(json(200, &serde_json::json!({ "imported": units.len() })))
}

/// The body of `PUT /api/admin/units/{code}`: every editable field. The code is the path's, and
/// deactivation has its own endpoint; other fields of the body (`code`, `active`) are ignored.
/// Campaigns keep the kind and quota they were planned with: an edit shapes only later ones.
#[derive(Debug, Deserialize)]
pub struct UnitEdit {
    pub name: String,
    pub kind: UnitKind,
    #[serde(default)]
    pub parent: Option<UnitCode>,
    #[serde(default)]
    pub volume: Option<u32>,
}

fn invalid(message: String) -> ApiError {
    ApiError::bad_request("invalid_unit", message)
}

/// `PUT /api/admin/units/{code}`: renames, re-kinds or moves a unit, or sets its service volume.
pub async fn update(
    ctx: &Context,
    caller: &Caller,
    code: &UnitCode,
    edit: UnitEdit,
) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let register: BTreeMap<UnitCode, Unit> =
        ctx.store.units().await?.into_iter().map(|u| (u.code.clone(), u)).collect();
    let before = register.get(code).cloned().ok_or_else(|| not_registered(code))?;
    let name = edit.name.trim();
    if name.is_empty() {
        return Err(invalid("name: empty".into()));
    }
    if let Some(parent) = &edit.parent {
        // Walking up from the new parent must neither leave the register nor come back here (in
        // bounded steps, should an import have left a loop elsewhere).
        let mut at = Some(parent);
        let mut steps = 0;
        while let Some(p) = at.filter(|_| steps <= register.len()) {
            if p == &before.code {
                return Err(invalid(format!(
                    "parent: {parent} is {code} or under it; a unit cannot be placed under itself"
                )));
            }
            at = register.get(p).ok_or_else(|| invalid(format!("parent: {p} is not registered")))?.parent.as_ref();
            steps += 1;
        }
    }
    let after =
        Unit { name: name.to_owned(), kind: edit.kind, parent: edit.parent, volume: edit.volume, ..before.clone() };
    ctx.store.save_units(std::slice::from_ref(&after)).await?;
    let value = |u: &Unit| Some(serde_json::to_value(u).expect("units serialise"));
    ctx.store.audit(caller, "unit.update", code.as_str(), value(&before), value(&after)).await?;
    Ok(json(200, &after))
}

/// `POST /api/admin/units/{code}/deactivate`: the unit joins no new campaign. Units are never
/// deleted: responses and results keep referring to them.
pub async fn deactivate(ctx: &Context, caller: &Caller, code: &UnitCode) -> Result<Response<Body>, ApiError> {
    caller.require_admin()?;
    let mut unit = ctx.store.unit(code).await?.ok_or_else(|| not_registered(code))?;
    if !unit.active {
        return Err(ApiError::refused("already_deactivated", format!("unit {code} is deactivated already")));
    }
    unit.active = false;
    ctx.store.save_units(std::slice::from_ref(&unit)).await?;
    ctx.store
        .audit(
            caller,
            "unit.deactivate",
            code.as_str(),
            Some(serde_json::json!({ "active": true })),
            Some(serde_json::json!({ "active": false })),
        )
        .await?;
    Ok(json(200, &unit))
}

fn not_registered(code: &UnitCode) -> ApiError {
    ApiError::NotFound(format!("there is no unit {code:?}"))
}

/// Parses a unit register. Parents must be in the file or already registered.
pub fn parse_csv(data: &[u8], known: &BTreeSet<UnitCode>) -> Result<Vec<Unit>, Vec<RowError>> {
    let (mut reader, headers) = csv_file::open(data).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let column = |name: &str| csv_file::column(&headers, &[name]);
    let (Some(code_col), Some(name_col), Some(kind_col)) = (column("code"), column("name"), column("kind")) else {
        return Err(vec![csv_file::header_problem(
            "the header must name the columns code, name, kind (and parent, volume)",
        )]);
    };
    let (parent_col, volume_col) = (column("parent"), column("volume"));
    let mut units = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(RowError { row, message: format!("unreadable row: {e}") });
                continue;
            }
        };
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").trim();
        let mut problems = Vec::new();
        let code = UnitCode::parse(cell(Some(code_col))).map_err(|e| problems.push(format!("code: {e}"))).ok();
        let name = cell(Some(name_col));
        if name.is_empty() {
            problems.push("name: empty".into());
        }
        let kind = UnitKind::from_label(cell(Some(kind_col)));
        if kind.is_none() {
            problems.push(format!(
                "kind: {:?} is not one of sở, UBND xã, UBND phường, trạm y tế, bệnh viện, khác",
                cell(Some(kind_col))
            ));
        }
        let parent = match cell(parent_col) {
            "" => None,
            p => UnitCode::parse(p).map_err(|e| problems.push(format!("parent: {e}"))).ok(),
        };
        let volume = match cell(volume_col) {
            "" => None,
            v => v.parse::<u32>().map_err(|_| problems.push(format!("volume: {v:?} is not a whole number"))).ok(),
        };
        match (problems.is_empty(), code, kind) {
            (true, Some(code), Some(kind)) => {
                units.push((row, Unit { code, name: name.to_owned(), kind, parent, active: true, volume }))
            }
            _ => errors.push(RowError { row, message: problems.join("; ") }),
        }
    }
    let mut seen = BTreeSet::new();
    for (row, u) in &units {
        if !seen.insert(&u.code) {
            errors.push(RowError { row: *row, message: format!("code {} appears twice", u.code) });
        }
    }
    for (row, u) in &units {
        if let Some(p) = u.parent.as_ref().filter(|p| !seen.contains(p) && !known.contains(p)) {
            errors.push(RowError { row: *row, message: format!("parent {p} is neither in the file nor registered") });
        }
    }
    if units.is_empty() && errors.is_empty() {
        errors.push(RowError { row: 1, message: "the file has no units".into() });
    }
    if errors.is_empty() {
        Ok(units.into_iter().map(|(_, u)| u).collect())
    } else {
        errors.sort_by_key(|e| e.row);
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_register_with_vietnamese_kinds_and_a_bom() {
        let csv = "\u{FEFF}code,name,kind,parent,volume\nkh,Tỉnh Khánh Hòa,khác,,\ncr,UBND TP Cam Ranh,khác,kh,\ntyt-1,Trạm Y tế phường Cam Nghĩa,Trạm y tế,cr,1000\n";
        let units = parse_csv(csv.as_bytes(), &BTreeSet::new()).unwrap();
        assert_eq!(units.len(), 3);
        assert_eq!(units[2].kind, UnitKind::TramYTe);
        assert_eq!(units[2].volume, Some(1000));
    }

    #[test]
    fn reports_every_bad_row() {
        let csv = "code,name,kind,parent\nok,Tên,xã,\nbad code,Tên,xã,\nx2,,trường,\nx3,Tên,xã,nowhere\nok,Lại,xã,\n";
        let rows: Vec<usize> = parse_csv(csv.as_bytes(), &BTreeSet::new()).unwrap_err().iter().map(|e| e.row).collect();
        assert_eq!(rows, vec![3, 4, 5, 6]);
    }
}
