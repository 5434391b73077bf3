// History: every top-up with its state and times, filtered by state, text and dates, exported
// as CSV; a top-up's timeline, and refunds of live payments (confirmed first).
import { useEffect, useState } from "preact/hooks";

import type { InstallView } from "../../bindings/InstallView";
import type { HistoryFilter } from "../../bindings/yoco/HistoryFilter";
import type { TopUpState } from "../../bindings/yoco/TopUpState";
import type { TopUpView } from "../../bindings/yoco/TopUpView";
import { Alert } from "../../components/Alert";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { EmptyState } from "../../components/EmptyState";
import { Field } from "../../components/Field";
import { describeError, formAlert } from "../../errors";
import { useAction, useFieldErrors } from "../../state/action";
import { useWorkspace } from "../../state/workspace";
import { newAttempt, rand, STATE_LABELS, yocoApi } from "./api";
import { ModeBadge } from "./ModeBadge";

export function HistoryPage({ install }: { install: InstallView }) {
  const { notify } = useWorkspace();
  const [state, setState] = useState<TopUpState | "">("");
  const [text, setText] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [rows, setRows] = useState<TopUpView[] | null>(null);
  const [open, setOpen] = useState<TopUpView | null>(null);
  const load = useAction();
  const exporting = useAction();

  const filter: HistoryFilter = {
    install_id: install.id, state: state === "" ? null : state, customer_id: null,
    text: text.trim() === "" ? null : text.trim(), from: from === "" ? null : from, to: to === "" ? null : to,
  };
  const reload = () => void load.run(() => yocoApi.history(filter), setRows);
  useEffect(reload, [install.id, state, text, from, to]);
  useEffect(() => { void yocoApi.watch(() => reload()); }, [install.id]);

  const exportCsv = () => void exporting.run(() => yocoApi.exportCsv(filter),
    (path) => notify({ tone: "success", text: `Saved ${path}` }));

  return (
    <div class="yoco-history" data-testid="yoco-history">
      <div class="section-head">
        <div>
          <h2 class="section-title">Top-ups</h2>
          <p class="muted">Every top-up of {install.name}, newest first.</p>
        </div>
        <Button busy={exporting.busy} testId="yoco-export"
          onClick={exportCsv}>Export CSV</Button>
      </div>
      <div class="yoco-filters">
        <select class="input" value={state} aria-label="State" data-testid="yoco-filter-state"
          onChange={(e) => setState(e.currentTarget.value as TopUpState | "")}>
          <option value="">All states</option>
          {Object.entries(STATE_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
        <input class="input" type="search" placeholder="Customer, checkout or payment id"
          value={text} aria-label="Search" onInput={(e) => setText(e.currentTarget.value)} />
        <label class="muted">From <input class="input" type="date" value={from}
          onInput={(e) => setFrom(e.currentTarget.value)} /></label>
        <label class="muted">To <input class="input" type="date" value={to}
          onInput={(e) => setTo(e.currentTarget.value)} /></label>
      </div>
      {load.error !== null && <Alert>{describeError(load.error)}</Alert>}
      {exporting.error !== null && <Alert>{describeError(exporting.error)}</Alert>}
      {rows !== null && rows.length === 0 && (
        <EmptyState icon="search" title="No top-ups here">
          Top-ups appear here as soon as their checkout is made.</EmptyState>
      )}
      {rows !== null && rows.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <thead><tr><th>Created</th><th>Customer</th><th class="num">Top-up</th>
              <th class="num">Fee</th><th class="num">Total</th><th>Mode</th><th>State</th><th>Checkout</th></tr></thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="yoco-row" class="yoco-row" onClick={() => setOpen(row)}>
                  <td>{row.created_at}</td><td>{row.customer_name}</td>
                  <td class="num">{rand(row.top_up)}</td><td class="num">{rand(row.fee)}</td>
                  <td class="num">{rand(row.total)}{row.refunded > 0 && <div class="muted">refunded {rand(row.refunded)}</div>}</td>
                  <td>{row.mode === "live" ? "Live" : "Test"}</td>
                  <td><Badge tone={row.state === "recorded" ? "success" : row.state === "failed" ? "warning" : "neutral"}>
                    {STATE_LABELS[row.state] ?? row.state}</Badge></td>
                  <td><code>{row.checkout_id ?? "—"}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open !== null && (
        <DetailDialog view={open} onClose={() => setOpen(null)}
          onChanged={(view) => { setOpen(view); reload(); }} />
      )}
    </div>
  );
}

function DetailDialog(props: { view: TopUpView; onClose: () => void; onChanged: (v: TopUpView) => void }) {
  const { view } = props;
  const { notify } = useWorkspace();
  const [confirming, setConfirming] = useState(false);
  const [amount, setAmount] = useState("");
  // One attempt per refund the person asks for: a double click repeats it, a later refund is new.
  const [attempt, setAttempt] = useState(newAttempt);
  const refund = useAction();
  const shown = useFieldErrors(refund.error);
  const left = view.total - view.refunded;
  const canRefund = view.mode === "live" && view.state === "recorded" && left > 0;

  const submit = () => {
    if (!confirming) {
      setConfirming(true);
      return;
    }
    void refund.run(
      () => yocoApi.refund({ attempt, top_up_id: view.id, amount: amount.trim() === "" ? null : amount }),
      (done) => {
        notify({ tone: "success", text: "Refunded and recorded." });
        props.onChanged(done);
        setConfirming(false);
        setAmount("");
        setAttempt(newAttempt());
      },
    );
  };

  return (
    <Dialog title={`${rand(view.total)} for ${view.customer_name}`} subtitle={view.checkout_id ?? ""}
      busy={refund.busy} size="md" onClose={props.onClose} onSubmit={submit} testId="yoco-detail"
      footer={<>
        <Button onClick={props.onClose} disabled={refund.busy}>Close</Button>
        {canRefund && (
          <Button type="submit" variant={confirming ? "danger" : "primary"} busy={refund.busy} testId="yoco-refund">
            {confirming ? `Yes, refund ${amount.trim() === "" ? rand(left) : `R${amount.trim()}`}` : "Refund…"}</Button>
        )}
      </>}>
      <p><ModeBadge mode={view.mode} /> <Badge>{STATE_LABELS[view.state] ?? view.state}</Badge></p>
      <ol class="yoco-events">
        {view.events.map((event, n) => (
          <li key={n}><span class="muted">{event.at}</span> {STATE_LABELS[event.state] ?? event.state}
            {event.note !== null && <span class="muted"> · {event.note}</span>}</li>
        ))}
      </ol>
      {view.mode !== "live" && <p class="muted">Test payments take no money, so they cannot be refunded.</p>}
      {canRefund && (
        <Field label="Refund amount (rand)" error={shown.errors["amount"]}
          help={`Empty refunds all that is left (${rand(left)}). The customer's balance loses the top-up part; the fee is refunded last.`}>
          {(ids) => (
            <input id={ids.input} class="input" inputMode="decimal" value={amount}
              aria-describedby={ids.describedBy} placeholder={rand(left)}
              onInput={(e) => { setAmount(e.currentTarget.value); setConfirming(false); shown.edited("amount"); }} />
          )}
        </Field>
      )}
      {confirming && <Alert tone="warning">This refunds the payer's card and takes the top-up back
        off {view.customer_name}'s balance. It cannot be undone.</Alert>}
      {formAlert(refund.error, ["amount"]) !== null && <Alert>{formAlert(refund.error, ["amount"])}</Alert>}
    </Dialog>
  );
}
