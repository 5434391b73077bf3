//! Store search over the cached catalogue, in memory, so each keystroke answers at once.

use std::collections::BTreeMap;

use cx_platform::appstore::AppSummary;

use crate::models::CategoryCount;

/// The catalogue with a lower-cased search text per app, built once per sync.
#[derive(Debug, Default)]
pub struct CatalogueIndex {
    apps: Vec<AppSummary>,
    names: Vec<String>,
    texts: Vec<String>,
    categories: Vec<CategoryCount>,
}

/// How well an app matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    NameStarts,
    NameContains,
    Elsewhere,
}

impl CatalogueIndex {
    pub fn new(apps: Vec<AppSummary>) -> Self {
        let names = apps.iter().map(|app| app.name.to_lowercase()).collect();
        let texts = apps
            .iter()
            .map(|app| {
                format!(
                    "{} {} {} {}",
                    app.name, app.summary, app.publisher, app.category
                )
                .to_lowercase()
            })
            .collect();
        let categories = count_categories(&apps);
        Self {
            apps,
            names,
            texts,
            categories,
        }
    }

    pub fn len(&self) -> usize {
        self.apps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.apps.is_empty()
    }

    pub fn categories(&self) -> &[CategoryCount] {
        &self.categories
    }

    pub fn get(&self, app_id: &str) -> Option<&AppSummary> {
        self.apps.iter().find(|app| app.id == app_id)
    }

    /// Apps whose name, summary, publisher or category contain every word of `text`, in the
    /// given category if any; those whose name starts with the text first, then by name.
    pub fn search(&self, text: &str, category: Option<&str>) -> Vec<&AppSummary> {
        let text = text.trim().to_lowercase();
        let words: Vec<&str> = text.split_whitespace().collect();
        let category = category.filter(|c| !c.is_empty());

        let mut hits: Vec<(Rank, usize)> = (0..self.apps.len())
            .filter(|&i| category.is_none_or(|c| self.apps[i].category == c))
            .filter(|&i| words.iter().all(|word| self.texts[i].contains(word)))
            .map(|i| (self.rank(i, &text), i))
            .collect();
        hits.sort_by_key(|&(rank, i)| (rank, i));
        hits.into_iter().map(|(_, i)| &self.apps[i]).collect()
    }

    fn rank(&self, i: usize, text: &str) -> Rank {
        let name = &self.names[i];
        if text.is_empty() || name.starts_with(text) {
            Rank::NameStarts
        } else if name.contains(text) {
            Rank::NameContains
        } else {
            Rank::Elsewhere
        }
    }
}

fn count_categories(apps: &[AppSummary]) -> Vec<CategoryCount> {
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for app in apps.iter().filter(|app| !app.category.is_empty()) {
        *counts.entry(app.category.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(name, count)| CategoryCount {
            name: name.to_owned(),
            count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(name: &str, summary: &str, category: &str) -> AppSummary {
        AppSummary {
            id: name.to_lowercase(),
            name: name.into(),
            summary: summary.into(),
            category: category.into(),
            publisher: "ConnexCS".into(),
            latest_version: "1.0.0".into(),
            installs: 0,
            updated_at: String::new(),
        }
    }

    fn index() -> CatalogueIndex {
        let mut apps = vec![
            app("Autonomous Calling", "Dial numbers from a list", "Dialer"),
            app("Click-2-Dial", "Place calls from your CRM", "Dialer"),
            app("Yoco", "Card top-ups", "Payments"),
            app("Call Recorder", "Keeps calls", "Utilities"),
        ];
        apps.sort_by(|a, b| a.name.cmp(&b.name));
        CatalogueIndex::new(apps)
    }

    fn names(apps: Vec<&AppSummary>) -> Vec<&str> {
        apps.into_iter().map(|app| app.name.as_str()).collect()
    }

    #[test]
    fn names_starting_with_the_text_come_first() {
        assert_eq!(
            names(index().search("call", None)),
            ["Call Recorder", "Autonomous Calling", "Click-2-Dial"]
        );
    }

    #[test]
    fn every_word_must_match_somewhere_case_insensitively() {
        assert_eq!(
            names(index().search("DIAL list", None)),
            ["Autonomous Calling"]
        );
        assert!(index().search("dial payments", None).is_empty());
    }

    #[test]
    fn a_category_narrows_the_results_and_categories_are_counted() {
        let index = index();

        assert_eq!(names(index.search("", Some("Payments"))), ["Yoco"]);
        assert_eq!(
            index.categories()[0],
            CategoryCount {
                name: "Dialer".into(),
                count: 2
            }
        );
    }
}
