//! The hosted checkout page a `redirectUrl` points to: the payer sees the lines and the total,
//! and can Pay, Cancel, or let the checkout expire. Plain HTML forms, so a browser, a webview
//! or a test's HTTP client can drive it alike.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde_json::{json, Value};

use super::state::{Checkout, Yoco};
use super::webhooks;

/// `GET /yoco/pay/{id}`: opening the page starts the checkout.
pub(crate) async fn show(State(yoco): State<Arc<Yoco>>, Path(id): Path<String>) -> Response {
    let mut inner = yoco.lock();
    let Some(checkout) = inner.checkouts.get_mut(&id) else {
        return page(
            StatusCode::NOT_FOUND,
            "Checkout not found",
            "<p>No such checkout.</p>",
        );
    };
    if checkout.status == "created" {
        checkout.status = "started".to_owned();
    }
    let body = format!(
        "{}{}",
        summary(checkout),
        if is_open(checkout) {
            buttons(&id)
        } else {
            closed(checkout)
        }
    );
    page(StatusCode::OK, "Yoco checkout", &body)
}

/// `POST /yoco/pay/{id}/{pay|cancel|expire}`.
pub(crate) async fn act(
    State(yoco): State<Arc<Yoco>>,
    Path((id, action)): Path<(String, String)>,
) -> Response {
    let (outcome, event) = {
        let mut inner = yoco.lock();
        let payment_id = inner.new_id("p_");
        let Some(checkout) = inner.checkouts.get_mut(&id) else {
            return page(
                StatusCode::NOT_FOUND,
                "Checkout not found",
                "<p>No such checkout.</p>",
            );
        };
        if !is_open(checkout) {
            let text = format!(
                "<p id=\"outcome\">This checkout is already {}.</p>",
                checkout.status
            );
            return page(StatusCode::CONFLICT, "Checkout closed", &text);
        }
        match action.as_str() {
            "pay" => {
                checkout.status = "processing".to_owned();
                checkout.payment_id = Some(payment_id.clone());
                checkout.settling = true;
                let (owner, event) = payment_event(checkout, &payment_id);
                ("paid", Some((owner, event)))
            }
            "cancel" => {
                checkout.status = "cancelled".to_owned();
                ("cancelled", None)
            }
            "expire" => {
                checkout.status = "expired".to_owned();
                ("expired", None)
            }
            _ => {
                return page(
                    StatusCode::NOT_FOUND,
                    "Unknown action",
                    "<p>Unknown action.</p>",
                )
            }
        }
    };
    if let Some((owner, event)) = event {
        let targets = webhooks::targets(&yoco.lock(), &owner);
        webhooks::deliver(yoco.clone(), targets, event);
    }
    let text = format!("<p id=\"outcome\" data-outcome=\"{outcome}\">Checkout {outcome}. You can close this page.</p>");
    page(StatusCode::OK, "Yoco checkout", &text)
}

fn is_open(checkout: &Checkout) -> bool {
    matches!(checkout.status.as_str(), "created" | "started")
}

fn payment_event(checkout: &Checkout, payment_id: &str) -> (String, Value) {
    let mut metadata = checkout.request["metadata"].clone();
    if !metadata.is_object() {
        metadata = json!({});
    }
    metadata["checkoutId"] = json!(checkout.id);
    let payload = json!({
        "id": payment_id,
        "amount": checkout.amount,
        "currency": "ZAR",
        "status": "succeeded",
        "mode": if checkout.live { "live" } else { "test" },
        "metadata": metadata,
    });
    (
        checkout.owner.clone(),
        json!({"type": "payment.succeeded", "payload": payload}),
    )
}

fn rand_text(cents: i64) -> String {
    format!("R{}.{:02}", cents / 100, cents % 100)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn summary(checkout: &Checkout) -> String {
    let lines: String = checkout.request["lineItems"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|item| {
            let name = escape(item["displayName"].as_str().unwrap_or("Item"));
            let price = item["pricingDetails"]["price"].as_i64().unwrap_or_default();
            format!(
                "<tr><td>{name}</td><td class=\"n\">{}</td></tr>",
                rand_text(price)
            )
        })
        .collect();
    let mode = if checkout.live { "LIVE" } else { "TEST" };
    format!(
        "<p class=\"mode\">{mode} mode</p><table>{lines}<tr class=\"total\"><td>Total</td>\
         <td class=\"n\" id=\"total\">{}</td></tr></table>",
        rand_text(checkout.amount)
    )
}

fn buttons(id: &str) -> String {
    let form = |action: &str, label: &str| {
        format!(
            "<form method=\"post\" action=\"/yoco/pay/{id}/{action}\">\
             <button id=\"{action}\" type=\"submit\">{label}</button></form>"
        )
    };
    format!(
        "<div class=\"actions\">{}{}{}</div>",
        form("pay", "Pay"),
        form("cancel", "Cancel"),
        form("expire", "Let it expire")
    )
}

fn closed(checkout: &Checkout) -> String {
    format!(
        "<p id=\"outcome\">This checkout is {}.</p>",
        checkout.status
    )
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title><style>\
         body{{font-family:sans-serif;max-width:26rem;margin:3rem auto;color:#1d2939}}\
         table{{width:100%;border-collapse:collapse}}td{{padding:.4rem 0;border-bottom:1px solid #ddd}}\
         .n{{text-align:right}}.total td{{font-weight:bold}}.mode{{color:#b54708;font-weight:bold}}\
         .actions{{display:flex;gap:.5rem;margin-top:1rem}}button{{padding:.5rem 1rem}}\
         </style></head><body><h1>{title}</h1>{body}\
         <p><small>Sandbox stand-in for Yoco's hosted checkout.</small></p></body></html>"
    );
    (status, Html(html)).into_response()
}
