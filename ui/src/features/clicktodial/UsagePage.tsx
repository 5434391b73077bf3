// How an outside system calls the app's `send` function, with a ready command line for this
// install, a Test call through that same route, and the tel:/callto: links the app handles.
import { useEffect, useState } from "preact/hooks";

import type { CallPlaced } from "../../bindings/calltools/CallPlaced";
import type { DialView } from "../../bindings/calltools/DialView";
import type { InstallView } from "../../bindings/InstallView";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { Field } from "../../components/Field";
import { describeError, fieldErrors } from "../../errors";
import { useAction } from "../../state/action";
import { dialApi } from "./api";
import { CopyButton } from "./Copy";

export function UsagePage({ install }: { install: InstallView }) {
  const [view, setView] = useState<DialView | null>(null);
  const load = useAction();
  useEffect(() => {
    void load.run(() => dialApi.view(install.id), setView);
  }, [install.id]);

  if (view === null) {
    return load.error === null
      ? <div class="table-skeleton" aria-busy="true" />
      : <Alert>{describeError(load.error)}</Alert>;
  }
  return (
    <div class="c2d" data-testid="c2d-usage">
      <section class="c2d-panel">
        <h2 class="section-title">Calling from another system</h2>
        <p class="muted">POST a JSON body with the customer's <code>api_key</code> and the
          <code> phone</code> number (E.164) to this install's <code>send</code> function. No
          Control Panel login is needed: the key is the gate, so keep it on your server.</p>
        <dl class="c2d-facts">
          <dt>Endpoint</dt>
          <dd><code data-testid="c2d-endpoint">{view.endpoint}</code></dd>
        </dl>
        <pre class="c2d-curl" data-testid="c2d-curl">{view.curl}</pre>
        <div class="actions">
          <CopyButton text={view.curl} label="Copy the command" testId="c2d-copy-curl" />
        </div>
      </section>
      <TestCall install={install} view={view} />
      <LinksPanel />
    </div>
  );
}

function TestCall({ install, view }: { install: InstallView; view: DialView }) {
  const first = view.rows.find((row) => row.is_default) ?? view.rows[0];
  const [customer, setCustomer] = useState(first?.customer_id ?? "");
  const [phone, setPhone] = useState("");
  const [placed, setPlaced] = useState<CallPlaced | null>(null);
  const action = useAction();
  const errors = fieldErrors(action.error);

  const submit = (event: Event) => {
    event.preventDefault();
    setPlaced(null);
    void action.run(() => dialApi.call(install.id, customer, phone), setPlaced);
  };
  if (view.rows.length === 0) {
    return (
      <section class="c2d-panel">
        <h2 class="section-title">Test call</h2>
        <Alert tone="info">Add a customer on the Config page first; a test call uses its key.</Alert>
      </section>
    );
  }
  return (
    <section class="c2d-panel">
      <h2 class="section-title">Test call</h2>
      <p class="muted">Places a real call through the same route{view.is_sandbox
        ? " (on the sandbox nothing rings)" : ""}: the extension rings first, then the number.</p>
      <form class="c2d-test" onSubmit={submit} noValidate>
        <Field label="Customer">
          {(ids) => (
            <select id={ids.input} class="input" value={customer} data-testid="c2d-test-customer"
              onChange={(e) => setCustomer((e.target as HTMLSelectElement).value)}>
              {view.rows.map((row) => (
                <option key={row.customer_id} value={row.customer_id}>
                  {row.customer_name} · ext {row.extension}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Number to call" error={errors["phone"]}
          help="In international format, e.g. +1 202 555 0147">
          {(ids) => (
            <input id={ids.input} class="input" value={phone} inputMode="tel"
              aria-invalid={ids.invalid} aria-describedby={ids.describedBy}
              data-testid="c2d-test-phone"
              onInput={(e) => setPhone((e.target as HTMLInputElement).value)} />
          )}
        </Field>
        <div class="c2d-test-submit">
          <Button type="submit" variant="primary" busy={action.busy} disabled={phone.trim() === ""}
            testId="c2d-test-call">Test call</Button>
        </div>
      </form>
      {placed !== null && (
        <div data-testid="c2d-test-result">
          <Alert tone="info">Call placed to {placed.phone}: extension {placed.extension} rang
            first{placed.call_id !== null ? `, call id ${placed.call_id}` : ""}.</Alert>
        </div>
      )}
      {action.error !== null && errors["phone"] === undefined && (
        <div data-testid="c2d-test-error"><Alert>{describeError(action.error)}</Alert></div>
      )}
    </section>
  );
}

function LinksPanel() {
  const [link, setLink] = useState("tel:+1-202-555-0147");
  const action = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(() => dialApi.openLink(link), () => undefined);
  };
  return (
    <section class="c2d-panel">
      <h2 class="section-title">tel: and callto: links</h2>
      <p class="muted">This app is registered as the desktop's handler for phone links. A click
        on one anywhere asks which customer places the call (or uses the default) and dials the
        number in E.164. Try a link here as the desktop would hand it over:</p>
      <form class="c2d-link" onSubmit={submit} noValidate>
        <input class="input mono" value={link} aria-label="Link" data-testid="c2d-link-input"
          onInput={(e) => setLink((e.target as HTMLInputElement).value)} />
        <Button type="submit" busy={action.busy} testId="c2d-link-open">Open link</Button>
      </form>
    </section>
  );
}
