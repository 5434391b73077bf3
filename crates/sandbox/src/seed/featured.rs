//! The five apps the platform's App Store page describes, with the Config fields the page
//! names for each, several versions apiece, and a later version that changes a field so the
//! client's upgrade path has something to show.

use crate::catalogue::{field, version, App, AppId, ConfigField, Version};
use crate::seed::docs;

/// The ids are fixed: tests and the README refer to them.
pub(crate) const SPAM_SCORE_ID: u64 = 1042;
pub(crate) const AUTONOMOUS_CALLING_ID: u64 = 1187;
pub(crate) const CLICK_2_DIAL_ID: &str = "5b0e8c1d-2f4a-4c9e-9a57-3d61f0b7c2e4";
pub(crate) const YOCO_ID: u64 = 1311;
pub(crate) const NEUTRAFIX_ID: &str = "e2a4f7c0-8b1d-4d3a-b6f2-71c9a0d5e813";

pub(crate) fn apps() -> Vec<App> {
    vec![
        spam_score(),
        autonomous_calling(),
        click_2_dial(),
        yoco(),
        neutrafix(),
    ]
}

fn paragraphs(parts: &[&str]) -> String {
    parts.join("\n\n")
}

fn spam_score() -> App {
    App {
        id: AppId::Num(SPAM_SCORE_ID),
        name: "DID Spam Score",
        summary: "Check the spam reputation of your DIDs and e-mail a report",
        category: "Numbers",
        publisher: "ConnexCS",
        installs: 1532,
        description: paragraphs(&[
            "DID Spam Score looks up the spam reputation of the DIDs on your account and writes \
             the score back to each number, so you can see at a glance which caller IDs carriers \
             and handsets are likely to label as spam.",
            "Select DIDs under Global > DID, press Spam Score, and the app checks every selected \
             number and e-mails a report to the address you give. Numbers reported to the FTC are \
             flagged separately.",
            "This service is chargeable: the Spam Score package must be on your account before \
             the first check. The app signs in to the API as the user whose e-mail address you \
             set in the cx_api_user variable.",
        ]),
        documentation: docs::SPAM_SCORE.to_owned(),
        versions: spam_score_versions(),
    }
}

fn spam_score_versions() -> Vec<Version> {
    let api_user = || {
        field("cx_api_user", "API User Email", "email")
            .help("The e-mail address of the Control Panel user the app signs in as")
    };
    let report_to = field("report_email", "Send Reports To", "email")
        .optional()
        .help("Leave blank to be asked for an address each time");
    vec![
        version(
            "2.0.0",
            "2026-01-15 09:30:00",
            &[
                "Reports can go to a fixed address set in the Config dialog",
                "Scores are refreshed in batches of 50, so large selections no longer time out",
                "FTC-reported numbers are listed first in the report",
                "Requires the Spam Score package; the app now says so instead of failing quietly",
            ],
            vec![api_user(), report_to],
        ),
        version(
            "1.2.0",
            "2025-04-22 14:05:00",
            &[
                "Added the FTC reported flag to each DID",
                "The report e-mail now includes the previous score for comparison",
                "Fixed DIDs with a leading + being skipped",
            ],
            vec![api_user()],
        ),
        version(
            "1.1.0",
            "2024-09-03 11:20:00",
            &[
                "Spam Score button added to Global > DID for the selected numbers",
                "Scores are written back to the DID's spam_score field",
            ],
            vec![api_user()],
        ),
        version(
            "1.0.0",
            "2024-03-12 08:00:00",
            &["First release: check DIDs and e-mail a spam report"],
            vec![api_user()],
        ),
    ]
}

fn autonomous_calling() -> App {
    App {
        id: AppId::Num(AUTONOMOUS_CALLING_ID),
        name: "Autonomous Calling",
        summary: "Dial an uploaded list of numbers automatically from a chosen extension",
        category: "Dialer",
        publisher: "ConnexCS",
        installs: 874,
        description: paragraphs(&[
            "Autonomous Calling dials the numbers on an uploaded list one after another, \
             connecting each answered call to the extension you choose. It adds an Auto Dial \
             entry to the Control Panel's side bar once installed.",
            "Configure it once with the customer the calls are billed to, the outbound server \
             that originates them, the extension that takes the answered calls and the CLI that \
             the called party sees. Then paste the numbers, one per line, in full international \
             format, and press Start.",
            "Each call is placed through the platform's originate function, so the calls appear \
             in the customer's CDRs and are rated like any other traffic.",
        ]),
        documentation: docs::AUTONOMOUS_CALLING.to_owned(),
        versions: autonomous_calling_versions(),
    }
}

/// The four fields the page names; they are the arguments of the platform's `originate`.
fn calling_fields() -> Vec<ConfigField> {
    vec![
        field("customer_id", "Customer", "customer"),
        field("server_alias", "Outbound Server", "server"),
        field("extension", "Endpoint", "sip_user")
            .depends_on("customer_id")
            .pattern(
                "^[0-9]{3,6}$",
                "An extension is 3 to 6 digits, such as 1001",
            ),
        field("cli", "CLI", "phone").help("In full international format, e.g. +12025550123"),
    ]
}

fn calls_per_second(help: &'static str) -> ConfigField {
    field("max_cps", "Max Calls per Second", "number")
        .optional()
        .default("5")
        .pattern(
            "^([1-9]|[1-4][0-9]|50)$",
            "Between 1 and 50 calls per second",
        )
        .help(help)
}

fn autonomous_calling_versions() -> Vec<Version> {
    let with_cps = |help| {
        let mut fields = calling_fields();
        fields.push(calls_per_second(help));
        fields
    };
    vec![
        version(
            "2.1.0",
            "2026-02-09 10:12:00",
            &[
                "Calls that reach voicemail are marked as such, no longer counted as answered",
                "The number list keeps its order after a pause and resume",
                "Max Calls per Second now explains what your carrier allows",
            ],
            with_cps("Most carriers accept 5; ask yours before going above 10"),
        ),
        version(
            "2.0.0",
            "2025-06-30 16:40:00",
            &[
                "New Max Calls per Second setting, 5 by default",
                "Pause and Resume buttons next to Start",
                "Numbers without a country code are rejected with their line number",
            ],
            with_cps("How many new calls the dialer starts each second"),
        ),
        version(
            "1.1.0",
            "2024-11-11 09:00:00",
            &[
                "The Endpoint list now shows only the chosen customer's extensions",
                "Fixed duplicate numbers being dialled twice",
            ],
            calling_fields(),
        ),
        version(
            "1.0.0",
            "2024-05-20 12:30:00",
            &["First release: Auto Dial with Config, Set Numbers and Start"],
            calling_fields(),
        ),
    ]
}

fn click_2_dial() -> App {
    App {
        id: AppId::Uuid(CLICK_2_DIAL_ID),
        name: "Click-2-Dial",
        summary: "Start a phone call from a website, CRM or script with one API request",
        category: "Dialer",
        publisher: "ConnexCS",
        installs: 2210,
        description: paragraphs(&[
            "Click-2-Dial lets an application, a website or any script start a phone call with a \
             single request. The app calls your extension first and, once you answer, calls the \
             number you asked for and bridges the two legs.",
            "Instead of dialling by hand, a button on a web page or a CRM record triggers the \
             call, which is faster and removes mistyped numbers.",
            "Each customer gets its own API key, which guards the endpoint: keep it out of page \
             source and send it only from your server.",
        ]),
        documentation: docs::CLICK_2_DIAL.to_owned(),
        versions: click_2_dial_versions(),
    }
}

fn click_2_dial_versions() -> Vec<Version> {
    let fields = |key_help| {
        vec![
            field("customer_id", "Customer", "customer"),
            field("api_key", "API Key", "secret").help(key_help),
            field("extension", "Extension", "sip_user")
                .depends_on("customer_id")
                .help("The extension that rings first and starts the call"),
        ]
    };
    vec![
        version(
            "1.2.0",
            "2026-04-02 10:00:00",
            &[
                "One API key per customer: + Add a row for each customer with its own extension",
                "Rotating or revoking one customer's key leaves the others working",
                "The send function needs no Control Panel login: the API key is the gate",
            ],
            crate::clicktodial::table_fields(),
        ),
        version(
            "1.1.0",
            "2025-08-14 13:15:00",
            &[
                "The send function answers with a call id you can look up in the CDRs",
                "Keys containing + or / are no longer accepted; generate a new one with + Add",
                "The second leg now waits for the first to be answered before dialling",
            ],
            fields("Generated for each customer when you press + Add; letters, digits, _ and -"),
        ),
        version(
            "1.0.3",
            "2024-10-21 10:00:00",
            &[
                "Fixed numbers with a leading + being rejected",
                "The call now times out after 30 seconds of ringing",
            ],
            fields("Generated for each customer when you press + Add"),
        ),
        version(
            "1.0.0",
            "2024-07-08 09:45:00",
            &["First release: a public send function taking api_key and phone"],
            fields("Generated for each customer when you press + Add"),
        ),
    ]
}

fn yoco() -> App {
    App {
        id: AppId::Num(YOCO_ID),
        name: "Yoco Payments",
        summary: "Let customers top up their balance by card through Yoco, in rand",
        category: "Payments",
        publisher: "ConnexCS",
        installs: 318,
        description: paragraphs(&[
            "Yoco is a payment gateway for South African businesses. This app lets your \
             customers top up their ConnexCS balance by card through a Yoco hosted checkout, \
             and records each completed payment against the customer.",
            "The app authenticates to Yoco with the secret key from your Yoco account (API > \
             Developer > Integration). The key decides whether payments are test or live, and \
             it is account-specific: keep it confidential.",
            "An optional surcharge, a fixed amount in ZAR or a percentage, can be added to each \
             top-up. The payer sees it as its own line before paying.",
        ]),
        documentation: docs::YOCO.to_owned(),
        versions: yoco_versions(),
    }
}

fn yoco_fields(newest: bool) -> Vec<ConfigField> {
    let mut secret = field("secret_key", "Secret Key", "secret").pattern(
        "^sk_(test|live)_[A-Za-z0-9]{16,}$",
        "A Yoco secret key starts sk_test_ or sk_live_ followed by at least 16 letters or digits",
    );
    let mut surcharge = field("surcharge", "Surcharge", "number")
        .optional()
        .default("0");
    if newest {
        secret = secret.help("Yoco > API > Developer > Integration; sk_test_ keys take no money");
        surcharge = surcharge
            .pattern(
                r"^[0-9]+(\.[0-9]{1,2})?$",
                "A positive amount with at most two decimals",
            )
            .help("Shown to the payer as its own line before paying");
    }
    vec![
        field("api_user", "API User", "user"),
        secret,
        field("surcharge_type", "Surcharge Type", "select")
            .options(&[("amount", "Amount (ZAR)"), ("percent", "Percent")])
            .default("amount"),
        surcharge,
    ]
}

fn yoco_versions() -> Vec<Version> {
    vec![
        version(
            "1.3.0",
            "2026-03-10 08:50:00",
            &[
                "Surcharge accepts at most two decimal places",
                "Help text in the Config dialog says where to find the secret key",
                "Refunds of live payments are recorded as negative payments",
            ],
            yoco_fields(true),
        ),
        version(
            "1.2.0",
            "2025-12-01 15:30:00",
            &[
                "Percentage surcharges are rounded half-up to the cent",
                "Cancelled and expired checkouts no longer leave a pending payment",
            ],
            yoco_fields(false),
        ),
        version(
            "1.1.0",
            "2025-07-17 11:00:00",
            &["Optional surcharge, as a fixed amount or a percentage"],
            yoco_fields(false),
        ),
        version(
            "1.0.0",
            "2025-02-03 09:10:00",
            &["First release: card top-ups through Yoco Checkout, in ZAR"],
            yoco_fields(false),
        ),
    ]
}

fn neutrafix() -> App {
    App {
        id: AppId::Uuid(NEUTRAFIX_ID),
        name: "NeuTrafix",
        summary: "Buy wholesale routes on the NeuTrafix exchange and bill them on your own cards",
        category: "Routing",
        publisher: "NeuTrafix",
        installs: 96,
        description: paragraphs(&[
            "NeuTrafix is a marketplace for wholesale voice and SMS routes. Companies sign up, \
             have their registration and shareholder documents verified, and can then search \
             the market by prefix, country, route type, seller and price, and buy routes.",
            "The app connects the exchange to your Control Panel. When you log in or buy a \
             route, a NeuTrafix carrier is created, each seller gets its own rate card on it, \
             and the purchased prefixes are added to the seller's card.",
            "From then on traffic to those prefixes is routed and billed like any other rate \
             card: the assigned seller's prices apply automatically.",
        ]),
        documentation: docs::NEUTRAFIX.to_owned(),
        versions: neutrafix_versions(),
    }
}

/// NeuTrafix's own tooling writes `required` as `1`, a quirk the client must accept.
fn neutrafix_versions() -> Vec<Version> {
    let api_user = || {
        vec![field("api_user", "API User", "user")
            .numeric_required()
            .help("The Control Panel user the app acts as when it creates carriers and cards")]
    };
    vec![
        version(
            "1.2.0",
            "2026-03-30 12:00:00",
            &[
                "Market View filters by voice or SMS",
                "Purchased routes show their tech prefix",
                "Fixed a second NeuTrafix carrier being created after a password change",
            ],
            api_user(),
        ),
        version(
            "1.1.0",
            "2026-01-28 10:30:00",
            &[
                "Minimum and maximum price filters",
                "Order results by price, prefix or seller",
            ],
            api_user(),
        ),
        version(
            "1.0.0",
            "2025-09-22 09:00:00",
            &[
                "Sign up with company registration and shareholder documents",
                "Seller-specific rate cards created on purchase",
            ],
            api_user(),
        ),
        version(
            "0.9.0",
            "2025-05-05 14:45:00",
            &["Preview: market search and route purchase for invited companies"],
            api_user(),
        ),
    ]
}
