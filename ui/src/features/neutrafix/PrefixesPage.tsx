// Prefixes: the buyer's own routing prefixes, created and searched at any time, and routed
// over a purchased route: such a prefix joins that route's seller card at the route's price.
import { useEffect, useState } from "preact/hooks";

import type { OwnPrefix } from "../../bindings/neutrafix/OwnPrefix";
import type { PurchaseView } from "../../bindings/neutrafix/PurchaseView";
import type { InstallView } from "../../bindings/InstallView";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { Field } from "../../components/Field";
import { describeError } from "../../errors";
import { useAction } from "../../state/action";
import { useWorkspace } from "../../state/workspace";
import { nxApi, usd } from "./api";
import { LoginFirst, useAccount } from "./shared";

export function PrefixesPage({ install }: { install: InstallView }) {
  const [account] = useAccount();
  if (account === null) {
    return <p class="muted">Loading…</p>;
  }
  return account.state === "logged_in" ? <Prefixes /> : <LoginFirst install={install} />;
}

function Prefixes() {
  const [search, setSearch] = useState("");
  const [list, setList] = useState<OwnPrefix[]>([]);
  const [purchases, setPurchases] = useState<PurchaseView[]>([]);
  const [prefix, setPrefix] = useState("");
  const [note, setNote] = useState("");
  const load = useAction();
  const create = useAction();
  const link = useAction();
  const { notify } = useWorkspace();

  useEffect(() => {
    nxApi.purchases().then((all) => setPurchases(all.filter((p) => p.state === "provisioned")), () => setPurchases([]));
  }, []);
  useEffect(() => void load.run(() => nxApi.prefixes(search), setList), [search]);

  const add = () => void create.run(() => nxApi.createPrefix(prefix, note), (all) => {
    setList(all);
    setPrefix("");
    setNote("");
    notify({ tone: "success", text: `Prefix ${prefix.trim()} added.` });
  });
  return (
    <div class="nx" data-testid="nx-prefixes">
      <form class="nx-panel nx-inline-form" onSubmit={(e) => { e.preventDefault(); add(); }}>
        <Field label="New prefix" required help="Digits only, e.g. 99123">
          {(ids) => <input id={ids.input} class="input" value={prefix} inputMode="numeric"
            data-testid="nx-prefix-new" onInput={(e) => setPrefix((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Note">
          {(ids) => <input id={ids.input} class="input" value={note} data-testid="nx-prefix-note"
            onInput={(e) => setNote((e.target as HTMLInputElement).value)} />}
        </Field>
        <Button type="submit" variant="primary" busy={create.busy} testId="nx-prefix-add">Add prefix</Button>
      </form>
      {create.error !== null && <Alert>{describeError(create.error)}</Alert>}
      <input class="input nx-card-search" type="search" placeholder="Search prefixes and notes"
        aria-label="Search prefixes" value={search} data-testid="nx-prefix-search"
        onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
      {load.error !== null && <Alert>{describeError(load.error)}</Alert>}
      {link.error !== null && <Alert>{describeError(link.error)}</Alert>}
      <div class="table-wrap">
        <table class="table" data-testid="nx-prefix-table">
          <thead><tr><th>Prefix</th><th>Note</th><th>Routed over</th><th>Billed by</th></tr></thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.prefix} data-testid="nx-prefix-row">
                <td class="mono">{p.prefix}</td>
                <td>{p.note}</td>
                <td>
                  <select class="input" value={p.connection_id ?? ""} disabled={link.busy || purchases.length === 0}
                    aria-label={`Route for ${p.prefix}`} data-testid="nx-prefix-route"
                    onChange={(e) => {
                      const id = (e.target as HTMLSelectElement).value;
                      if (id !== "") {
                        void link.run(() => nxApi.associatePrefix(p.prefix, id), setList);
                      }
                    }}>
                    <option value="">{purchases.length === 0 ? "Buy a route first" : "Choose a purchased route"}</option>
                    {purchases.map((r) => (
                      <option key={r.connection_id} value={r.connection_id}>
                        {r.route.seller_route} ({usd(r.route.price_1)})</option>
                    ))}
                  </select>
                </td>
                <td>{p.seller === null ? "–" : `${p.seller}'s card`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.length === 0 && !load.busy && <p class="muted">No prefixes{search ? " match" : " yet"}.</p>}
    </div>
  );
}
