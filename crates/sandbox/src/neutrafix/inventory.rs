//! The exchange's inventory: dozens of sellers, each with a few routes (connections), each
//! offering prefixes in most countries. Generated deterministically from a fixed seed the first
//! time the market is asked for, so the sandbox starts as fast as before for everything else.
//! Only what filtering needs is stored; quality figures are derived from the rate's number
//! when it is served.

use super::countries::COUNTRIES;

/// SplitMix64: a tiny, fixed generator, so every run has the same market.
pub(super) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const FIRST: &[&str] = &[
    "Tallis",
    "Meridian",
    "Borealis",
    "Cobalt",
    "Harbor",
    "Summit",
    "Vantage",
    "Equinox",
    "Keystone",
    "Lumen",
    "Nimbus",
    "Orion",
    "Pinnacle",
    "Quartz",
    "Redwood",
    "Sterling",
    "Tundra",
    "Umbra",
    "Vertex",
    "Willow",
    "Zenith",
    "Aurora",
    "Beacon",
    "Cascade",
    "Delta",
    "Ember",
    "Falcon",
    "Granite",
    "Horizon",
    "Iris",
    "Juniper",
    "Kestrel",
    "Larch",
    "Monarch",
    "Northgate",
    "Onyx",
    "Prairie",
    "Quill",
    "Ridge",
    "Sable",
    "Topaz",
    "Upland",
    "Valley",
    "Westbrook",
    "Yarrow",
    "Zephyr",
    "Atlas",
    "Bramble",
];
const SECOND: &[&str] = &[
    "Voice",
    "Telecom",
    "Carrier Services",
    "Networks",
    "Wholesale",
    "Connect",
];
const TIERS: &[(&str, &str)] = &[
    ("Gold", "CLI"),
    ("Direct", "Non-CLI"),
    ("Premium", "Premium"),
    ("Classic", "TDM"),
    ("Silver", "CLI"),
    ("Economy", "Non-CLI"),
    ("SMS Direct", "SMS"),
];
const AREAS: &[&str] = &[
    "Fixed",
    "Mobile",
    "Mobile Premium",
    "City",
    "Special Services",
];

/// A seller's route (connection).
#[derive(Debug, Clone)]
pub(super) struct Connection {
    pub(super) id: u64,
    pub(super) seller: usize,
    pub(super) name: String,
    pub(super) route_type: &'static str,
    pub(super) interval_1: u32,
    pub(super) interval_n: u32,
}

#[derive(Debug, Clone)]
pub(super) struct Seller {
    pub(super) id: u64,
    pub(super) name: String,
}

/// One rate: a prefix on a connection.
#[derive(Debug, Clone)]
pub(super) struct Rate {
    pub(super) id: u64,
    pub(super) prefix: String,
    pub(super) country: u16,
    pub(super) area: u8,
    pub(super) connection: u32,
    pub(super) price_1: f64,
    pub(super) price_n: f64,
}

#[derive(Debug)]
pub(super) struct Inventory {
    pub(super) sellers: Vec<Seller>,
    pub(super) connections: Vec<Connection>,
    pub(super) rates: Vec<Rate>,
}

const INTERVALS: &[(u32, u32)] = &[(60, 60), (60, 6), (1, 1), (30, 6), (6, 6), (60, 1)];

impl Inventory {
    pub(super) fn generate() -> Self {
        let sellers: Vec<Seller> = FIRST
            .iter()
            .enumerate()
            .map(|(n, first)| Seller {
                id: 100 + n as u64,
                name: format!("{first} {}", SECOND[mix(n as u64) as usize % SECOND.len()]),
            })
            .collect();
        let mut connections = Vec::new();
        for s in 0..sellers.len() {
            let count = 2 + (mix(s as u64 * 7) % 3) as usize;
            for k in 0..count {
                let (tier, route_type) = TIERS[(s + k * 3) % TIERS.len()];
                let (i1, i_n) = INTERVALS[mix((s * 10 + k) as u64) as usize % INTERVALS.len()];
                connections.push(Connection {
                    id: 3000 + (s * 10 + k) as u64,
                    seller: s,
                    name: format!("{} {tier}", FIRST[s]),
                    route_type,
                    interval_1: i1,
                    interval_n: i_n,
                });
            }
        }
        let mut rates = Vec::with_capacity(260_000);
        for (c, connection) in connections.iter().enumerate() {
            add_connection_rates(&mut rates, c, connection);
        }
        Self {
            sellers,
            connections,
            rates,
        }
    }
}

fn add_connection_rates(rates: &mut Vec<Rate>, c: usize, connection: &Connection) {
    let seller_factor = 0.8 + (mix(connection.seller as u64 + 99) % 50) as f64 / 100.0;
    for (n, (code, _)) in COUNTRIES.iter().enumerate() {
        let h = mix((c as u64) << 16 | n as u64);
        if h % 10 < 3 {
            continue; // this route does not reach that country
        }
        let base = 0.004 + (mix(n as u64 + 7) % 900) as f64 / 10_000.0;
        let count = 4 + (h >> 8) % 16;
        let mut seen: Vec<String> = Vec::new();
        for k in 0..count {
            let prefix = if k == 0 {
                (*code).to_owned()
            } else {
                format!("{code}{}", (mix(h + k) % (if k < 6 { 10 } else { 100 })))
            };
            if seen.contains(&prefix) {
                continue;
            }
            seen.push(prefix.clone());
            let area = ((h >> 20) + k) % AREAS.len() as u64;
            let jitter = 0.85 + (mix(h ^ k) % 40) as f64 / 100.0;
            let price_1 = round4(base * seller_factor * jitter * (1.0 + area as f64 * 0.3));
            let id = 500_000 + rates.len() as u64;
            rates.push(Rate {
                id,
                prefix,
                country: n as u16,
                area: area as u8,
                connection: c as u32,
                price_1,
                price_n: if k % 4 == 3 {
                    round4(price_1 * 0.9)
                } else {
                    price_1
                },
            });
        }
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

pub(super) fn area_name(area: u8) -> &'static str {
    AREAS[usize::from(area) % AREAS.len()]
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn the_market_is_large_varied_and_the_same_every_run() {
        let inventory = Inventory::generate();

        assert!(inventory.rates.len() > 200_000, "{}", inventory.rates.len());
        assert_eq!(inventory.sellers.len(), 48);
        let countries: HashSet<u16> = inventory.rates.iter().map(|r| r.country).collect();
        assert_eq!(countries.len(), COUNTRIES.len(), "every country is offered");
        let types: HashSet<&str> = inventory.connections.iter().map(|c| c.route_type).collect();
        assert!(types.is_superset(&HashSet::from(["CLI", "Non-CLI", "TDM", "Premium", "SMS"])));
        let again = Inventory::generate();
        assert_eq!(again.rates.len(), inventory.rates.len());
        assert_eq!(again.rates[12_345].prefix, inventory.rates[12_345].prefix);
        assert_eq!(again.rates[12_345].price_1, inventory.rates[12_345].price_1);
    }
}
