//! The issuing authority's line (the body that runs the campaign, as its documents are headed):
//! above the campaign's title on the questionnaire, on the receipt and beside each published
//! campaign. One markup for the served HTML and the app, so that the page reads the same before
//! and after the app takes it over; a campaign stored without an authority shows no line.

use hailong_domain::Authority;
use leptos::prelude::*;

/// The served pages' rendering.
pub fn authority_html(out: &mut String, authority: Option<&Authority>) {
    if let Some(authority) = authority {
        out.push_str(r#"<p class="authority" lang="vi">"#);
        crate::html::text(out, authority.as_str());
        out.push_str("</p>");
    }
}

/// The app's rendering.
pub fn authority_line(authority: Option<&Authority>) -> impl IntoView + use<> {
    authority.map(|a| view! { <p class="authority" lang="vi">{a.to_string()}</p> })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_escaped_and_an_unknown_authority_prints_nothing() {
        let mut out = String::new();
        authority_html(&mut out, Some(&Authority::parse("UBND <thành phố> & Cam Ranh").unwrap()));
        assert_eq!(out, r#"<p class="authority" lang="vi">UBND &lt;thành phố&gt; &amp; Cam Ranh</p>"#);
        let mut none = String::new();
        authority_html(&mut none, None);
        assert!(none.is_empty());
    }
}
