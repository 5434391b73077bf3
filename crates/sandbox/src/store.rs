//! The sandbox's mutable data. Plain resources are kept as JSON objects, exactly as served, so
//! their quirks (ids and amounts of mixed types) survive untouched; installs are typed because
//! the sandbox enforces rules on them.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Value};

use crate::catalogue::App;
use crate::listing::scalar_text;
use crate::seed;

/// The plain resources, one list each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Coll {
    Customers,
    SipUsers,
    Dids,
    Servers,
    RtpServers,
    RtpGroups,
    Users,
    Packages,
    CustomerPackages,
    Payments,
    Vars,
    Templates,
    OwnApps,
    Carriers,
    Cards,
}

/// One installed app.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Install {
    pub(crate) id: u64,
    /// The app id as the catalogue has it (number or UUID string).
    pub(crate) app_id: Value,
    pub(crate) name: String,
    pub(crate) version: String,
    /// Stored in full, secrets included; masked only when served.
    pub(crate) config: BTreeMap<String, String>,
    pub(crate) installed_at: String,
    pub(crate) updated_at: String,
}

impl Install {
    /// The install as served: secret fields answer `"********"`, never their value.
    pub(crate) fn to_json(&self, secret_keys: &[&str]) -> Value {
        let config: BTreeMap<&str, &str> = self
            .config
            .iter()
            .map(|(key, value)| {
                let shown = if secret_keys.contains(&key.as_str()) {
                    MASK
                } else {
                    value
                };
                (key.as_str(), shown)
            })
            .collect();
        json!({
            "id": self.id,
            "app_id": self.app_id,
            "name": self.name,
            "version": self.version,
            "config": config,
            "installed_at": self.installed_at,
            "updated_at": self.updated_at,
        })
    }
}

/// What the platform answers in place of a secret, and what a client sends to keep one.
pub(crate) const MASK: &str = "********";

/// All mutable data.
#[derive(Debug)]
pub(crate) struct Store {
    colls: HashMap<Coll, Vec<Value>>,
    /// (card id, revision) → rules.
    rules: HashMap<(String, u32), Vec<Value>>,
    pub(crate) installs: Vec<Install>,
    next_install_id: u64,
}

impl Store {
    /// The deterministic starting data.
    pub(crate) fn seeded(catalogue: &[App]) -> Self {
        use seed::{account as a, platform as p};
        let colls = HashMap::from([
            (Coll::Customers, a::customers()),
            (Coll::SipUsers, a::sip_users()),
            (Coll::Dids, a::dids()),
            (Coll::Servers, a::servers()),
            (Coll::RtpServers, a::rtp_servers()),
            (Coll::RtpGroups, a::rtp_groups()),
            (Coll::Users, a::users()),
            (Coll::Packages, a::packages()),
            (Coll::CustomerPackages, a::customer_packages()),
            (Coll::Payments, a::payments()),
            (Coll::Vars, p::vars()),
            (Coll::Templates, p::templates(catalogue)),
            (Coll::OwnApps, p::own_apps()),
            (Coll::Carriers, p::carriers()),
            (Coll::Cards, p::cards()),
        ]);
        let rules = p::rules()
            .into_iter()
            .map(|(card, rev, list)| ((card, rev), list))
            .collect();
        Self {
            colls,
            rules,
            installs: Vec::new(),
            next_install_id: 5001,
        }
    }

    pub(crate) fn all(&self, coll: Coll) -> &[Value] {
        self.colls.get(&coll).map(Vec::as_slice).unwrap_or_default()
    }

    /// The list itself, for changes other than by id (a knob taking a package away).
    pub(crate) fn all_mut(&mut self, coll: Coll) -> &mut Vec<Value> {
        self.colls.entry(coll).or_default()
    }

    /// The object whose `id`, as text, is `id`.
    pub(crate) fn find(&self, coll: Coll, id: &str) -> Option<&Value> {
        self.all(coll).iter().find(|item| has_id(item, id))
    }

    pub(crate) fn find_mut(&mut self, coll: Coll, id: &str) -> Option<&mut Value> {
        self.colls
            .get_mut(&coll)?
            .iter_mut()
            .find(|item| has_id(item, id))
    }

    /// Adds `item` with the next numeric id and answers it.
    pub(crate) fn insert(&mut self, coll: Coll, mut item: Value) -> Value {
        let list = self.colls.entry(coll).or_default();
        let next = list
            .iter()
            .filter_map(|i| i["id"].as_u64())
            .max()
            .unwrap_or(0)
            + 1;
        item["id"] = json!(next);
        list.push(item.clone());
        item
    }

    /// Adds `item` as it is (its `id` already set, e.g. an alphanumeric card id).
    pub(crate) fn push(&mut self, coll: Coll, item: Value) {
        self.colls.entry(coll).or_default().push(item);
    }

    /// The rules of a card revision, created empty when missing (NeuTrafix's card writes).
    pub(crate) fn rules_mut(&mut self, card: &str, rev: u32) -> &mut Vec<Value> {
        self.rules.entry((card.to_owned(), rev)).or_default()
    }

    pub(crate) fn rules(&self, card: &str, rev: u32) -> Option<&[Value]> {
        self.rules.get(&(card.to_owned(), rev)).map(Vec::as_slice)
    }

    /// Puts back installs kept from an earlier run; new ids continue after theirs.
    pub(crate) fn restore_installs(&mut self, installs: Vec<Install>) {
        let last = installs.iter().map(|i| i.id).max().unwrap_or(0);
        self.next_install_id = self.next_install_id.max(last + 1);
        self.installs = installs;
    }

    pub(crate) fn next_install_id(&mut self) -> u64 {
        let id = self.next_install_id;
        self.next_install_id += 1;
        id
    }
}

fn has_id(item: &Value, id: &str) -> bool {
    scalar_text(&item["id"]).is_some_and(|text| text == id)
}
