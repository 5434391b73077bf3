// Global → DID: the account's DIDs, paged from the platform, with search and filters, select
// all and multi-select, and the Spam Score button that checks the selection (chargeable:
// confirmed first, with the number of DIDs and the report address).
import { useEffect, useState } from "preact/hooks";

import { api } from "../../api";
import type { CheckResult } from "../../bindings/calltools/CheckResult";
import type { DidPage } from "../../bindings/calltools/DidPage";
import type { DidRow } from "../../bindings/calltools/DidRow";
import type { PackageStatus } from "../../bindings/calltools/PackageStatus";
import type { RunProgress } from "../../bindings/calltools/RunProgress";
import type { InstallView } from "../../bindings/InstallView";
import type { PickOption } from "../../bindings/PickOption";
import { Alert } from "../../components/Alert";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { describeError, fieldErrors } from "../../errors";
import { useAction } from "../../state/action";
import { spamApi } from "./api";
import { ChartDialog } from "./ChartDialog";
import { ResultsTable } from "./Results";

const PAGE_SIZE = 15;

interface Filters {
  search: string;
  customer: string;
  tag: string;
}

export function DidsPage({ install }: { install: InstallView }) {
  const [filters, setFilters] = useState<Filters>({ search: "", customer: "", tag: "" });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<DidPage | null>(null);
  const [selected, setSelected] = useState<Map<string, DidRow>>(new Map());
  const [pkg, setPkg] = useState<PackageStatus | null>(null);
  const [customers, setCustomers] = useState<PickOption[]>([]);
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<CheckResult[] | null>(null);
  const [chartOf, setChartOf] = useState<CheckResult | null>(null);
  const load = useAction();

  useEffect(() => {
    spamApi.packageStatus().then(setPkg, () => setPkg(null));
    api.fieldOptions("customer", null).then(setCustomers, () => setCustomers([]));
  }, []);
  useEffect(() => {
    const query = {
      search: filters.search, customer_id: filters.customer || null, tag: filters.tag || null,
      offset, limit: PAGE_SIZE,
    };
    void load.run(() => spamApi.dids(query), setPage);
  }, [filters, offset]);

  const filter = (change: Partial<Filters>) => {
    setFilters({ ...filters, ...change });
    setOffset(0);
  };
  const toggle = (row: DidRow) => {
    const next = new Map(selected);
    if (next.has(row.id)) {
      next.delete(row.id);
    } else {
      next.set(row.id, row);
    }
    setSelected(next);
  };
  const rows = page?.rows ?? [];
  const allOnPage = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const toggleAll = () => {
    const next = new Map(selected);
    rows.forEach((row) => (allOnPage ? next.delete(row.id) : next.set(row.id, row)));
    setSelected(next);
  };

  return (
    <div class="spam" data-testid="spam-dids">
      {pkg !== null && !pkg.present && (
        <div data-testid="spam-package-missing"><Alert tone="warning">{pkg.message}</Alert></div>
      )}
      <div class="spam-toolbar">
        <input class="input spam-search" type="search" placeholder="Search number, destination, tag"
          aria-label="Search DIDs" value={filters.search} data-testid="spam-search"
          onInput={(e) => filter({ search: (e.target as HTMLInputElement).value })} />
        <select class="input" aria-label="Customer" value={filters.customer}
          data-testid="spam-filter-customer"
          onChange={(e) => filter({ customer: (e.target as HTMLSelectElement).value })}>
          <option value="">All customers</option>
          {customers.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
        <input class="input spam-tag" placeholder="Tag" aria-label="Tag" value={filters.tag}
          data-testid="spam-filter-tag"
          onInput={(e) => filter({ tag: (e.target as HTMLInputElement).value.trim() })} />
        <span class="spam-spacer" />
        <span class="muted" data-testid="spam-selected-count">{selected.size} selected</span>
        {selected.size > 0 && (
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Map())}>Clear</Button>
        )}
        <Button variant="primary" disabled={selected.size === 0 || pkg?.present === false}
          testId="spam-run" onClick={() => setRunning(true)}
          title={pkg?.present === false ? "The Spam Score package is not on this account" : undefined}>
          Spam Score</Button>
      </div>
      {results !== null && (
        <section class="spam-results" data-testid="spam-run-results">
          <div class="section-head">
            <h2 class="section-title">Results of this check</h2>
            <Button size="sm" variant="ghost" onClick={() => setResults(null)}>Hide</Button>
          </div>
          <ResultsTable results={results} testId="spam-results-table" onChart={setChartOf} />
        </section>
      )}
      {load.error !== null && <Alert>{describeError(load.error)}</Alert>}
      <DidTable rows={rows} selected={selected} allOnPage={allOnPage} busy={load.busy}
        onToggle={toggle} onToggleAll={toggleAll} />
      <div class="spam-pager">
        <Button size="sm" disabled={offset === 0 || load.busy} testId="spam-prev"
          onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>Previous</Button>
        <span class="muted">
          {rows.length === 0 ? "No DIDs" : `${offset + 1}–${offset + rows.length}`}</span>
        <Button size="sm" disabled={page?.has_more !== true || load.busy} testId="spam-next"
          onClick={() => setOffset(offset + PAGE_SIZE)}>Next</Button>
      </div>
      {running && (
        <RunDialog install={install} dids={[...selected.values()]}
          onClose={() => setRunning(false)}
          onDone={(done) => {
            setRunning(false);
            setResults(done);
            void load.run(() => spamApi.dids({
              search: filters.search, customer_id: filters.customer || null,
              tag: filters.tag || null, offset, limit: PAGE_SIZE,
            }), setPage);
          }} />
      )}
      {chartOf !== null && <ChartDialog result={chartOf} onClose={() => setChartOf(null)} />}
    </div>
  );
}

function DidTable(props: {
  rows: DidRow[];
  selected: Map<string, DidRow>;
  allOnPage: boolean;
  busy: boolean;
  onToggle: (row: DidRow) => void;
  onToggleAll: () => void;
}) {
  return (
    <div class="table-wrap" aria-busy={props.busy}>
      <table class="table spam-table" data-testid="spam-did-table">
        <thead>
          <tr>
            <th scope="col" class="check">
              <input type="checkbox" aria-label="Select every DID on this page"
                checked={props.allOnPage} onChange={props.onToggleAll}
                data-testid="spam-select-all" />
            </th>
            <th scope="col">DID</th>
            <th scope="col">Customer</th>
            <th scope="col">Tags</th>
            <th scope="col" class="num">Score</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.id} data-testid="spam-did-row" data-did={row.id}
              class={props.selected.has(row.id) ? "is-selected" : ""}>
              <td class="check">
                <input type="checkbox" aria-label={`Select ${row.did}`}
                  checked={props.selected.has(row.id)} onChange={() => props.onToggle(row)}
                  data-testid="spam-select" />
              </td>
              <th scope="row" class="mono">{row.did}</th>
              <td>{row.customer_name ?? <span class="muted">Unassigned</span>}</td>
              <td>{row.tags.map((tag) => <span key={tag} class="spam-tag-chip">{tag}</span>)}</td>
              <td class="num mono">{row.spam_score ?? "—"}</td>
              <td>{row.spam_score === null
                ? <span class="muted">Not checked</span>
                : <Badge tone={row.spam_score < 20 ? "success" : row.spam_score < 50 ? "neutral" : "warning"}>
                  {row.label}</Badge>}
                {row.ftc_reported && <> <Badge tone="warning">FTC</Badge></>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunDialog(props: {
  install: InstallView;
  dids: DidRow[];
  onClose: () => void;
  onDone: (results: CheckResult[]) => void;
}) {
  const [email, setEmail] = useState("");
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const action = useAction();
  const errors = fieldErrors(action.error);
  useEffect(() => {
    spamApi.settings(props.install.id).then((s) => setEmail((e) => e || s.report_email), () => undefined);
  }, [props.install.id]);

  const count = props.dids.length;
  const submit = () => {
    setProgress(null);
    void action.run(
      () => spamApi.run(props.install.id, props.dids.map((d) => d.id), email, setProgress),
      props.onDone,
    );
  };
  const pct = progress === null || progress.total === 0 ? 0 : (100 * progress.done) / progress.total;
  return (
    <Dialog title="Run Spam Score" subtitle="This service is chargeable" busy={action.busy}
      onClose={props.onClose} onSubmit={submit} testId="spam-run-dialog"
      footer={<>
        <Button onClick={props.onClose} disabled={action.busy}>Cancel</Button>
        <Button type="submit" variant="primary" busy={action.busy} testId="spam-run-confirm">
          Check {count} DID{count === 1 ? "" : "s"}</Button>
      </>}>
      <p class="confirm-text" data-testid="spam-run-count">
        {count} DID{count === 1 ? "" : "s"} will be checked and charged for:{" "}
        <span class="mono">{props.dids.slice(0, 6).map((d) => d.did).join(", ")}
          {count > 6 ? ` and ${count - 6} more` : ""}</span>.
      </p>
      <Field label="Send the report to" required error={errors["email"]}
        help="The address is remembered for the next check.">
        {(ids) => (
          <input id={ids.input} class="input" type="email" value={email}
            aria-invalid={ids.invalid} aria-describedby={ids.describedBy}
            data-testid="spam-run-email" disabled={action.busy}
            onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
        )}
      </Field>
      {action.busy && progress !== null && (
        <div class="spam-progress" data-testid="spam-progress" role="status">
          <div class="spam-progress-bar"><span style={{ width: `${pct}%` }} /></div>
          <p class="muted">{progress.step}{progress.total > 1 ? ` (${progress.done} of ${progress.total})` : ""}…</p>
        </div>
      )}
      {action.error !== null && errors["email"] === undefined && (
        <Alert>{describeError(action.error)}</Alert>
      )}
    </Dialog>
  );
}
