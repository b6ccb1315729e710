//! Results: running aggregates fed by the responses stream, published snapshots, and the public
//! results API (the `results` function's table; publishing is the admin function's, its steps
//! the `publish` function's).

pub mod actions;
pub mod aggregation;
pub mod job;
pub mod preview;
pub mod public;
pub mod publish;
pub mod stream;

use crate::routes::{Function, Route, Table};

pub const TABLE: Table = Table {
    function: Function::Results,
    routes: &[
        Route::new("GET", "/api/results", |c| Box::pin(async move { public::list(c.ctx).await })),
        Route::new("GET", "/api/results/{campaign}", |c| {
            Box::pin(async move { public::get(c.ctx, &c.campaign()?, c.query("version").as_deref()).await })
        }),
        Route::new("GET", "/api/results/{campaign}/roots", |c| {
            Box::pin(async move { public::roots(c.ctx, &c.campaign()?, c.query("version").as_deref()).await })
        }),
        Route::new("GET", "/api/results/{campaign}/units/{unit}/leaves", |c| {
            Box::pin(
                async move { public::leaves(c.ctx, &c.campaign()?, &c.unit()?, c.query("version").as_deref()).await },
            )
        }),
        Route::new("GET", "/api/results/{campaign}/units/{unit}/actions", |c| {
            Box::pin(async move { actions::public(c.ctx, &c.campaign()?, &c.unit()?).await })
        }),
    ],
};
