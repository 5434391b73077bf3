//! The platform's list conventions, shared by every list endpoint: `_limit`/`_offset` paging with
//! no totals, `s=` free text, plain equality filters (`[null]` meaning "is null"), and three
//! answer shapes (bare, `{"result": [...]}`, `{"data": [...]}`).

use serde_json::{json, Value};

use crate::error::{ApiError, ApiResult};

/// How a list endpoint wraps its array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Bare,
    Result,
    Data,
}

impl Shape {
    pub(crate) fn wrap(self, items: Vec<Value>) -> Value {
        match self {
            Shape::Bare => Value::Array(items),
            Shape::Result => json!({ "result": items }),
            Shape::Data => json!({ "data": items }),
        }
    }
}

/// A parsed list query.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ListQuery {
    pub(crate) limit: Option<usize>,
    pub(crate) offset: usize,
    pub(crate) search: Option<String>,
    /// Field → accepted values; a field given twice matches either value.
    pub(crate) filters: Vec<(String, Vec<String>)>,
}

impl ListQuery {
    /// Reads the query pairs. Other `_`-prefixed parameters (sorting, field lists) are ignored,
    /// as the platform ignores what it does not know.
    pub(crate) fn parse(pairs: &[(String, String)]) -> ApiResult<Self> {
        let mut query = ListQuery::default();
        for (key, value) in pairs {
            match key.as_str() {
                "_limit" => query.limit = Some(parse_count("_limit", value)?),
                "_offset" => query.offset = parse_count("_offset", value)?,
                "s" if !value.trim().is_empty() => query.search = Some(value.to_lowercase()),
                "s" => {}
                other if other.starts_with('_') => {}
                other => query.add_filter(other, value),
            }
        }
        Ok(query)
    }

    fn add_filter(&mut self, key: &str, value: &str) {
        match self.filters.iter_mut().find(|(k, _)| k == key) {
            Some((_, values)) => values.push(value.to_owned()),
            None => self.filters.push((key.to_owned(), vec![value.to_owned()])),
        }
    }

    /// Filters, searches over `search_fields` (every string field when empty), then pages.
    pub(crate) fn apply(&self, items: Vec<Value>, search_fields: &[&str]) -> Vec<Value> {
        let kept = items
            .into_iter()
            .filter(|item| self.matches_filters(item))
            .filter(|item| self.matches_search(item, search_fields));
        let paged = kept.skip(self.offset);
        match self.limit {
            Some(limit) => paged.take(limit).collect(),
            None => paged.collect(),
        }
    }

    fn matches_filters(&self, item: &Value) -> bool {
        self.filters.iter().all(|(field, wanted)| {
            let actual = item.get(field).unwrap_or(&Value::Null);
            wanted.iter().any(|value| field_equals(actual, value))
        })
    }

    fn matches_search(&self, item: &Value, fields: &[&str]) -> bool {
        let Some(needle) = &self.search else {
            return true;
        };
        let Some(object) = item.as_object() else {
            return false;
        };
        object
            .iter()
            .filter(|(key, _)| fields.is_empty() || fields.contains(&key.as_str()))
            .filter_map(|(_, value)| scalar_text(value))
            .any(|text| text.to_lowercase().contains(needle.as_str()))
    }
}

fn parse_count(name: &str, value: &str) -> ApiResult<usize> {
    value
        .trim()
        .parse()
        .map_err(|_| ApiError::bad_request(format!("{name} must be a whole number, not {value:?}")))
}

/// Equality as the platform's query layer sees it: everything compared as text, so `?id=7`
/// matches `7` and `"7"`; `[null]` matches null or absent; an array field matches when any
/// element does.
pub(crate) fn field_equals(actual: &Value, wanted: &str) -> bool {
    match actual {
        Value::Null => wanted == "[null]",
        Value::Array(items) => items.iter().any(|item| field_equals(item, wanted)),
        Value::Bool(b) => {
            let digit = if *b { "1" } else { "0" };
            wanted == digit || wanted == b.to_string()
        }
        other => scalar_text(other).is_some_and(|text| text == wanted),
    }
}

/// A string or number as text; `None` for anything else.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn people() -> Vec<Value> {
        vec![
            json!({"id": 1, "name": "Acme", "group": null}),
            json!({"id": "2", "name": "Bolt", "group": "a"}),
            json!({"id": 3, "name": "Acme North", "group": "b"}),
        ]
    }

    #[test]
    fn an_id_filter_matches_numbers_and_strings_alike() {
        let query = ListQuery::parse(&pairs(&[("id", "2")])).unwrap();
        assert_eq!(query.apply(people(), &[]).len(), 1);
    }

    #[test]
    fn null_in_brackets_means_is_null() {
        let query = ListQuery::parse(&pairs(&[("group", "[null]")])).unwrap();
        assert_eq!(query.apply(people(), &[]), vec![people()[0].clone()]);
    }

    #[test]
    fn paging_skips_then_takes_after_filtering() {
        let query = ListQuery::parse(&pairs(&[("s", "acme"), ("_offset", "1")])).unwrap();
        assert_eq!(query.apply(people(), &["name"]), vec![people()[2].clone()]);
    }

    #[test]
    fn a_limit_that_is_not_a_number_is_refused() {
        assert!(ListQuery::parse(&pairs(&[("_limit", "ten")])).is_err());
    }
}
