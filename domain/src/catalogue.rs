//! The built-in questionnaire templates (`domain/catalogue/*.json`), kept as data so that a
//! template can be edited without touching code. A change to a template's content goes with a new
//! `version` in its file; stored responses keep the version they answered.

use crate::questionnaire::Questionnaire;

const SOURCES: [&str; 4] = [
    include_str!("../catalogue/sipas.json"),
    include_str!("../catalogue/ward-short.json"),
    include_str!("../catalogue/moh-outpatient.json"),
    include_str!("../catalogue/counter-rating.json"),
];

/// Every built-in template, checked.
pub fn templates() -> Vec<Questionnaire> {
    SOURCES
        .iter()
        .map(|s| serde_json::from_str(s).expect("built-in templates are valid JSON (tested)"))
        .collect()
}

/// The built-in template with this id.
pub fn template(id: &str) -> Option<Questionnaire> {
    templates().into_iter().find(|q| q.id.as_str() == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_template_parses_and_checks() {
        let all = templates();
        assert_eq!(all.len(), SOURCES.len());
        let ids: BTreeSet<_> = all.iter().map(|q| q.id.clone()).collect();
        assert_eq!(ids.len(), all.len(), "template ids are unique");
        for q in &all {
            q.check().unwrap_or_else(|e| panic!("{}: {e}", q.id));
            assert!(q.items().any(|(_, i)| i.scored), "{} has scored items", q.id);
        }
    }
}
