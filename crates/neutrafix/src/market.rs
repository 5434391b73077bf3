//! The market in memory, column by column, so that filtering and ordering a million routes
//! takes milliseconds: repeated texts (country, seller, seller route, route type …) are
//! interned once and compared as numbers; every ordering is a permutation of row numbers,
//! computed the first time it is asked for and kept, so a query is one pass over it that
//! keeps the rows passing the filter. The UI then asks for a window of that selection.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::route::{Route, RouteKind};

/// What the filter panel holds. Empty text means "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "neutrafix/")]
#[serde(default)]
pub struct MarketFilter {
    /// Routes whose prefix starts with these digits.
    pub prefix: String,
    /// Part of the country name, any case.
    pub country: String,
    /// The route type exactly (any case): CLI, Non-CLI, TDM, Premium …
    pub route_type: String,
    /// Part of the seller's name.
    pub seller: String,
    /// Part of the seller's route name.
    pub seller_route: String,
    pub kind: Option<RouteKind>,
    pub min_price: Option<f64>,
    pub max_price: Option<f64>,
    pub order_by: OrderBy,
    pub descending: bool,
}

/// The orderings of the table (a click on a header).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "neutrafix/")]
pub enum OrderBy {
    #[default]
    Price,
    Prefix,
    Seller,
    RouteType,
    Destination,
    Asr,
    Acd,
    Capacity,
    EffectiveFrom,
}

const ORDERINGS: usize = 9;

impl OrderBy {
    fn slot(self) -> usize {
        self as usize
    }
}

/// Texts that repeat, stored once; rows hold their number.
#[derive(Debug, Default)]
struct Dict {
    texts: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Dict {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(id) = self.ids.get(text) {
            return *id;
        }
        let id = self.texts.len() as u32;
        self.texts.push(text.to_owned());
        self.ids.insert(text.to_owned(), id);
        id
    }

    fn text(&self, id: u32) -> &str {
        &self.texts[id as usize]
    }

    /// Which ids' text contains `needle`, any case; `None` when the needle is empty.
    fn containing(&self, needle: &str) -> Option<Vec<bool>> {
        let needle = needle.trim().to_lowercase();
        (!needle.is_empty()).then(|| {
            let test = |t: &String| t.to_lowercase().contains(&needle);
            self.texts.iter().map(test).collect()
        })
    }

    fn equal_ignoring_case(&self, wanted: &str) -> Option<Vec<bool>> {
        let wanted = wanted.trim();
        (!wanted.is_empty()).then(|| {
            let test = |t: &String| t.eq_ignore_ascii_case(wanted);
            self.texts.iter().map(test).collect()
        })
    }

    /// The alphabetical rank of every id, so rows can be ordered by number.
    fn ranks(&self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.texts.len() as u32).collect();
        order.sort_by(|a, b| {
            self.text(*a)
                .to_lowercase()
                .cmp(&self.text(*b).to_lowercase())
        });
        let mut ranks = vec![0; order.len()];
        for (rank, id) in order.into_iter().enumerate() {
            ranks[id as usize] = rank as u32;
        }
        ranks
    }
}

const NONE_U32: u32 = u32::MAX;

/// One dictionary per text column, so a filter scans only its own column's distinct values.
#[derive(Debug, Default)]
struct Dicts {
    country: Dict,
    description: Dict,
    route_type: Dict,
    seller: Dict,
    seller_id: Dict,
    seller_route: Dict,
    connection: Dict,
    effective_from: Dict,
    stats_time: Dict,
}

/// A million routes, column by column.
#[derive(Debug, Default)]
pub struct MarketIndex {
    prefix_bytes: Vec<u8>,
    prefix_at: Vec<(u32, u8)>,
    /// Rate ids are unique per row: kept as text, never interned.
    rate_ids: String,
    rate_id_at: Vec<(u32, u8)>,
    country: Vec<u32>,
    description: Vec<u32>,
    route_type: Vec<u32>,
    kind: Vec<RouteKind>,
    seller: Vec<u32>,
    seller_id: Vec<u32>,
    seller_route: Vec<u32>,
    connection: Vec<u32>,
    price_1: Vec<f64>,
    price_n: Vec<f64>,
    intervals: Vec<(u32, u32)>,
    effective_from: Vec<u32>,
    flags: Vec<u8>,
    asr: Vec<(f32, f32)>,
    acd: Vec<(u32, u32)>,
    daily_minutes: Vec<f32>,
    capacity: Vec<u32>,
    stats_time: Vec<u32>,
    seller_rating: Vec<(f32, u32)>,
    dicts: Dicts,
    orderings: [OnceLock<Vec<u32>>; ORDERINGS],
}

const FORBIDDEN: u8 = 1;
const DISCONTINUED: u8 = 2;

fn opt_f32(value: Option<f64>) -> f32 {
    value.map_or(f32::NAN, |v| v as f32)
}

fn from_f32(value: f32) -> Option<f64> {
    (!value.is_nan()).then_some(f64::from(value))
}

fn from_u32(value: u32) -> Option<u32> {
    (value != NONE_U32).then_some(value)
}

impl MarketIndex {
    pub fn new(routes: impl IntoIterator<Item = Route>) -> Self {
        let mut index = Self::default();
        for route in routes {
            index.push(route);
        }
        index
    }

    pub fn len(&self) -> usize {
        self.price_1.len()
    }

    pub fn is_empty(&self) -> bool {
        self.price_1.is_empty()
    }

    fn push(&mut self, r: Route) {
        let start = self.prefix_bytes.len() as u32;
        let prefix = &r.prefix.as_bytes()[..r.prefix.len().min(255)];
        self.prefix_bytes.extend_from_slice(prefix);
        self.prefix_at.push((start, prefix.len() as u8));
        let rate_id = &r.rate_id[..r.rate_id.len().min(255)];
        self.rate_id_at
            .push((self.rate_ids.len() as u32, rate_id.len() as u8));
        self.rate_ids.push_str(rate_id);
        let d = &mut self.dicts;
        self.country.push(d.country.id(&r.country));
        self.description.push(d.description.id(&r.description));
        self.route_type.push(d.route_type.id(&r.route_type));
        self.kind.push(r.kind);
        self.seller.push(d.seller.id(&r.seller));
        self.seller_id.push(d.seller_id.id(&r.seller_id));
        self.seller_route.push(d.seller_route.id(&r.seller_route));
        self.connection.push(d.connection.id(&r.connection_id));
        self.price_1.push(r.price_1);
        self.price_n.push(r.price_n);
        self.intervals.push((r.interval_1, r.interval_n));
        self.effective_from
            .push(self.dicts.effective_from.id(&r.effective_from));
        let flags = (u8::from(r.forbidden) * FORBIDDEN) | (u8::from(r.discontinued) * DISCONTINUED);
        self.flags.push(flags);
        self.asr.push((opt_f32(r.daily_asr), opt_f32(r.weekly_asr)));
        let acd = (
            r.daily_acd.unwrap_or(NONE_U32),
            r.weekly_acd.unwrap_or(NONE_U32),
        );
        self.acd.push(acd);
        self.daily_minutes.push(opt_f32(r.daily_minutes));
        self.capacity.push(r.capacity.unwrap_or(NONE_U32));
        let stats = r.stats_time.as_deref().unwrap_or_default();
        self.stats_time.push(self.dicts.stats_time.id(stats));
        let rating = (
            opt_f32(r.seller_rating),
            r.seller_reviews.unwrap_or(NONE_U32),
        );
        self.seller_rating.push(rating);
    }

    fn prefix(&self, row: usize) -> &[u8] {
        let (start, len) = self.prefix_at[row];
        &self.prefix_bytes[start as usize..start as usize + usize::from(len)]
    }

    /// The route at `row`, rebuilt from its columns.
    pub fn route(&self, row: usize) -> Route {
        let d = &self.dicts;
        let t = |dict: &Dict, column: &Vec<u32>| dict.text(column[row]).to_owned();
        let stats = t(&d.stats_time, &self.stats_time);
        let (start, len) = self.rate_id_at[row];
        Route {
            rate_id: self.rate_ids[start as usize..start as usize + usize::from(len)].to_owned(),
            prefix: String::from_utf8_lossy(self.prefix(row)).into_owned(),
            country: t(&d.country, &self.country),
            description: t(&d.description, &self.description),
            route_type: t(&d.route_type, &self.route_type),
            kind: self.kind[row],
            seller: t(&d.seller, &self.seller),
            seller_id: t(&d.seller_id, &self.seller_id),
            seller_route: t(&d.seller_route, &self.seller_route),
            connection_id: t(&d.connection, &self.connection),
            price_1: self.price_1[row],
            price_n: self.price_n[row],
            interval_1: self.intervals[row].0,
            interval_n: self.intervals[row].1,
            effective_from: t(&d.effective_from, &self.effective_from),
            forbidden: self.flags[row] & FORBIDDEN != 0,
            discontinued: self.flags[row] & DISCONTINUED != 0,
            daily_asr: from_f32(self.asr[row].0),
            weekly_asr: from_f32(self.asr[row].1),
            daily_acd: from_u32(self.acd[row].0),
            weekly_acd: from_u32(self.acd[row].1),
            daily_minutes: from_f32(self.daily_minutes[row]),
            capacity: from_u32(self.capacity[row]),
            stats_time: (!stats.is_empty()).then_some(stats),
            seller_rating: from_f32(self.seller_rating[row].0),
            seller_reviews: from_u32(self.seller_rating[row].1),
        }
    }

    /// Every route, in row order (for the cache and the CSV export).
    pub fn routes(&self) -> impl Iterator<Item = Route> + '_ {
        (0..self.len()).map(|row| self.route(row))
    }

    /// The rows passing `filter`, in its order. The filter runs first column by column (one
    /// tight, branch-free loop per active condition, marking the rows that pass); then one pass
    /// over the ordering keeps the marked rows. Testing row by row, in the ordering's order,
    /// touched every column at random and was ten times slower.
    pub fn query(&self, filter: &MarketFilter) -> Vec<u32> {
        let test = RowTest::new(self, filter);
        let order = self.ordering(filter.order_by);
        if test.accepts_everything() {
            return match filter.descending {
                true => order.iter().rev().copied().collect(),
                false => order.to_vec(),
            };
        }
        let passes = test.mask();
        let keep = |row: &u32| passes[*row as usize];
        match filter.descending {
            true => order.iter().rev().copied().filter(keep).collect(),
            false => order.iter().copied().filter(keep).collect(),
        }
    }

    /// The permutation of rows for `order`, computed once.
    pub fn ordering(&self, order: OrderBy) -> &[u32] {
        self.orderings[order.slot()].get_or_init(|| self.sorted_rows(order))
    }

    fn sorted_rows(&self, order: OrderBy) -> Vec<u32> {
        let mut rows: Vec<u32> = (0..self.len() as u32).collect();
        let d = &self.dicts;
        let (sellers, routes) = (d.seller.ranks(), d.seller_route.ranks());
        let (types, countries) = (d.route_type.ranks(), d.country.ranks());
        let (descriptions, dates) = (d.description.ranks(), d.effective_from.ranks());
        let rank =
            |ranks: &Vec<u32>, column: &Vec<u32>, row: u32| ranks[column[row as usize] as usize];
        let price = |row: u32| self.price_1[row as usize];
        let missing_last = |v: f32| if v.is_nan() { f32::NEG_INFINITY } else { v };
        match order {
            OrderBy::Price => rows.sort_by(|a, b| price(*a).total_cmp(&price(*b))),
            OrderBy::Prefix => rows.sort_by(|a, b| {
                let (pa, pb) = (self.prefix(*a as usize), self.prefix(*b as usize));
                pa.cmp(pb).then(price(*a).total_cmp(&price(*b)))
            }),
            OrderBy::Seller => rows.sort_by_key(|r| {
                (
                    rank(&sellers, &self.seller, *r),
                    rank(&routes, &self.seller_route, *r),
                )
            }),
            OrderBy::RouteType => rows.sort_by_key(|r| rank(&types, &self.route_type, *r)),
            OrderBy::Destination => rows.sort_by_key(|r| {
                (
                    rank(&countries, &self.country, *r),
                    rank(&descriptions, &self.description, *r),
                )
            }),
            OrderBy::Asr => rows.sort_by(|a, b| {
                missing_last(self.asr[*a as usize].0)
                    .total_cmp(&missing_last(self.asr[*b as usize].0))
            }),
            OrderBy::Acd => rows.sort_by_key(|r| self.acd[*r as usize].0.wrapping_add(1)),
            OrderBy::Capacity => rows.sort_by_key(|r| self.capacity[*r as usize].wrapping_add(1)),
            OrderBy::EffectiveFrom => rows.sort_by_key(|r| rank(&dates, &self.effective_from, *r)),
        }
        rows
    }

    /// The distinct values of a column, for the filter panel's pickers.
    pub fn distinct(&self, column: Column) -> Vec<String> {
        let dict = match column {
            Column::Country => &self.dicts.country,
            Column::Seller => &self.dicts.seller,
            Column::SellerRoute => &self.dicts.seller_route,
            Column::RouteType => &self.dicts.route_type,
        };
        let mut out: Vec<String> = dict
            .texts
            .iter()
            .filter(|t| !t.is_empty())
            .cloned()
            .collect();
        out.sort_by_key(|t| t.to_lowercase());
        out
    }
}

/// Columns with a list of values for pickers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Country,
    Seller,
    SellerRoute,
    RouteType,
}

/// A filter compiled against one index: text filters become "allowed" tables over interned
/// ids, so each row is tested with array lookups and comparisons only.
struct RowTest<'a> {
    index: &'a MarketIndex,
    prefix: Vec<u8>,
    country: Option<Vec<bool>>,
    route_type: Option<Vec<bool>>,
    seller: Option<Vec<bool>>,
    seller_route: Option<Vec<bool>>,
    kind: Option<RouteKind>,
    min: f64,
    max: f64,
}

impl<'a> RowTest<'a> {
    fn new(index: &'a MarketIndex, f: &MarketFilter) -> Self {
        let prefix: Vec<u8> = f.prefix.bytes().filter(u8::is_ascii_digit).collect();
        Self {
            index,
            prefix,
            country: index.dicts.country.containing(&f.country),
            route_type: index.dicts.route_type.equal_ignoring_case(&f.route_type),
            seller: index.dicts.seller.containing(&f.seller),
            seller_route: index.dicts.seller_route.containing(&f.seller_route),
            kind: f.kind,
            min: f.min_price.unwrap_or(f64::NEG_INFINITY),
            max: f.max_price.unwrap_or(f64::INFINITY),
        }
    }

    fn accepts_everything(&self) -> bool {
        self.prefix.is_empty()
            && self.country.is_none()
            && self.route_type.is_none()
            && self.seller.is_none()
            && self.seller_route.is_none()
            && self.kind.is_none()
            && self.min == f64::NEG_INFINITY
            && self.max == f64::INFINITY
    }

    /// Which rows pass, one column at a time.
    fn mask(&self) -> Vec<bool> {
        let ix = self.index;
        let (min, max) = (self.min, self.max);
        let mut mask: Vec<bool> = ix.price_1.iter().map(|p| *p >= min && *p <= max).collect();
        if let Some(kind) = self.kind {
            for (keep, k) in mask.iter_mut().zip(&ix.kind) {
                *keep &= *k == kind;
            }
        }
        let tables = [
            (&self.country, &ix.country),
            (&self.route_type, &ix.route_type),
            (&self.seller, &ix.seller),
            (&self.seller_route, &ix.seller_route),
        ];
        for (table, column) in tables {
            if let Some(allowed) = table {
                for (keep, id) in mask.iter_mut().zip(column) {
                    *keep &= allowed[*id as usize];
                }
            }
        }
        if !self.prefix.is_empty() {
            for (row, keep) in mask.iter_mut().enumerate() {
                *keep = *keep && ix.prefix(row).starts_with(&self.prefix);
            }
        }
        mask
    }
}
