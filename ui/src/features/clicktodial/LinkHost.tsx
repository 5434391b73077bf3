// Phone links the desktop hands to the app: a small host, mounted once beside the app, that
// takes each link, asks which Click-2-Dial install and customer place the call (the default
// chosen), and places it. A refused link is shown with its reason and never dialled.
import { listen } from "@tauri-apps/api/event";
import { render } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";

import { api } from "../../api";
import type { CallPlaced } from "../../bindings/calltools/CallPlaced";
import type { DialLink } from "../../bindings/calltools/DialLink";
import type { DialView } from "../../bindings/calltools/DialView";
import type { InstallView } from "../../bindings/InstallView";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { describeError } from "../../errors";
import { useAction } from "../../state/action";
import { dialApi } from "./api";

const APP_NAME = "click-2-dial";

function LinkHost() {
  const [queue, setQueue] = useState<DialLink[]>([]);
  const take = useCallback(() => {
    dialApi.takeLinks().then((links) => {
      if (links.length > 0) {
        setQueue((current) => [...current, ...links]);
      }
    }, () => undefined);
  }, []);
  useEffect(() => {
    take();
    const stop = listen("dial-link", take);
    return () => void stop.then((unlisten) => unlisten());
  }, [take]);

  const link = queue[0];
  if (link === undefined) {
    return null;
  }
  const next = () => setQueue((current) => current.slice(1));
  return link.phone === null
    ? <RefusedLink reason={link.error ?? "The link is not a phone number."} onClose={next} />
    : <CallLink phone={link.phone} onClose={next} />;
}

function RefusedLink(props: { reason: string; onClose: () => void }) {
  return (
    <Dialog title="Phone link not dialled" size="sm" busy={false} onClose={props.onClose}
      onSubmit={props.onClose} testId="link-refused"
      footer={<Button type="submit" variant="primary">Close</Button>}>
      <Alert>{props.reason}</Alert>
    </Dialog>
  );
}

function CallLink(props: { phone: string; onClose: () => void }) {
  const [installs, setInstalls] = useState<InstallView[] | null>(null);
  const [installId, setInstallId] = useState("");
  const [view, setView] = useState<DialView | null>(null);
  const [customer, setCustomer] = useState("");
  const [placed, setPlaced] = useState<CallPlaced | null>(null);
  const action = useAction();

  useEffect(() => {
    api.installsList().then((list) => {
      const dialers = list.filter((i) => i.app_name.trim().toLowerCase() === APP_NAME);
      setInstalls(dialers);
      setInstallId(dialers[0]?.id ?? "");
    }, () => setInstalls([]));
  }, []);
  useEffect(() => {
    if (installId === "") {
      return;
    }
    dialApi.view(installId).then((loaded) => {
      setView(loaded);
      const chosen = loaded.rows.find((row) => row.is_default) ?? loaded.rows[0];
      setCustomer(chosen?.customer_id ?? "");
    }, () => setView(null));
  }, [installId]);

  const submit = () => {
    if (placed !== null) {
      props.onClose();
      return;
    }
    void action.run(() => dialApi.call(installId, customer, props.phone), setPlaced);
  };
  return (
    <Dialog title={`Call ${props.phone}`} subtitle="A phone link was opened with this app"
      busy={action.busy} onClose={props.onClose} onSubmit={submit} testId="link-call"
      footer={<>
        <Button onClick={props.onClose} disabled={action.busy}>
          {placed === null ? "Cancel" : "Close"}</Button>
        {placed === null && (
          <Button type="submit" variant="primary" busy={action.busy}
            disabled={installId === "" || customer === ""} testId="link-call-submit">
            Call</Button>
        )}
      </>}>
      {installs !== null && installs.length === 0 && (
        <Alert tone="info">Install Click-2-Dial and add a customer to place calls from links.</Alert>
      )}
      {installs !== null && installs.length > 1 && (
        <Field label="Click-2-Dial install">
          {(ids) => (
            <select id={ids.input} class="input" value={installId}
              onChange={(e) => setInstallId((e.target as HTMLSelectElement).value)}>
              {installs.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
          )}
        </Field>
      )}
      {view !== null && (
        <Field label="Customer and extension">
          {(ids) => (
            <select id={ids.input} class="input" value={customer} data-testid="link-call-customer"
              onChange={(e) => setCustomer((e.target as HTMLSelectElement).value)}>
              {view.rows.map((row) => (
                <option key={row.customer_id} value={row.customer_id}>
                  {row.customer_name} · ext {row.extension}{row.is_default ? " (default)" : ""}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {placed !== null && (
        <div data-testid="link-call-result">
          <Alert tone="info">Call placed to {placed.phone}; extension {placed.extension} rang
            first.</Alert>
        </div>
      )}
      {action.error !== null && <Alert>{describeError(action.error)}</Alert>}
    </Dialog>
  );
}

/** Mounts the host once, in its own element beside the app. */
export function mountLinkHost(): void {
  if (typeof document === "undefined" || document.getElementById("dial-link-host") !== null) {
    return;
  }
  const element = document.createElement("div");
  element.id = "dial-link-host";
  document.body.appendChild(element);
  render(<LinkHost />, element);
}
