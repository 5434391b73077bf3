// Click-2-Dial's Config: one row per customer with its extension and API key. + Add makes a
// key (shown once, with a copy button); Rotate and Revoke each ask first.
import { useEffect, useState } from "preact/hooks";

import { api } from "../../api";
import type { DialRow } from "../../bindings/calltools/DialRow";
import type { DialView } from "../../bindings/calltools/DialView";
import type { NewKey } from "../../bindings/calltools/NewKey";
import type { InstallView } from "../../bindings/InstallView";
import type { PickOption } from "../../bindings/PickOption";
import { Alert } from "../../components/Alert";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Combobox } from "../../components/Combobox";
import { Dialog } from "../../components/Dialog";
import { EmptyState } from "../../components/EmptyState";
import { Field } from "../../components/Field";
import { describeError, formAlert } from "../../errors";
import { useAction, useFieldErrors } from "../../state/action";
import { useWorkspace } from "../../state/workspace";
import { dialApi } from "./api";
import { CopyButton } from "./Copy";

type Pending =
  | { kind: "add" }
  | { kind: "rotate"; row: DialRow }
  | { kind: "revoke"; row: DialRow }
  | { kind: "key"; key: NewKey; rotated: boolean };

export function ConfigPage({ install }: { install: InstallView }) {
  const [view, setView] = useState<DialView | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const load = useAction();
  const rowAction = useAction();
  const { installs } = useWorkspace();

  useEffect(() => {
    void load.run(() => dialApi.view(install.id), setView);
  }, [install.id]);

  const makeDefault = (row: DialRow) =>
    void rowAction.run(() => dialApi.setDefault(install.id, row.customer_id), setView);
  // The install's saved values changed: the sidebar and the Installed list show its state.
  const changed = (next: DialView) => {
    setView(next);
    void installs.reload();
  };
  const keyMade = (key: NewKey, rotated: boolean) => {
    changed(key.view);
    setPending({ kind: "key", key, rotated });
  };

  return (
    <div class="c2d" data-testid="c2d-config">
      <div class="section-head">
        <div>
          <h2 class="section-title">Customers and API keys</h2>
          <p class="muted">Each customer gets its own key; the extension rings first, then the
            number asked for, and the two calls are bridged.</p>
        </div>
        <Button variant="primary" icon="plus" testId="c2d-add"
          disabled={view === null || (!view.per_customer && view.rows.length > 0)}
          onClick={() => setPending({ kind: "add" })}>Add</Button>
      </div>
      {view !== null && !view.per_customer && (
        <Alert tone="info">Version {install.version} keeps a single customer and key. Upgrade to
          1.2.0 or later for one key per customer.</Alert>
      )}
      {load.error !== null && <Alert>{describeError(load.error)}</Alert>}
      {rowAction.error !== null && <Alert>{describeError(rowAction.error)}</Alert>}
      {view === null && load.error === null && <div class="table-skeleton" aria-busy="true" />}
      {view !== null && view.rows.length === 0 && (
        <EmptyState icon="user" title="No customers yet">
          Press Add to pick a customer and its extension; its API key is made on the spot.
        </EmptyState>
      )}
      {view !== null && view.rows.length > 0 && (
        <RowsTable rows={view.rows} busy={rowAction.busy} onDefault={makeDefault}
          onRotate={(row) => setPending({ kind: "rotate", row })}
          onRevoke={(row) => setPending({ kind: "revoke", row })} />
      )}
      {pending?.kind === "add" && (
        <AddDialog install={install} onClose={() => setPending(null)}
          onAdded={(key) => keyMade(key, false)} />
      )}
      {pending?.kind === "rotate" && (
        <ConfirmKeyDialog install={install} row={pending.row} revoke={false}
          onClose={() => setPending(null)}
          onDone={(answer) => keyMade(answer as NewKey, true)} />
      )}
      {pending?.kind === "revoke" && (
        <ConfirmKeyDialog install={install} row={pending.row} revoke
          onClose={() => setPending(null)}
          onDone={(answer) => { changed(answer as DialView); setPending(null); }} />
      )}
      {pending?.kind === "key" && (
        <KeyDialog newKey={pending.key} rotated={pending.rotated}
          onClose={() => setPending(null)} />
      )}
    </div>
  );
}

function RowsTable(props: {
  rows: DialRow[];
  busy: boolean;
  onDefault: (row: DialRow) => void;
  onRotate: (row: DialRow) => void;
  onRevoke: (row: DialRow) => void;
}) {
  return (
    <div class="table-wrap">
      <table class="table" data-testid="c2d-rows">
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Extension</th>
            <th scope="col">API key</th>
            <th scope="col">Links</th>
            <th scope="col"><span class="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.customer_id} data-testid="c2d-row" data-customer={row.customer_id}>
              <th scope="row">{row.customer_name}
                <span class="muted c2d-id"> #{row.customer_id}</span></th>
              <td class="mono">{row.extension}</td>
              <td>{row.has_key
                ? <Badge tone="success">Saved in the keyring</Badge>
                : <Badge tone="warning">Not on this computer</Badge>}</td>
              <td>{row.is_default
                ? <Badge tone="accent">Default</Badge>
                : <Button size="sm" variant="ghost" disabled={props.busy}
                  onClick={() => props.onDefault(row)}>Make default</Button>}</td>
              <td class="table-actions">
                <div class="actions">
                  <Button size="sm" testId="c2d-rotate" onClick={() => props.onRotate(row)}>
                    Rotate</Button>
                  <Button size="sm" variant="ghost" testId="c2d-revoke"
                    onClick={() => props.onRevoke(row)}>Revoke</Button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The customers of the account, or the extensions of one. */
function usePicks(kind: "customer" | "sip_user", customerId: string | null): PickOption[] | null {
  const [list, setList] = useState<PickOption[] | null>(null);
  useEffect(() => {
    if (kind === "sip_user" && (customerId === null || customerId === "")) {
      setList([]);
      return undefined;
    }
    let current = true;
    setList(null);
    api.fieldOptions(kind, customerId).then(
      (options) => current && setList(options),
      () => current && setList([]),
    );
    return () => {
      current = false;
    };
  }, [kind, customerId]);
  return list;
}

function AddDialog(props: {
  install: InstallView;
  onClose: () => void;
  onAdded: (key: NewKey) => void;
}) {
  const [customer, setCustomer] = useState("");
  const [extension, setExtension] = useState("");
  const action = useAction();
  const shown = useFieldErrors(action.error);
  const customers = usePicks("customer", null);
  const extensions = usePicks("sip_user", customer);
  const alert = formAlert(action.error, ["customer_id", "extension"]);

  const submit = () =>
    void action.run(() => dialApi.add(props.install.id, customer, extension), props.onAdded);

  return (
    <Dialog title="Add a customer" subtitle={props.install.name} busy={action.busy}
      onClose={props.onClose} onSubmit={submit} testId="c2d-add-dialog"
      footer={<>
        <Button onClick={props.onClose} disabled={action.busy}>Cancel</Button>
        <Button type="submit" variant="primary" busy={action.busy}
          disabled={customer === "" || extension.trim() === ""} testId="c2d-add-submit">
          Add and make a key</Button>
      </>}>
      <Field label="Customer" required error={shown.errors["customer_id"]}>
        {(ids) => (
          <Combobox id={ids.input} describedBy={ids.describedBy} invalid={ids.invalid} required
            options={customers} value={customer} allowCustom={false}
            placeholder="Choose, or type to search" testId="config-field-customer_id"
            onChange={(value) => { setCustomer(value); setExtension(""); shown.edited("customer_id"); }} />
        )}
      </Field>
      <Field label="Extension" required error={shown.errors["extension"]}
        help="One of the customer's SIP users, or type one: 2 to 32 letters, digits, _ . -">
        {(ids) => (
          <Combobox id={ids.input} describedBy={ids.describedBy} invalid={ids.invalid} required
            options={extensions} value={extension} allowCustom
            placeholder={customer === "" ? "Choose the customer first" : "Pick or type an extension"}
            testId="config-field-extension"
            onChange={(value) => { setExtension(value); shown.edited("extension"); }} />
        )}
      </Field>
      {alert !== null && <Alert>{alert}</Alert>}
    </Dialog>
  );
}

function ConfirmKeyDialog(props: {
  install: InstallView;
  row: DialRow;
  revoke: boolean;
  onClose: () => void;
  onDone: (answer: NewKey | DialView) => void;
}) {
  const action = useAction();
  const { row } = props;
  const submit = () => {
    const task = props.revoke
      ? () => dialApi.revoke(props.install.id, row.customer_id)
      : () => dialApi.rotate(props.install.id, row.customer_id);
    void action.run<NewKey | DialView>(task, props.onDone);
  };
  return (
    <Dialog title={props.revoke ? "Revoke the API key" : "Rotate the API key"} size="sm"
      busy={action.busy} onClose={props.onClose} onSubmit={submit} testId="c2d-confirm"
      footer={<>
        <Button onClick={props.onClose} disabled={action.busy}>Cancel</Button>
        <Button type="submit" variant={props.revoke ? "danger" : "primary"} busy={action.busy}
          testId="c2d-confirm-submit">{props.revoke ? "Revoke" : "Rotate"}</Button>
      </>}>
      <p class="confirm-text">
        {props.revoke
          ? `Revoke the key of ${row.customer_name}? Calls made with it are refused from now on, and the row is removed.`
          : `Make a new key for ${row.customer_name}? The current key stops working at once: anything that uses it must get the new one.`}
      </p>
      {action.error !== null && <Alert>{describeError(action.error)}</Alert>}
    </Dialog>
  );
}

function KeyDialog(props: { newKey: NewKey; rotated: boolean; onClose: () => void }) {
  const key = props.newKey.api_key;
  return (
    <Dialog title={props.rotated ? "The new API key" : "The API key"} busy={false}
      onClose={props.onClose} onSubmit={props.onClose} testId="c2d-key-dialog"
      footer={<Button type="submit" variant="primary" testId="c2d-key-done">Done</Button>}>
      <p>This key is shown once. Copy it into the system that will place calls; it is kept in
        this computer's keyring for test calls, and the platform holds it to check calls.</p>
      <div class="c2d-key">
        <code data-testid="c2d-key-value">{key}</code>
        <CopyButton text={key} label="Copy" testId="c2d-copy-key" />
      </div>
    </Dialog>
  );
}
