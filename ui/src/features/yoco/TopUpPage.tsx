// Top up: pick a customer, type an amount in rand, see the top-up, the fee on its own line and
// the total, create the checkout, hand its page to the payer (browser, link or QR code), and
// follow it live until it is paid and recorded on the customer.
import { useEffect, useMemo, useState } from "preact/hooks";

import type { InstallView } from "../../bindings/InstallView";
import type { PayableCustomer } from "../../bindings/yoco/PayableCustomer";
import type { QuoteView } from "../../bindings/yoco/QuoteView";
import type { TopUpView } from "../../bindings/yoco/TopUpView";
import type { YocoSettings } from "../../bindings/yoco/YocoSettings";
import { Alert } from "../../components/Alert";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Combobox } from "../../components/Combobox";
import { Field } from "../../components/Field";
import { describeError, fieldErrors, formAlert } from "../../errors";
import { useAction, useFieldErrors } from "../../state/action";
import { newAttempt, rand, STATE_LABELS, yocoApi } from "./api";
import { ModeBadge } from "./ModeBadge";

export function TopUpPage({ install }: { install: InstallView }) {
  const [customers, setCustomers] = useState<PayableCustomer[] | null>(null);
  const [customer, setCustomer] = useState("");
  const [amount, setAmount] = useState("");
  const [quote, setQuote] = useState<QuoteView | null>(null);
  const [quoteError, setQuoteError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(newAttempt);
  const [current, setCurrent] = useState<TopUpView | null>(null);
  const [settings, setSettings] = useState<YocoSettings | null>(null);
  const load = useAction();
  const start = useAction();
  const shown = useFieldErrors(start.error);

  useEffect(() => {
    void load.run(() => yocoApi.customers(), setCustomers);
    yocoApi.settings(install.id).then(setSettings, () => setSettings(null));
    void yocoApi.watch((view) => setCurrent((now) => (now?.id === view.id ? view : now)));
  }, [install.id]);

  useEffect(() => {
    setAttempt(newAttempt());
    if (amount.trim() === "") {
      setQuote(null);
      setQuoteError(null);
      return;
    }
    const timer = setTimeout(() => {
      yocoApi.quote(install.id, amount).then(
        (q) => { setQuote(q); setQuoteError(null); },
        (error) => { setQuote(null); setQuoteError(fieldErrors(error)["amount"] ?? describeError(error)); },
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [amount, customer, install.id]);

  const payable = useMemo(
    () => (customers ?? []).filter((c) => c.payable).map((c) => ({ value: c.id, label: c.name })),
    [customers],
  );
  const hidden = (customers ?? []).length - payable.length;
  const create = () => void start.run(
    () => yocoApi.start(install.id, { attempt, customer_id: customer, amount }),
    setCurrent,
  );
  const again = () => { setCurrent(null); setAmount(""); setAttempt(newAttempt()); };
  const alert = formAlert(start.error, ["customer_id", "amount"]);

  if (current !== null) {
    return <CheckoutPanel view={current} onUpdate={setCurrent} onAgain={again} />;
  }
  return (
    <form class="yoco-topup" data-testid="yoco-topup"
      onSubmit={(event) => { event.preventDefault(); create(); }}>
      <div class="section-head">
        <div>
          <h2 class="section-title">Top up a customer by card</h2>
          <p class="muted">The payer pays on Yoco's page; the top-up is recorded on the customer
            once Yoco says it is paid.</p>
        </div>
        {settings?.key != null && <ModeBadge mode={settings.key.mode} />}
      </div>
      {settings !== null && settings.missing.length > 0 && (
        <Alert tone="warning">Finish the settings first ({settings.missing.join(", ")}):
          open <a href={`#/install/${install.id}/config`}>Settings</a>.</Alert>
      )}
      {load.error !== null && <Alert>{describeError(load.error)}</Alert>}
      <Field label="Customer" required error={shown.errors["customer_id"]}
        help={hidden > 0 ? `Yoco takes rand only: ${hidden} customers billed in other currencies are not listed.` : null}>
        {(ids) => (
          <Combobox id={ids.input} describedBy={ids.describedBy} invalid={ids.invalid} required
            options={customers === null ? null : payable} value={customer} allowCustom={false}
            placeholder="Choose, or type to search" testId="config-field-customer_id"
            onChange={(value) => { setCustomer(value); shown.edited("customer_id"); }} />
        )}
      </Field>
      <Field label="Amount (rand)" required error={shown.errors["amount"] ?? quoteError ?? undefined}
        help="At least R2.00, with at most two decimals: 150 or 270.85.">
        {(ids) => (
          <input id={ids.input} class={`input yoco-amount${ids.invalid ? " is-invalid" : ""}`}
            inputMode="decimal" value={amount} aria-describedby={ids.describedBy}
            data-testid="yoco-amount" placeholder="0.00"
            onInput={(e) => { setAmount(e.currentTarget.value); shown.edited("amount"); }} />
        )}
      </Field>
      {quote !== null && (
        <table class="yoco-lines" data-testid="yoco-quote">
          <tbody>
            <tr><td>Top-up (credited to the customer)</td><td class="num">{rand(quote.quote.top_up)}</td></tr>
            <tr><td>Service fee ({quote.surcharge_text})</td>
              <td class="num" data-testid="yoco-fee">{rand(quote.quote.fee)}</td></tr>
            <tr class="yoco-total"><td>Total charged to the card</td>
              <td class="num" data-testid="yoco-total">{rand(quote.quote.total)}</td></tr>
          </tbody>
        </table>
      )}
      {alert !== null && <Alert>{alert}</Alert>}
      <div class="actions">
        <Button type="submit" variant="primary" busy={start.busy} testId="yoco-create"
          disabled={customer === "" || quote === null}>Create checkout</Button>
      </div>
    </form>
  );
}

function CheckoutPanel(props: { view: TopUpView; onUpdate: (v: TopUpView) => void; onAgain: () => void }) {
  const { view } = props;
  const [qr, setQr] = useState<string | null>(null);
  const check = useAction();
  const open = useAction();
  const waiting = view.state === "awaiting_payment" || view.state === "creating" || view.state === "paid";

  useEffect(() => {
    if (view.redirect_url !== null && qr === null) {
      yocoApi.qr(view.id).then(setQr, () => setQr(null));
    }
  }, [view.redirect_url]);

  return (
    <div class="yoco-checkout" data-testid="yoco-checkout" data-state={view.state}>
      <div class="section-head">
        <div>
          <h2 class="section-title">{rand(view.total)} for {view.customer_name}</h2>
          <p class="muted">Top-up {rand(view.top_up)} + service fee {rand(view.fee)}</p>
        </div>
        <ModeBadge mode={view.mode} />
      </div>
      <p class="yoco-state">
        <Badge tone={view.state === "recorded" ? "success" : waiting ? "accent" : "neutral"}
          testId="yoco-state">{STATE_LABELS[view.state] ?? view.state}</Badge>
        {view.checkout_status !== null && <span class="muted"> Yoco: {view.checkout_status}</span>}
      </p>
      {view.state === "recorded" && (
        <Alert tone="info">Paid and recorded: {rand(view.top_up)} added to {view.customer_name}'s
          balance (Yoco payment {view.payment_id}).</Alert>
      )}
      {view.error !== null && <Alert tone={view.state === "failed" ? "error" : "warning"}>{view.error}</Alert>}
      {view.redirect_url !== null && waiting && (
        <div class="yoco-handoff">
          {qr !== null && (
            // The SVG is drawn by the app itself (the qrcode crate), from the checkout's address.
            <div class="yoco-qr" data-testid="yoco-qr" dangerouslySetInnerHTML={{ __html: qr }} />
          )}
          <div>
            <p>Hand the payer this page, or open it here:</p>
            <p><code class="yoco-link" data-testid="yoco-link">{view.redirect_url}</code></p>
            <div class="actions">
              <Button variant="primary" busy={open.busy} testId="yoco-open"
                onClick={() => void open.run(() => yocoApi.openCheckout(view.id), () => {})}>
                Open in browser</Button>
              <Button busy={check.busy} testId="yoco-check-now"
                onClick={() => void check.run(() => yocoApi.check(view.id), props.onUpdate)}>
                Check now</Button>
            </div>
            <p class="muted">Checked automatically every few seconds until paid, cancelled or expired.</p>
          </div>
        </div>
      )}
      {open.error !== null && <Alert>{describeError(open.error)}</Alert>}
      {check.error !== null && <Alert>{describeError(check.error)}</Alert>}
      <ol class="yoco-events" data-testid="yoco-events">
        {view.events.map((event, n) => (
          <li key={n}><span class="muted">{event.at}</span> {STATE_LABELS[event.state] ?? event.state}
            {event.note !== null && <span class="muted"> · {event.note}</span>}</li>
        ))}
      </ol>
      {!waiting && (
        <div class="actions">
          <Button variant="primary" testId="yoco-again" onClick={props.onAgain}>New top-up</Button>
        </div>
      )}
    </div>
  );
}
