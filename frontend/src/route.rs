//! Every page of the web apps, read from the path by hand: a router crate would cost more bundle
//! than these lines. `index.html` loads the bundle that serves a path (citizen, public or admin);
//! each app renders the routes it owns and treats the rest as not found.

use hailong_domain::{CampaignId, UnitCode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    /// `/s/{campaign}/{unit}`: the link printed in a unit's QR code.
    Form {
        campaign: CampaignId,
        unit: UnitCode,
    },
    /// A `/s/…` link that cannot be a form's (mistyped, or a QR code read badly).
    NoSuchForm,
    /// `/receipt/{code}`, with the code as typed; the page reads it forgivingly.
    Receipt(String),
    /// `/r/{campaign}`: the published results of a campaign.
    Results(CampaignId),
    /// `/r/{campaign}/{unit}`: one unit's published results.
    UnitResults {
        campaign: CampaignId,
        unit: UnitCode,
    },
    /// `/admin` and below: the segments after `admin`.
    Admin(Vec<String>),
    NotFound,
}

impl Route {
    pub fn parse(path: &str) -> Route {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Route::Home,
            ["s", campaign, unit] => match (CampaignId::parse(campaign), UnitCode::parse(unit)) {
                (Ok(campaign), Ok(unit)) => Route::Form { campaign, unit },
                _ => Route::NoSuchForm,
            },
            ["s", ..] => Route::NoSuchForm,
            ["receipt", code] => Route::Receipt((*code).to_owned()),
            // The served form's answer to a code that cannot be one (`/receipt?code=…`): the
            // app says so and offers its form.
            ["receipt"] => Route::Receipt(String::new()),
            ["r", campaign] => CampaignId::parse(campaign).map_or(Route::NotFound, Route::Results),
            ["r", campaign, unit] => match (CampaignId::parse(campaign), UnitCode::parse(unit)) {
                (Ok(campaign), Ok(unit)) => Route::UnitResults { campaign, unit },
                _ => Route::NotFound,
            },
            ["admin", rest @ ..] => Route::Admin(rest.iter().map(|s| (*s).to_owned()).collect()),
            _ => Route::NotFound,
        }
    }

    pub fn current() -> Route {
        Route::parse(&leptos::prelude::window().location().pathname().unwrap_or_default())
    }
}

/// The page's query string (`?p=…&kiosk=1`).
pub fn current_query() -> String {
    leptos::prelude::window().location().search().unwrap_or_default()
}

/// The value of `name` in a query string (`?a=1&b=2`), undecoded: the values read here are plain.
pub fn query_param<'q>(query: &'q str, name: &str) -> Option<&'q str> {
    query.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_paths_the_backend_serves() {
        assert_eq!(Route::parse("/"), Route::Home);
        assert_eq!(
            Route::parse("/s/cam-ranh-2026/22333/"),
            Route::Form {
                campaign: CampaignId::parse("cam-ranh-2026").unwrap(),
                unit: UnitCode::parse("22333").unwrap()
            }
        );
        assert_eq!(Route::parse("/receipt/7KQ2M-9XDPT"), Route::Receipt("7KQ2M-9XDPT".into()));
        assert_eq!(Route::parse("/receipt"), Route::Receipt(String::new()));
        assert_eq!(Route::parse("/s/only-campaign"), Route::NoSuchForm);
        assert_eq!(Route::parse("/s/a/b%2Fc"), Route::NoSuchForm);
        assert_eq!(Route::parse("/r/cam-ranh"), Route::Results(CampaignId::parse("cam-ranh").unwrap()));
        assert_eq!(
            Route::parse("/r/cam-ranh/tyt-cam-lap"),
            Route::UnitResults {
                campaign: CampaignId::parse("cam-ranh").unwrap(),
                unit: UnitCode::parse("tyt-cam-lap").unwrap()
            }
        );
        assert_eq!(Route::parse("/admin"), Route::Admin(vec![]));
        assert_eq!(
            Route::parse("/admin/campaigns/cam-ranh"),
            Route::Admin(vec!["campaigns".into(), "cam-ranh".into()])
        );
        assert_eq!(Route::parse("/elsewhere"), Route::NotFound);
    }

    #[test]
    fn reads_query_parameters_by_name() {
        assert_eq!(query_param("?kiosk=1&p=x", "kiosk"), Some("1"));
        assert_eq!(query_param("?p=x&kiosk", "kiosk"), Some(""));
        assert_eq!(query_param("?pp=x", "p"), None);
    }
}
