//! The administration API under `/api/admin`: every call is made by a verified caller, and every
//! change is written to the audit log.

mod audit;
mod campaigns;
mod csv_file;
mod draw;
mod entry;
mod exclusion;
mod export;
mod flags;
mod poster_page;
mod posters;
mod progress;
mod questionnaires;
mod sampling;
mod unit_page;
mod units;
mod verification;

use crate::auth::AuthError;
use crate::error::ApiError;
use crate::results::{actions, job, preview};
use crate::routes::{Function, Route, Table};
use unit_page::PageQuery;

pub use draw::draw_sample;
pub use verification::Verification;

/// The `admin` function's routes. Every row starts with the verified caller, so that a call
/// without a valid token is refused (401) before anything else is read.
pub const TABLE: Table = Table {
    function: Function::Admin,
    routes: &[
        Route::new("POST", "/api/admin/campaigns/{campaign}/publish", |c| {
            Box::pin(async move { job::start(c.ctx, &c.caller()?, &c.campaign()?, c.body_or_default()?).await })
        }),
        Route::new("GET", "/api/admin/campaigns/{campaign}/publish/{job}", |c| {
            Box::pin(async move { job::status(c.ctx, &c.caller()?, &c.campaign()?, c.param("job")?).await })
        }),
        Route::new("POST", "/api/admin/campaigns/{campaign}/preview", |c| {
            Box::pin(async move { preview::start(c.ctx, &c.caller()?, &c.campaign()?).await })
        }),
        Route::new("GET", "/api/admin/campaigns/{campaign}/preview/{job}", |c| {
            Box::pin(async move {
                let caller = c.caller()?;
                let page = preview::page_query(|n| c.query(n))?;
                preview::status(c.ctx, &caller, &c.campaign()?, c.param("job")?, &page).await
            })
        }),
        Route::new("POST", "/api/admin/campaigns/{campaign}/units/{unit}/actions", |c| {
            Box::pin(async move { actions::add(c.ctx, &c.caller()?, &c.campaign()?, &c.unit()?, c.body()?).await })
        }),
        Route::new("PUT", "/api/admin/campaigns/{campaign}/units/{unit}/actions/{id}", |c| {
            Box::pin(async move {
                let caller = c.caller()?;
                actions::update(c.ctx, &caller, &c.campaign()?, &c.unit()?, c.param("id")?, c.body()?).await
            })
        }),
        Route::new("GET", "/api/admin/units", |c| Box::pin(async move { units::list(c.ctx, &c.caller()?).await })),
        Route::new("POST", "/api/admin/units/import", |c| {
            Box::pin(async move { units::import(c.ctx, &c.caller()?, c.req.body()).await })
        }),
        Route::new("PUT", "/api/admin/units/{code}", |c| {
            Box::pin(async move { units::update(c.ctx, &c.caller()?, &c.unit()?, c.body()?).await })
        }),
        Route::new("POST", "/api/admin/units/{code}/deactivate", |c| {
            Box::pin(async move { units::deactivate(c.ctx, &c.caller()?, &c.unit()?).await })
        }),
        Route::new("GET", "/api/admin/campaigns", |c| {
            Box::pin(async move { campaigns::list(c.ctx, &c.caller()?).await })
        }),
        Route::new("POST", "/api/admin/campaigns", |c| {
            Box::pin(async move { campaigns::create(c.ctx, &c.caller()?, c.body()?).await })
        }),
        Route::new("GET", "/api/admin/campaigns/{campaign}", |c| {
            Box::pin(async move { campaigns::get(c.ctx, &c.caller()?, &c.campaign()?).await })
        }),
        Route::new("POST", "/api/admin/campaigns/{campaign}/open", |c| {
            Box::pin(async move { campaigns::open(c.ctx, &c.caller()?, &c.campaign()?).await })
        }),
        Route::new("POST", "/api/admin/campaigns/{campaign}/close", |c| {
            Box::pin(async move { campaigns::close(c.ctx, &c.caller()?, &c.campaign()?).await })
        }),
        Route::new("GET", "/api/admin/campaigns/{campaign}/progress", |c| {
            Box::pin(async move {
                let caller = c.caller()?;
                progress::get(c.ctx, &caller, &c.campaign()?, &PageQuery::parse(|name| c.query(name))?).await
            })
        }),
        Route::new("PUT", "/api/admin/campaigns/{campaign}/units/{unit}/quota", |c| {
            Box::pin(
                async move { campaigns::set_quota(c.ctx, &c.caller()?, &c.campaign()?, &c.unit()?, c.body()?).await },
            )
        }),
        Route::new("POST", "/api/admin/campaigns/{campaign}/exports", |c| {
            Box::pin(async move { export::start(c.ctx, &c.caller()?, &c.campaign()?, c.body()?).await })
        }),
        Route::new("GET", "/api/admin/campaigns/{campaign}/exports/{job}", |c| {
            Box::pin(async move { export::status(c.ctx, &c.caller()?, &c.campaign()?, c.param("job")?).await })
        }),
        Route::new("GET", "/api/admin/campaigns/{campaign}/exports/{job}/file", |c| {
            Box::pin(async move { export::file(c.ctx, &c.caller()?, &c.campaign()?, c.param("job")?).await })
        }),
        Route::new("GET", "/api/admin/campaigns/{campaign}/flags", |c| {
            Box::pin(async move {
                let caller = c.caller()?;
                flags::get(c.ctx, &caller, &c.campaign()?, &PageQuery::parse(|name| c.query(name))?).await
            })
        }),
        Route::new("POST", "/api/admin/campaigns/{campaign}/verification-sample", |c| {
            Box::pin(async move { verification::draw(c.ctx, &c.caller()?, &c.campaign()?, c.body()?).await })
        }),
        Route::new("GET", "/api/admin/campaigns/{campaign}/verification-sample", |c| {
            Box::pin(async move { verification::list(c.ctx, &c.caller()?, &c.campaign()?).await })
        }),
        Route::new("POST", "/api/admin/responses", |c| {
            Box::pin(async move { entry::post(c.ctx, &c.caller()?, c.req.body()).await })
        }),
        Route::new("GET", "/api/admin/responses/{id}", |c| {
            Box::pin(async move { exclusion::detail(c.ctx, &c.caller()?, &c.response()?).await })
        }),
        Route::new("POST", "/api/admin/responses/{id}/exclude", |c| {
            Box::pin(async move { exclusion::post(c.ctx, &c.caller()?, &c.response()?, c.body()?).await })
        }),
        Route::new("POST", "/api/admin/responses/{id}/verification", |c| {
            Box::pin(async move { verification::record(c.ctx, &c.caller()?, &c.response()?, c.body()?).await })
        }),
        Route::new("GET", "/api/admin/audit", |c| {
            Box::pin(async move { audit::list(c.ctx, &c.caller()?, audit::AuditQuery::parse(|n| c.query(n))?).await })
        }),
        Route::new("GET", "/api/admin/campaigns/{campaign}/posters", |c| {
            Box::pin(async move {
                let caller = c.caller()?;
                posters::all(c.ctx, &caller, &c.campaign()?, &posters::PartQuery::parse(|n| c.query(n))?).await
            })
        }),
        Route::new("GET", "/api/admin/campaigns/{campaign}/units/{unit}/poster", |c| {
            Box::pin(async move {
                let caller = c.caller()?;
                posters::one(c.ctx, &caller, &c.campaign()?, &c.unit()?, c.query("size").as_deref()).await
            })
        }),
        Route::new("POST", "/api/admin/campaigns/{campaign}/units/{unit}/poster/revoke", |c| {
            Box::pin(async move { posters::revoke(c.ctx, &c.caller()?, &c.campaign()?, &c.unit()?).await })
        }),
        Route::new("POST", "/api/admin/campaigns/{campaign}/units/{unit}/customers", |c| {
            Box::pin(
                async move { sampling::upload(c.ctx, &c.caller()?, &c.campaign()?, &c.unit()?, c.req.body()).await },
            )
        }),
        Route::new("DELETE", "/api/admin/campaigns/{campaign}/units/{unit}/customers", |c| {
            Box::pin(async move { sampling::purge(c.ctx, &c.caller()?, &c.campaign()?, &c.unit()?).await })
        }),
        Route::new("POST", "/api/admin/campaigns/{campaign}/units/{unit}/sample", |c| {
            Box::pin(async move { sampling::draw(c.ctx, &c.caller()?, &c.campaign()?, &c.unit()?, c.body()?).await })
        }),
        Route::new("GET", "/api/admin/campaigns/{campaign}/units/{unit}/call-sheet.csv", |c| {
            Box::pin(async move { sampling::call_sheet(c.ctx, &c.caller()?, &c.campaign()?, &c.unit()?).await })
        }),
        Route::new("GET", "/api/admin/questionnaires", |c| {
            Box::pin(async move { questionnaires::list(c.ctx, &c.caller()?).await })
        }),
        Route::new("POST", "/api/admin/questionnaires", |c| {
            Box::pin(async move { questionnaires::add_version(c.ctx, &c.caller()?, c.body()?).await })
        }),
        Route::new("PUT", "/api/admin/campaigns/{campaign}/questionnaire", |c| {
            Box::pin(async move {
                questionnaires::change_for_campaign(c.ctx, &c.caller()?, &c.campaign()?, c.body()?).await
            })
        }),
    ],
};

fn forbidden() -> ApiError {
    ApiError::Auth(AuthError::Forbidden)
}
