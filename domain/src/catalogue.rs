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
    SOURCES.iter().map(|s| serde_json::from_str(s).expect("built-in templates are valid JSON (tested)")).collect()
}

/// The built-in template with this id.
pub fn template(id: &str) -> Option<Questionnaire> {
    templates().into_iter().find(|q| q.id.as_str() == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{Choice, Item, ItemKind};
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
            assert_eq!(q.version, 1, "{} starts at version 1", q.id);
        }
        for id in ["sipas", "ward-short", "moh-outpatient", "counter-rating"] {
            assert!(template(id).is_some(), "{id} is built in");
        }
        assert!(template("nope").is_none());
    }

    /// Number of scored items in each section that has any, in order.
    fn scored_split(q: &Questionnaire) -> Vec<usize> {
        q.sections.iter().map(|s| s.items.iter().filter(|i| i.scored).count()).filter(|&n| n > 0).collect()
    }

    fn scored(q: &Questionnaire) -> impl Iterator<Item = &Item> {
        q.items().map(|(_, i)| i).filter(|i| i.scored)
    }

    /// Scored statements are required 5-point scales, with 0 allowed exactly when `zero` says.
    fn assert_scored_scale5(q: &Questionnaire, zero: bool) {
        for i in scored(q) {
            assert_eq!(i.kind, ItemKind::Scale5 { zero }, "{}/{}", q.id, i.id);
            assert!(i.required, "{}/{} is required", q.id, i.id);
        }
    }

    fn options(item: &Item) -> &[Choice] {
        match &item.kind {
            ItemKind::Choice { options, .. } | ItemKind::Multi { options, .. } => options,
            other => panic!("{} has no options: {other:?}", item.id),
        }
    }

    #[test]
    fn sipas_has_19_statements_over_5_elements() {
        let q = template("sipas").unwrap();
        assert_eq!(scored(&q).count(), 19);
        assert_eq!(scored_split(&q), [4, 4, 5, 3, 3]);
        assert_scored_scale5(&q, false);
        let ids: Vec<_> = scored(&q).map(|i| i.id.as_str().to_owned()).collect();
        let expected: Vec<_> = (15..=33).map(|n| format!("q{n}")).collect();
        assert_eq!(ids, expected, "statements keep the national form's numbering");
        assert_eq!(q.scale_labels[0], "Rất không hài lòng");
        assert_eq!(q.scale_labels[4], "Rất hài lòng");
        assert!(q.intro.starts_with("Xin Ông/Bà chọn một trong các chữ số 1, 2, 3, 4, 5"));

        assert_eq!(options(q.item("hinh_thuc").unwrap()).len(), 3);
        assert_eq!(options(q.item("phien_ha").unwrap()).len(), 3);
        assert_eq!(options(q.item("chi_them").unwrap()).len(), 2);
        let expect = q.item("mong_doi").unwrap();
        match &expect.kind {
            ItemKind::Multi { options, max } => {
                assert_eq!(options.len(), 10);
                assert!((1..options.len()).contains(&usize::from(*max)));
            }
            other => panic!("mong_doi is not a multi-select: {other:?}"),
        }
        let ages = q.item("do_tuoi").unwrap();
        assert!(matches!(ages.kind, ItemKind::Choice { banded: true, .. }));
        assert_eq!(options(ages).len(), 5);
        for id in ["gioi_tinh", "do_tuoi", "hoc_van", "nghe_nghiep", "khu_vuc"] {
            let item = q.item(id).unwrap_or_else(|| panic!("sipas asks {id}"));
            assert!(matches!(item.kind, ItemKind::Choice { banded: true, .. }), "{id} is banded");
            assert!(!item.required, "{id} is optional");
        }
    }

    #[test]
    fn ward_short_has_9_statements() {
        let q = template("ward-short").unwrap();
        assert_eq!(scored(&q).count(), 9);
        assert_eq!(scored_split(&q), [3, 2, 4]);
        assert_scored_scale5(&q, false);
    }

    #[test]
    fn moh_outpatient_has_31_statements_allowing_zero() {
        let q = template("moh-outpatient").unwrap();
        assert_eq!(scored(&q).count(), 31);
        assert_eq!(scored_split(&q), [5, 10, 8, 4, 4]);
        assert_scored_scale5(&q, true);
        for (section, n) in [("a", 5), ("b", 10), ("c", 8), ("d", 4), ("e", 4)] {
            for k in 1..=n {
                let id = format!("{section}{k}");
                assert!(q.item(&id).is_some_and(|i| i.scored), "{id} is a scored statement");
            }
        }
        assert_eq!(q.zero_label.as_deref(), Some("Không sử dụng"));
        assert_eq!(q.scale_labels[0], "Rất không hài lòng hoặc Rất kém");

        assert_eq!(q.item("g1").unwrap().kind, ItemKind::Number { min: 0, max: 200 });
        let returns = options(q.item("g2").unwrap());
        assert_eq!(returns.iter().map(|c| c.value).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6]);
        for id in ["h1", "h2"] {
            assert_eq!(q.item(id).unwrap().kind, ItemKind::Text { max_len: 1000, long: true });
        }
        for id in ["gioi_tinh", "do_tuoi", "bhyt", "khu_vuc"] {
            assert!(!q.item(id).unwrap_or_else(|| panic!("moh asks {id}")).required);
        }
        assert!(!q.items().any(|(_, i)| i.text.to_lowercase().contains("bệnh viện")), "worded for a health station");
    }

    #[test]
    fn counter_rating_is_one_faces_question() {
        let q = template("counter-rating").unwrap();
        let items: Vec<_> = scored(&q).collect();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].kind, ItemKind::Faces3);
        assert!(items[0].required);
        assert!(q.items().filter(|(_, i)| !i.scored).all(|(_, i)| !i.required));
        assert!(matches!(q.item("ma_ho_so").unwrap().kind, ItemKind::Text { max_len: 40, long: false }));
    }

    #[test]
    fn no_template_asks_for_name_phone_or_email() {
        // Scored statements may mention the phone as a channel (MoH A5: booking by phone); the
        // questions that collect answers of their own must not ask who the respondent is.
        for q in templates() {
            for (_, item) in q.items().filter(|(_, i)| !i.scored) {
                let mut words = vec![item.text.to_lowercase()];
                if let ItemKind::Choice { options, .. } | ItemKind::Multi { options, .. } = &item.kind {
                    words.extend(options.iter().map(|c| c.label.to_lowercase()));
                }
                for w in &words {
                    for bad in ["điện thoại", "email", "e-mail", "họ tên", "họ và tên"] {
                        assert!(!w.contains(bad), "{}/{} asks for {bad}", q.id, item.id);
                    }
                }
            }
        }
    }

    #[test]
    fn templates_are_written_with_diacritics() {
        for q in templates() {
            assert!(!q.title.is_ascii(), "{} title has Vietnamese letters", q.id);
            for (_, item) in q.items() {
                assert!(!item.text.trim().is_empty(), "{}/{} has text", q.id, item.id);
            }
        }
    }
}
