//! The rest of the catalogue: apps by the platform and by other developers, across every
//! category, so search, category filters and paging have a realistic amount to work on.
//! Each is written as a compact spec; its documentation is generated from the spec.

use crate::catalogue::{field, version, App, AppId, ConfigField};

/// The app the signed-in account published itself; it appears in `GET setup/app`.
pub(crate) const BALANCE_ALERTS_ID: u64 = 2040;

type Release = (&'static str, &'static str, &'static [&'static str]);

struct Spec {
    id: AppId,
    name: &'static str,
    category: &'static str,
    publisher: &'static str,
    summary: &'static str,
    about: [&'static str; 2],
    features: &'static [&'static str],
    installs: u32,
    /// Newest first.
    releases: &'static [Release],
    config: fn() -> Vec<ConfigField>,
}

pub(crate) fn apps() -> Vec<App> {
    [
        dialer(),
        payments(),
        numbers(),
        routing(),
        crm(),
        reporting(),
        fraud(),
        utilities(),
    ]
    .into_iter()
    .flatten()
    .map(build)
    .collect()
}

fn build(spec: Spec) -> App {
    let config = (spec.config)();
    let versions = spec
        .releases
        .iter()
        .map(|(v, date, notes)| version(v, date, notes, config.clone()))
        .collect();
    App {
        id: spec.id.clone(),
        name: spec.name,
        summary: spec.summary,
        category: spec.category,
        publisher: spec.publisher,
        installs: spec.installs,
        description: spec.about.join("\n\n"),
        documentation: documentation(&spec, &config),
        versions,
    }
}

/// A short page in the style app authors use: what it does, what to configure, who to ask.
fn documentation(spec: &Spec, config: &[ConfigField]) -> String {
    let features: String = spec
        .features
        .iter()
        .map(|f| format!("  <li>{}</li>\n", escape(f)))
        .collect();
    format!(
        "<h1>{{{{app_name}}}}</h1>\n<p>{}. This is version {{{{version}}}}.</p>\n\n\
         <h2>What it does</h2>\n<ul>\n{features}</ul>\n\n<h2>Configuration</h2>\n{}\n\n\
         <h2>Support</h2>\n<p>Published by {}. Contact the publisher through the App Store \
         page.</p>\n",
        escape(spec.summary),
        config_table(config),
        escape(spec.publisher),
    )
}

fn config_table(config: &[ConfigField]) -> String {
    if config.is_empty() {
        return "<p>Nothing to configure: the app works as soon as it is installed.</p>".into();
    }
    let rows: String = config
        .iter()
        .map(|f| {
            let required = if f.required == serde_json::json!(false) {
                "No"
            } else {
                "Yes"
            };
            let help = f.help.map(escape).unwrap_or_default();
            format!(
                "    <tr><td>{}</td><td>{required}</td><td>{help}</td></tr>\n",
                f.label
            )
        })
        .collect();
    format!(
        "<table>\n  <thead><tr><th>Field</th><th>Required</th><th>Notes</th></tr></thead>\n  \
         <tbody>\n{rows}  </tbody>\n</table>"
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn no_config() -> Vec<ConfigField> {
    Vec::new()
}

fn customer_only() -> Vec<ConfigField> {
    vec![field("customer_id", "Customer", "customer")]
}

fn notify_email() -> Vec<ConfigField> {
    vec![field("notify_email", "Notify", "email").help("Where alerts are sent")]
}

fn api_key_only() -> Vec<ConfigField> {
    vec![field("api_key", "API Key", "secret")]
}

fn dialer() -> Vec<Spec> {
    vec![
        Spec {
            id: AppId::Num(1203),
            name: "Predictive Dialer Lite",
            category: "Dialer",
            publisher: "Dialwise",
            summary: "Pace outbound calls to the number of free agents",
            about: [
                "Predictive Dialer Lite starts calls ahead of agents becoming free, using the \
                 answer rate of the last few minutes to keep idle time low without abandoning \
                 calls.",
                "It suits small teams of up to 25 agents; campaigns are uploaded as CSV files.",
            ],
            features: &[
                "Pacing based on the live answer rate",
                "Abandon rate capped at 3%",
                "Per-campaign CLI",
            ],
            installs: 640,
            releases: &[
                (
                    "3.2.1",
                    "2026-04-02 09:00:00",
                    &["Fixed pacing stalling after a server restart"],
                ),
                (
                    "3.2.0",
                    "2025-10-14 10:30:00",
                    &[
                        "Abandon rate cap is now configurable",
                        "CSV upload accepts semicolons",
                    ],
                ),
                (
                    "3.0.0",
                    "2025-01-20 12:00:00",
                    &["Rewritten pacing engine", "Drops PHP 7"],
                ),
            ],
            config: || {
                vec![
                    field("customer_id", "Customer", "customer"),
                    field("server_alias", "Outbound Server", "server"),
                    field("agents", "Agents", "number").default("5"),
                ]
            },
        },
        Spec {
            id: AppId::Num(1219),
            name: "Voicemail Drop",
            category: "Dialer",
            publisher: "Dialwise",
            summary: "Leave a recorded message when a call reaches voicemail",
            about: [
                "Voicemail Drop detects answering machines and plays a recorded message after \
                 the beep, so agents move on to the next call at once.",
                "Recordings are uploaded as WAV or MP3 and can differ per campaign.",
            ],
            features: &["Answering machine detection", "Per-campaign recordings"],
            installs: 402,
            releases: &[
                (
                    "1.4.0",
                    "2025-09-09 08:30:00",
                    &["MP3 uploads", "Shorter detection delay"],
                ),
                (
                    "1.3.2",
                    "2024-12-03 15:00:00",
                    &["Fixed recordings cut short on slow links"],
                ),
            ],
            config: customer_only,
        },
        Spec {
            id: AppId::Num(1226),
            name: "Conference Bridge",
            category: "Dialer",
            publisher: "ConnexCS",
            summary: "PIN-protected audio conference rooms on your own DIDs",
            about: [
                "Conference Bridge gives each customer audio rooms reached through a DID, \
                 protected by a PIN and with an optional moderator.",
                "Rooms are created from the app's page; participants need nothing but a phone.",
            ],
            features: &[
                "Moderator and participant PINs",
                "Up to 50 callers per room",
            ],
            installs: 1130,
            releases: &[
                (
                    "2.0.0",
                    "2026-02-17 11:00:00",
                    &["Moderator PINs", "Rooms up to 50 callers"],
                ),
                (
                    "1.1.0",
                    "2025-03-11 09:15:00",
                    &["Entry and exit tones can be turned off"],
                ),
                ("1.0.0", "2024-06-04 10:00:00", &["First release"]),
            ],
            config: customer_only,
        },
    ]
}

fn payments() -> Vec<Spec> {
    vec![
        Spec {
            id: AppId::Num(1302),
            name: "Stripe Top-Up",
            category: "Payments",
            publisher: "ConnexCS",
            summary: "Card top-ups through Stripe Checkout",
            about: [
                "Stripe Top-Up adds a Top Up button to the Customer Portal that opens a Stripe \
                 Checkout page; completed payments are added to the customer's balance.",
                "Payments in any currency Stripe supports are converted at Stripe's rate.",
            ],
            features: &[
                "Stripe Checkout",
                "Automatic balance update",
                "Refunds recorded",
            ],
            installs: 2876,
            releases: &[
                (
                    "2.3.0",
                    "2026-05-06 10:00:00",
                    &["3-D Secure 2 on every card"],
                ),
                (
                    "2.2.1",
                    "2025-08-19 09:00:00",
                    &["Fixed duplicate payments on double-click"],
                ),
                (
                    "2.2.0",
                    "2025-02-25 14:30:00",
                    &["Receipts e-mailed to the customer"],
                ),
                (
                    "2.0.0",
                    "2024-04-15 08:45:00",
                    &["Moved to Stripe Checkout"],
                ),
            ],
            config: || {
                vec![
                    field("secret_key", "Secret Key", "secret").pattern(
                        "^sk_(test|live)_[A-Za-z0-9]{24,}$",
                        "A Stripe secret key starts sk_test_ or sk_live_",
                    ),
                    field("min_amount", "Minimum Top-Up", "number").default("10"),
                ]
            },
        },
        Spec {
            id: AppId::Num(1305),
            name: "PayPal Checkout",
            category: "Payments",
            publisher: "Ledgerline",
            summary: "Let customers top up with PayPal",
            about: [
                "PayPal Checkout lets customers pay with their PayPal balance or a card through \
                 PayPal; the top-up is credited once PayPal confirms the capture.",
                "Sandbox and live PayPal apps are both supported.",
            ],
            features: &["PayPal balance or card", "Credited on capture"],
            installs: 1502,
            releases: &[
                (
                    "1.6.0",
                    "2025-11-03 12:00:00",
                    &["Pay Later offered where PayPal allows it"],
                ),
                (
                    "1.5.0",
                    "2024-08-27 10:00:00",
                    &["Webhooks replace polling"],
                ),
            ],
            config: || {
                vec![
                    field("client_id", "Client ID", "text"),
                    field("client_secret", "Client Secret", "secret"),
                ]
            },
        },
        Spec {
            id: AppId::Num(1317),
            name: "Auto Top-Up",
            category: "Payments",
            publisher: "Ledgerline",
            summary: "Charge a saved card when a balance falls below a threshold",
            about: [
                "Auto Top-Up charges the customer's saved card whenever their balance falls \
                 below the threshold you set, so calls are never cut off for lack of credit.",
                "Works with the Stripe Top-Up app's saved cards.",
            ],
            features: &[
                "Threshold and amount per customer",
                "E-mail receipt per charge",
            ],
            installs: 733,
            releases: &[
                (
                    "1.2.0",
                    "2026-01-12 09:00:00",
                    &["At most one charge per hour per customer"],
                ),
                ("1.1.0", "2025-04-30 11:30:00", &["Threshold per customer"]),
                ("1.0.0", "2024-09-16 10:00:00", &["First release"]),
            ],
            config: || {
                vec![
                    field("threshold", "Threshold", "number").default("20"),
                    field("amount", "Top-Up Amount", "number").default("50"),
                ]
            },
        },
    ]
}

fn numbers() -> Vec<Spec> {
    vec![
        Spec {
            id: AppId::Num(1401),
            name: "DID Inventory Sync",
            category: "Numbers",
            publisher: "Numberhub",
            summary: "Keep your DID list in step with your number providers",
            about: [
                "DID Inventory Sync pulls the numbers you hold with your providers every night \
                 and adds, updates or flags DIDs under Global > DID to match.",
                "Numbers released by a provider are tagged, never deleted, so routing is not \
                 lost by surprise.",
            ],
            features: &["Nightly sync", "Released numbers tagged, not deleted"],
            installs: 388,
            releases: &[
                (
                    "0.9.2",
                    "2025-12-08 07:00:00",
                    &["Fixed numbers with spaces not matching"],
                ),
                (
                    "0.9.0",
                    "2025-06-23 08:00:00",
                    &["Second provider supported"],
                ),
            ],
            config: api_key_only,
        },
        Spec {
            id: AppId::Num(1408),
            name: "Number Porting Tracker",
            category: "Numbers",
            publisher: "Numberhub",
            summary: "Follow port-in requests from submission to completion",
            about: [
                "Number Porting Tracker records each port-in request, its documents and the \
                 date the losing carrier gave, and reminds you before the port date.",
                "When the port completes, the DID is created and routed as you planned.",
            ],
            features: &["Port date reminders", "DID created on completion"],
            installs: 152,
            releases: &[("1.0.0", "2025-03-04 09:30:00", &["First release"])],
            config: notify_email,
        },
        Spec {
            id: AppId::Uuid("9d3b6e21-47c8-4f0a-8e5d-2c71b94a0f36"),
            name: "CNAM Lookup",
            category: "Numbers",
            publisher: "Callerlens",
            summary: "Show the caller's name on inbound calls from North America",
            about: [
                "CNAM Lookup queries the caller name database for inbound calls from +1 numbers \
                 and passes the name on to the extension.",
                "Results are cached for 24 hours to keep lookup costs down.",
            ],
            features: &["CNAM for +1 callers", "24-hour cache"],
            installs: 941,
            releases: &[
                (
                    "2.1.0",
                    "2026-03-18 10:00:00",
                    &["Cache hit rate shown on the app page"],
                ),
                (
                    "2.0.0",
                    "2025-05-29 09:00:00",
                    &["New lookup provider, half the cost"],
                ),
                (
                    "1.4.0",
                    "2024-10-02 12:00:00",
                    &["Lookups time out after 800 ms"],
                ),
            ],
            config: api_key_only,
        },
        Spec {
            id: AppId::Num(1415),
            name: "SMS Forwarder",
            category: "Numbers",
            publisher: "Numberhub",
            summary: "Forward SMS received on a DID to e-mail or a webhook",
            about: [
                "SMS Forwarder sends every text received on your SMS-enabled DIDs to an e-mail \
                 address or a webhook of your choice.",
                "Each DID can forward to a different place.",
            ],
            features: &["E-mail or webhook delivery", "Per-DID destinations"],
            installs: 517,
            releases: &[
                (
                    "1.3.0",
                    "2025-07-07 13:00:00",
                    &["Webhook retries with back-off"],
                ),
                ("1.2.0", "2024-11-25 10:00:00", &["Per-DID destinations"]),
            ],
            config: || vec![field("webhook_url", "Webhook URL", "text").optional()],
        },
    ]
}

fn routing() -> Vec<Spec> {
    vec![
        Spec {
            id: AppId::Num(1502),
            name: "LCR Optimiser",
            category: "Routing",
            publisher: "Routewise",
            summary: "Suggest cheaper carrier orders from your own rate cards",
            about: [
                "LCR Optimiser compares your carriers' rate cards prefix by prefix and suggests \
                 a routing order that lowers cost without dropping below your quality floor.",
                "Suggestions are shown side by side with today's order; nothing changes until \
                 you apply them.",
            ],
            features: &[
                "Longest-prefix comparison",
                "Quality floor by ASR",
                "One-click apply",
            ],
            installs: 1288,
            releases: &[
                (
                    "4.0.0",
                    "2026-06-01 09:00:00",
                    &["Quality floor by ASR as well as ACD"],
                ),
                (
                    "3.5.0",
                    "2025-09-30 10:00:00",
                    &["Compare up to 20 carriers"],
                ),
                (
                    "3.4.2",
                    "2025-02-10 08:30:00",
                    &["Fixed prefixes with a leading zero"],
                ),
                ("3.4.0", "2024-07-22 11:00:00", &["Side-by-side view"]),
            ],
            config: no_config,
        },
        Spec {
            id: AppId::Num(1509),
            name: "ASR/ACD Watchdog",
            category: "Routing",
            publisher: "Routewise",
            summary: "Alert when a route's answer rate or call length drops",
            about: [
                "ASR/ACD Watchdog watches answer-seizure ratio and average call duration per \
                 carrier and prefix, and alerts you when either falls below its baseline.",
                "Alerts go by e-mail or Slack.",
            ],
            features: &["Baselines learnt per prefix", "E-mail and Slack alerts"],
            installs: 860,
            releases: &[
                ("2.2.0", "2026-02-23 14:00:00", &["Slack alerts"]),
                (
                    "2.1.0",
                    "2025-05-12 09:00:00",
                    &["Baselines per hour of the week"],
                ),
            ],
            config: notify_email,
        },
        Spec {
            id: AppId::Num(1511),
            name: "Route Failover Manager",
            category: "Routing",
            publisher: "ConnexCS",
            summary: "Move traffic to a backup carrier when the primary fails",
            about: [
                "Route Failover Manager watches SIP responses from your carriers and, after \
                 repeated failures, moves traffic to the backup you named until the primary \
                 recovers.",
                "Every switch is logged with the responses that caused it.",
            ],
            features: &["Failure thresholds per carrier", "Automatic fail-back"],
            installs: 1904,
            releases: &[
                (
                    "1.2.0",
                    "2025-10-20 10:00:00",
                    &["Fail-back waits 5 minutes of health"],
                ),
                (
                    "1.1.0",
                    "2025-01-06 09:00:00",
                    &["503 and 480 counted separately"],
                ),
                ("1.0.0", "2024-05-02 12:00:00", &["First release"]),
            ],
            config: no_config,
        },
        Spec {
            id: AppId::Num(1514),
            name: "Time-of-Day Routing",
            category: "Routing",
            publisher: "Routewise",
            summary: "Route DIDs differently in and out of business hours",
            about: [
                "Time-of-Day Routing sends calls to a DID to one destination during business \
                 hours and another outside them, following each customer's time zone.",
                "Public holidays come from the Holiday Calendar app when it is installed.",
            ],
            features: &["Per-customer time zones", "Holiday Calendar aware"],
            installs: 655,
            releases: &[(
                "1.0.1",
                "2025-08-04 09:00:00",
                &["Fixed daylight-saving change day"],
            )],
            config: customer_only,
        },
    ]
}

fn crm() -> Vec<Spec> {
    vec![
        Spec {
            id: AppId::Num(1601),
            name: "HubSpot Call Logger",
            category: "CRM",
            publisher: "Pipeworks",
            summary: "Log every call against the matching HubSpot contact",
            about: [
                "HubSpot Call Logger matches each call's number to a HubSpot contact and logs \
                 the call, its duration and its recording link on the contact's timeline.",
                "Unknown numbers can create new contacts if you choose.",
            ],
            features: &["Contact matching by number", "Recording links"],
            installs: 1240,
            releases: &[
                (
                    "2.0.0",
                    "2026-01-26 10:00:00",
                    &["HubSpot private apps replace API keys"],
                ),
                (
                    "1.8.0",
                    "2025-04-14 09:00:00",
                    &["Create contacts for unknown numbers"],
                ),
            ],
            config: || vec![field("access_token", "Private App Token", "secret")],
        },
        Spec {
            id: AppId::Num(1604),
            name: "Salesforce Connector",
            category: "CRM",
            publisher: "Pipeworks",
            summary: "Click to call from Salesforce and log calls as tasks",
            about: [
                "Salesforce Connector adds click-to-call to phone fields in Salesforce and \
                 logs each call as a completed task on the record.",
                "It uses OAuth; no passwords are stored.",
            ],
            features: &[
                "Click to call from any phone field",
                "Calls logged as tasks",
            ],
            installs: 980,
            releases: &[
                (
                    "3.1.0",
                    "2025-11-17 11:00:00",
                    &["Lightning console support"],
                ),
                ("3.0.0", "2025-03-03 10:00:00", &["OAuth sign-in"]),
                ("2.4.0", "2024-08-12 09:00:00", &["Call notes field"]),
            ],
            config: || vec![field("instance_url", "Instance URL", "text")],
        },
        Spec {
            id: AppId::Num(1607),
            name: "Zendesk Caller Pop",
            category: "CRM",
            publisher: "Pipeworks",
            summary: "Open the caller's Zendesk tickets when the phone rings",
            about: [
                "Zendesk Caller Pop looks up the caller in Zendesk and opens their open tickets \
                 on the agent's screen while the phone is still ringing.",
                "A new ticket is offered when there is none.",
            ],
            features: &["Screen pop on ring", "New ticket offered"],
            installs: 430,
            releases: &[(
                "1.1.0",
                "2025-06-16 09:00:00",
                &["Works with Zendesk's new agent UI"],
            )],
            config: api_key_only,
        },
        Spec {
            id: AppId::Uuid("4c8f1a9e-0b6d-4e27-a3f5-d81e2c7b5940"),
            name: "Pipedrive Sync",
            category: "CRM",
            publisher: "Pipeworks",
            summary: "Two-way sync of customers and Pipedrive organisations",
            about: [
                "Pipedrive Sync keeps your ConnexCS customers and Pipedrive organisations in \
                 step: names, contacts and balances in both directions.",
                "Conflicts are shown for you to resolve rather than overwritten.",
            ],
            features: &["Two-way sync", "Conflict review"],
            installs: 211,
            releases: &[
                (
                    "0.8.0",
                    "2025-12-15 10:00:00",
                    &["Balances shown on organisations"],
                ),
                ("0.7.0", "2025-05-19 10:00:00", &["Conflict review screen"]),
            ],
            config: api_key_only,
        },
    ]
}

fn reporting() -> Vec<Spec> {
    vec![
        Spec {
            id: AppId::Num(1701),
            name: "CDR Export to S3",
            category: "Reporting",
            publisher: "Datapipe Labs",
            summary: "Copy CDRs to an S3 bucket every hour as compressed CSV",
            about: [
                "CDR Export to S3 writes each hour's call detail records to an S3 bucket as \
                 gzip-compressed CSV, ready for your data warehouse.",
                "Any S3-compatible store works.",
            ],
            features: &["Hourly files", "Gzip CSV", "S3-compatible stores"],
            installs: 760,
            releases: &[
                (
                    "2.0.0",
                    "2026-04-20 09:00:00",
                    &["Parquet output as an option"],
                ),
                (
                    "1.3.0",
                    "2025-07-28 09:00:00",
                    &["Custom endpoint for S3-compatible stores"],
                ),
                ("1.2.0", "2024-12-09 09:00:00", &["Files named by UTC hour"]),
            ],
            config: || {
                vec![
                    field("bucket", "Bucket", "text"),
                    field("access_key", "Access Key", "text"),
                    field("secret_key", "Secret Key", "secret"),
                ]
            },
        },
        Spec {
            id: AppId::Num(1704),
            name: "Daily Margin Report",
            category: "Reporting",
            publisher: "ConnexCS",
            summary: "E-mail yesterday's revenue, cost and margin by customer",
            about: [
                "Daily Margin Report e-mails a summary of yesterday's traffic every morning: \
                 revenue, cost and margin per customer and per carrier.",
                "Negative-margin routes are highlighted at the top.",
            ],
            features: &[
                "Per-customer and per-carrier margin",
                "Negative margins first",
            ],
            installs: 2045,
            releases: &[
                (
                    "1.5.0",
                    "2025-09-01 06:00:00",
                    &["Margins in the customer's currency"],
                ),
                (
                    "1.4.0",
                    "2025-01-27 06:00:00",
                    &["Negative-margin routes first"],
                ),
                (
                    "1.3.0",
                    "2024-06-17 06:00:00",
                    &["Weekly summary on Mondays"],
                ),
            ],
            config: notify_email,
        },
        Spec {
            id: AppId::Num(1709),
            name: "Carrier Quality Dashboard",
            category: "Reporting",
            publisher: "Routewise",
            summary: "ASR, ACD and PDD per carrier on one page",
            about: [
                "Carrier Quality Dashboard charts answer rate, call length and post-dial delay \
                 for each carrier over the last day, week and month.",
                "Compare two carriers on the same destination side by side.",
            ],
            features: &["ASR, ACD and PDD charts", "Side-by-side comparison"],
            installs: 1377,
            releases: &[
                ("2.4.0", "2026-03-02 10:00:00", &["Post-dial delay chart"]),
                ("2.3.0", "2025-06-09 10:00:00", &["Monthly view"]),
            ],
            config: no_config,
        },
        Spec {
            id: AppId::Num(1712),
            name: "Grafana Metrics Bridge",
            category: "Reporting",
            publisher: "Datapipe Labs",
            summary: "Expose switch metrics in Prometheus format for Grafana",
            about: [
                "Grafana Metrics Bridge publishes concurrent calls, calls per second and \
                 registrations in Prometheus format, ready to scrape into Grafana.",
                "A starter dashboard is included.",
            ],
            features: &["Prometheus endpoint", "Starter Grafana dashboard"],
            installs: 598,
            releases: &[("1.0.0", "2025-10-06 09:00:00", &["First release"])],
            config: || vec![field("scrape_token", "Scrape Token", "secret")],
        },
    ]
}

fn fraud() -> Vec<Spec> {
    vec![
        Spec {
            id: AppId::Num(1801),
            name: "IRSF Guard",
            category: "Fraud",
            publisher: "Sentinel Telecom",
            summary: "Block calls to high-risk international premium ranges",
            about: [
                "IRSF Guard blocks calls to number ranges known for international revenue \
                 share fraud, using a list updated several times a day.",
                "Blocked attempts are logged and the customer can be suspended automatically \
                 after a burst.",
            ],
            features: &[
                "Updated high-risk ranges",
                "Automatic suspension after a burst",
            ],
            installs: 2630,
            releases: &[
                ("3.0.0", "2026-05-25 09:00:00", &["Ranges updated hourly"]),
                (
                    "2.6.0",
                    "2025-08-11 09:00:00",
                    &["Suspension threshold per customer"],
                ),
                (
                    "2.5.0",
                    "2025-01-13 09:00:00",
                    &["Allow-list for known destinations"],
                ),
                ("2.4.0", "2024-04-08 09:00:00", &["Burst detection"]),
            ],
            config: notify_email,
        },
        Spec {
            id: AppId::Num(1806),
            name: "Wangiri Shield",
            category: "Fraud",
            publisher: "Sentinel Telecom",
            summary: "Stop call-back scams from one-ring missed calls",
            about: [
                "Wangiri Shield spots waves of one-ring calls from premium ranges and blocks \
                 call-backs to those numbers for the next 72 hours.",
                "Customers are told which call-backs were stopped.",
            ],
            features: &["One-ring wave detection", "72-hour call-back block"],
            installs: 1115,
            releases: &[
                ("1.2.0", "2025-11-24 09:00:00", &["Customer notices"]),
                (
                    "1.1.0",
                    "2025-02-17 09:00:00",
                    &["Waves detected across customers"],
                ),
            ],
            config: no_config,
        },
        Spec {
            id: AppId::Num(1811),
            name: "Traffic Pumping Detector",
            category: "Fraud",
            publisher: "Sentinel Telecom",
            summary: "Flag inbound traffic patterns typical of access stimulation",
            about: [
                "Traffic Pumping Detector looks for sudden floods of long calls to a small set \
                 of DIDs, the pattern of access stimulation schemes.",
                "Suspicious DIDs are tagged for review.",
            ],
            features: &["Flood detection per DID", "Review tags"],
            installs: 304,
            releases: &[("0.6.0", "2025-09-15 09:00:00", &["Preview release"])],
            config: no_config,
        },
        Spec {
            id: AppId::Uuid("c17e5d08-93a2-4b4f-b0c6-6a2f8e1d9b73"),
            name: "STIR/SHAKEN Attestation Checker",
            category: "Fraud",
            publisher: "Callerlens",
            summary: "Report the attestation level your outbound calls receive",
            about: [
                "STIR/SHAKEN Attestation Checker samples outbound calls to the US and reports \
                 the attestation level (A, B or C) they arrive with.",
                "Calls arriving with C are grouped by CLI so you can fix the cause.",
            ],
            features: &["Attestation sampling", "C-level calls grouped by CLI"],
            installs: 489,
            releases: &[
                ("1.1.0", "2026-02-02 09:00:00", &["Weekly trend e-mail"]),
                ("1.0.0", "2025-04-07 09:00:00", &["First release"]),
            ],
            config: notify_email,
        },
    ]
}

fn utilities() -> Vec<Spec> {
    let mut specs = vec![balance_alerts()];
    specs.extend(utilities_by_others());
    specs
}

/// The account's own app: published by the sandbox company, so the client shows it as owned.
fn balance_alerts() -> Spec {
    Spec {
        id: AppId::Num(BALANCE_ALERTS_ID),
        name: "Balance Alerts",
        category: "Utilities",
        publisher: "Sandbox Telecom Ltd",
        summary: "E-mail customers and your NOC when a balance runs low",
        about: [
            "Balance Alerts e-mails a customer when their balance falls below a threshold, and \
             copies your NOC when it falls below zero.",
            "Built in-house by Sandbox Telecom for its own customers, and published for anyone \
             who wants the same.",
        ],
        features: &["Two thresholds: warning and zero", "NOC copied below zero"],
        installs: 37,
        releases: &[
            (
                "1.2.0",
                "2026-06-22 09:00:00",
                &["Threshold in the customer's currency"],
            ),
            ("1.1.0", "2025-11-10 09:00:00", &["NOC copy below zero"]),
            ("1.0.0", "2025-08-18 09:00:00", &["First release"]),
        ],
        config: || {
            vec![
                field("threshold", "Warning Threshold", "number").default("25"),
                field("noc_email", "NOC E-mail", "email").optional(),
            ]
        },
    }
}

fn utilities_by_others() -> Vec<Spec> {
    vec![
        Spec {
            id: AppId::Num(1902),
            name: "Webhook Relay",
            category: "Utilities",
            publisher: "Datapipe Labs",
            summary: "Send call and payment events to your own webhooks",
            about: [
                "Webhook Relay posts a JSON event to your URL when a call ends, a payment \
                 completes or a customer's balance changes.",
                "Each request is signed so you can check it came from us.",
            ],
            features: &["Signed requests", "Retries for 24 hours"],
            installs: 1421,
            releases: &[
                ("2.1.0", "2026-01-05 09:00:00", &["Balance change events"]),
                ("2.0.0", "2025-03-24 09:00:00", &["HMAC signatures"]),
            ],
            config: || {
                vec![
                    field("url", "Webhook URL", "text")
                        .pattern("^https://", "The URL must start with https://"),
                    field("signing_secret", "Signing Secret", "secret"),
                ]
            },
        },
        Spec {
            id: AppId::Num(1905),
            name: "Slack Notifier",
            category: "Utilities",
            publisher: "Pipeworks",
            summary: "Post alerts and daily summaries to a Slack channel",
            about: [
                "Slack Notifier posts platform alerts, failed payments and a daily traffic \
                 summary to the Slack channel you choose.",
                "Each kind of message can go to a different channel.",
            ],
            features: &["Channel per message kind", "Daily summary"],
            installs: 1660,
            releases: &[
                ("1.7.0", "2025-10-27 09:00:00", &["Failed payment alerts"]),
                (
                    "1.6.0",
                    "2025-02-03 09:00:00",
                    &["Channel per message kind"],
                ),
                ("1.5.0", "2024-07-01 09:00:00", &["Daily summary"]),
            ],
            config: || vec![field("webhook_url", "Incoming Webhook URL", "secret")],
        },
        Spec {
            id: AppId::Num(1908),
            name: "Bulk Customer Import",
            category: "Utilities",
            publisher: "ConnexCS",
            summary: "Create customers, SIP users and DIDs from one spreadsheet",
            about: [
                "Bulk Customer Import reads a CSV or XLSX file and creates customers, their SIP \
                 users and DIDs in one go, checking every row first.",
                "Rows with errors are reported by line number; nothing is created until the \
                 whole file is clean.",
            ],
            features: &[
                "CSV and XLSX",
                "All-or-nothing import",
                "Errors by line number",
            ],
            installs: 2312,
            releases: &[
                ("2.2.0", "2026-04-13 09:00:00", &["XLSX files"]),
                ("2.1.0", "2025-06-02 09:00:00", &["All-or-nothing import"]),
                ("2.0.0", "2024-10-28 09:00:00", &["SIP users and DIDs"]),
            ],
            config: no_config,
        },
        Spec {
            id: AppId::Num(1911),
            name: "Holiday Calendar",
            category: "Utilities",
            publisher: "Routewise",
            summary: "Public holidays by country for routing and reports",
            about: [
                "Holiday Calendar keeps public holidays for more than 100 countries, for other \
                 apps to read when they route calls or plan campaigns.",
                "Add your own company holidays on top.",
            ],
            features: &["100+ countries", "Company holidays"],
            installs: 812,
            releases: &[("2026.1.0", "2026-01-02 09:00:00", &["2026 holidays"])],
            config: no_config,
        },
        Spec {
            id: AppId::Num(1914),
            name: "Voicemail to E-mail",
            category: "Utilities",
            publisher: "Dialwise",
            summary: "Send each voicemail to e-mail as an MP3 with a transcript",
            about: [
                "Voicemail to E-mail sends each new voicemail to the mailbox owner as an MP3 \
                 attachment, with a transcript in the message body.",
                "Transcripts are available in English, Afrikaans, French and German.",
            ],
            features: &["MP3 attachment", "Transcripts in four languages"],
            installs: 1975,
            releases: &[
                ("1.9.0", "2025-12-01 09:00:00", &["Afrikaans transcripts"]),
                ("1.8.0", "2025-05-05 09:00:00", &["Transcripts"]),
            ],
            config: customer_only,
        },
        Spec {
            id: AppId::Num(1917),
            name: "Customer Portal Branding",
            category: "Utilities",
            publisher: "ConnexCS",
            summary: "Your logo, colours and domain on the Customer Portal",
            about: [
                "Customer Portal Branding puts your logo and colours on the Customer Portal and \
                 serves it from your own domain.",
                "A preview shows the result before customers see it.",
            ],
            features: &["Logo and colours", "Custom domain", "Preview"],
            installs: 3120,
            releases: &[
                ("1.3.0", "2025-08-25 09:00:00", &["Dark mode colours"]),
                ("1.2.0", "2024-12-16 09:00:00", &["Custom domain"]),
            ],
            config: no_config,
        },
        Spec {
            id: AppId::Num(1920),
            name: "Call Recording Vault",
            category: "Utilities",
            publisher: "Datapipe Labs",
            summary: "Keep call recordings for years in cheap storage",
            about: [
                "Call Recording Vault moves recordings older than 30 days to low-cost storage \
                 and keeps them searchable for as long as your retention policy says.",
                "Recordings are encrypted at rest.",
            ],
            features: &["Retention policies", "Encrypted at rest"],
            installs: 690,
            releases: &[("1.0.0", "2025-11-03 09:00:00", &["First release"])],
            config: || vec![field("retention_days", "Retention (days)", "number").default("365")],
        },
        Spec {
            id: AppId::Num(1923),
            name: "Low Credit Auto Suspend",
            category: "Utilities",
            publisher: "Ledgerline",
            summary: "Suspend customers who pass their debit limit, and lift it on top-up",
            about: [
                "Low Credit Auto Suspend suspends a customer as soon as their balance passes \
                 the debit limit, and lifts the suspension when a top-up brings it back.",
                "Each suspension is e-mailed to the customer and to you.",
            ],
            features: &["Automatic suspend and lift", "E-mail on each change"],
            installs: 455,
            releases: &[
                (
                    "1.1.0",
                    "2026-03-23 09:00:00",
                    &["Grace period of up to an hour"],
                ),
                ("1.0.0", "2025-07-14 09:00:00", &["First release"]),
            ],
            config: notify_email,
        },
        Spec {
            id: AppId::Num(1926),
            name: "Business Hours IVR",
            category: "Utilities",
            publisher: "Dialwise",
            summary: "A simple menu for callers, with a different greeting after hours",
            about: [
                "Business Hours IVR answers a DID with a menu of up to nine options and plays a \
                 different greeting outside business hours.",
                "Greetings can be recorded by phone or uploaded.",
            ],
            features: &["Nine-option menu", "After-hours greeting"],
            installs: 1083,
            releases: &[
                (
                    "2.0.1",
                    "2025-09-22 09:00:00",
                    &["Fixed menu timeout on option 9"],
                ),
                (
                    "2.0.0",
                    "2025-03-31 09:00:00",
                    &["Record greetings by phone"],
                ),
            ],
            config: customer_only,
        },
        Spec {
            id: AppId::Num(1929),
            name: "Fax to E-mail",
            category: "Utilities",
            publisher: "Numberhub",
            summary: "Receive faxes on a DID as PDF attachments",
            about: [
                "Fax to E-mail answers fax calls on your DIDs and sends each received fax as a \
                 PDF to the address you choose.",
                "T.38 and G.711 pass-through are both supported.",
            ],
            features: &["PDF attachments", "T.38 support"],
            installs: 366,
            releases: &[("1.0.3", "2024-11-18 09:00:00", &["Fixed multi-page faxes"])],
            config: notify_email,
        },
    ]
}
