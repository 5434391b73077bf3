// Market: the filter panel and the result table. The core holds the fetched market and does
// all filtering and ordering; the table asks it for windows of rows and renders only the rows
// in view, so a hundred thousand routes scroll as smoothly as ten. "Search exchange" fetches
// again (prefix, seller and type applied by the exchange); every other change is applied by
// the core on what was fetched.
import { useEffect, useRef, useState } from "preact/hooks";

import type { MarketFilter } from "../../bindings/neutrafix/MarketFilter";
import type { MarketPage as Page } from "../../bindings/neutrafix/MarketPage";
import type { MarketRow } from "../../bindings/neutrafix/MarketRow";
import type { OrderBy } from "../../bindings/neutrafix/OrderBy";
import type { Route } from "../../bindings/neutrafix/Route";
import type { InstallView } from "../../bindings/InstallView";
import { Alert } from "../../components/Alert";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { describeError } from "../../errors";
import { useAction } from "../../state/action";
import { useWorkspace } from "../../state/workspace";
import { acd, intervals, nxApi, percent, usd } from "./api";
import { LoginFirst, useAccount } from "./shared";

const ROW_HEIGHT = 44;
const BLOCK = 200;
const OVERSCAN = 6;
const ROUTE_TYPES = ["CLI", "Non-CLI", "TDM", "Premium", "SMS"];

const EMPTY_FILTER: MarketFilter = {
  prefix: "", country: "", route_type: "", seller: "", seller_route: "", kind: null,
  min_price: null, max_price: null, order_by: "price", descending: false,
};

const COLUMNS: { title: string; order: OrderBy | null; class: string }[] = [
  { title: "Prefix", order: "prefix", class: "nx-c-prefix" },
  { title: "Price (USD)", order: "price", class: "nx-c-price" },
  { title: "Seller", order: "seller", class: "nx-c-seller" },
  { title: "Type", order: "route_type", class: "nx-c-type" },
  { title: "Destination", order: "destination", class: "nx-c-dest" },
  { title: "Route Information", order: null, class: "nx-c-info" },
  { title: "", order: null, class: "nx-c-buy" },
];

export function MarketPage({ install }: { install: InstallView }) {
  const [account] = useAccount();
  if (account === null) {
    return <p class="muted">Loading…</p>;
  }
  if (account.state !== "logged_in") {
    return <LoginFirst install={install} />;
  }
  return <Market />;
}

function Market() {
  const [filter, setFilter] = useState<MarketFilter>(EMPTY_FILTER);
  const [page, setPage] = useState<Page | null>(null);
  const [fetched, setFetched] = useState<number | null>(null);
  const [buying, setBuying] = useState<Route | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const search = useAction();
  const query = useAction();
  const exporting = useAction();
  const first = useRef(true);

  useEffect(() => {
    void query.run(() => nxApi.marketQuery(filter), setPage);
  }, []);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = window.setTimeout(() => void query.run(() => nxApi.marketQuery(filter), setPage), 150);
    return () => window.clearTimeout(timer);
  }, [filter]);

  const change = (part: Partial<MarketFilter>) => setFilter({ ...filter, ...part });
  const sortBy = (order: OrderBy) =>
    change({ order_by: order, descending: filter.order_by === order ? !filter.descending : false });
  const fetchExchange = () => {
    setFetched(0);
    void search.run(
      () => nxApi.marketSearch(filter, (p) => { if (p.kind === "fetching") setFetched(p.routes); }),
      (answer) => { setFetched(null); setPage(answer); },
      () => setFetched(null),
    );
  };
  const refresh = () => void query.run(() => nxApi.marketQuery(filter), setPage);

  return (
    <div class="nx nx-market" data-testid="nx-market">
      <FilterPanel filter={filter} page={page} onChange={change} busy={search.busy}
        onSearch={fetchExchange} onReset={() => setFilter(EMPTY_FILTER)} />
      <div class="nx-market-bar">
        <span data-testid="nx-market-count">
          {page === null || page.fetched === 0
            ? "Nothing fetched yet"
            : `${page.total.toLocaleString()} of ${page.fetched.toLocaleString()} fetched routes`}
        </span>
        {page?.truncated === true && (
          <Badge tone="warning" title="The exchange had more; narrow the prefix or seller">
            Fetch limit reached</Badge>
        )}
        {page !== null && page.skipped > 0 && (
          <span class="muted" title="Records the exchange sent without a usable prefix">
            {page.skipped} unreadable records skipped</span>
        )}
        {page?.fetched_at && <span class="muted">fetched {page.fetched_at} UTC</span>}
        {fetched !== null && <span class="muted" data-testid="nx-fetch-progress">Fetching… {fetched.toLocaleString()} routes</span>}
        {query.busy && <span class="muted">Filtering…</span>}
        <span class="nx-spacer" />
        <Button size="sm" disabled={page === null || page.total === 0} busy={exporting.busy}
          testId="nx-export" onClick={() => void exporting.run(nxApi.exportCsv, setExported)}>
          Export CSV</Button>
      </div>
      {exported !== null && <div data-testid="nx-exported"><Alert tone="info">Saved {exported}</Alert></div>}
      {[search.error, query.error, exporting.error].map((error, n) =>
        error === null ? null : <Alert key={n}>{describeError(error)}</Alert>)}
      {page !== null && page.fetched === 0 && !search.busy && (
        <Alert tone="info">Set the filters and press Search exchange to fetch routes.</Alert>
      )}
      {page !== null && page.total > 0 && (
        <RouteTable page={page} filter={filter} onSort={sortBy} onBuy={setBuying} />
      )}
      {buying !== null && (
        <PurchaseDialog route={buying} onClose={() => setBuying(null)}
          onDone={() => { setBuying(null); refresh(); }} />
      )}
    </div>
  );
}

function FilterPanel(props: {
  filter: MarketFilter; page: Page | null; busy: boolean;
  onChange: (part: Partial<MarketFilter>) => void; onSearch: () => void; onReset: () => void;
}) {
  const { filter, onChange } = props;
  const text = (key: "prefix" | "country" | "seller" | "seller_route", label: string, list?: string[]) => (
    <label class="nx-filter">
      <span>{label}</span>
      <input class="input" value={filter[key]} data-testid={`nx-filter-${key}`}
        list={list === undefined ? undefined : `nx-list-${key}`}
        onInput={(e) => onChange({ [key]: (e.target as HTMLInputElement).value })} />
      {list !== undefined && (
        <datalist id={`nx-list-${key}`}>{list.map((v) => <option key={v} value={v} />)}</datalist>
      )}
    </label>
  );
  const price = (key: "min_price" | "max_price", label: string) => (
    <label class="nx-filter nx-filter-narrow">
      <span>{label}</span>
      <input class="input" type="number" step="0.0001" min="0" data-testid={`nx-filter-${key}`}
        value={filter[key] ?? ""}
        onInput={(e) => {
          const raw = (e.target as HTMLInputElement).value;
          onChange({ [key]: raw === "" || Number.isNaN(Number(raw)) ? null : Number(raw) });
        }} />
    </label>
  );
  const types = props.page !== null && props.page.route_types.length > 0 ? props.page.route_types : ROUTE_TYPES;
  return (
    <form class="nx-filters" data-testid="nx-filters"
      onSubmit={(e) => { e.preventDefault(); props.onSearch(); }}>
      {text("prefix", "Prefix")}
      {text("country", "Country", props.page?.countries ?? [])}
      <label class="nx-filter">
        <span>Route Type</span>
        <select class="input" value={filter.route_type} data-testid="nx-filter-route_type"
          onChange={(e) => onChange({ route_type: (e.target as HTMLSelectElement).value })}>
          <option value="">Any</option>
          {types.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </label>
      {text("seller", "Seller", props.page?.sellers ?? [])}
      {text("seller_route", "Seller Route", props.page?.seller_routes ?? [])}
      <label class="nx-filter nx-filter-narrow">
        <span>Route</span>
        <select class="input" value={filter.kind ?? ""} data-testid="nx-filter-kind"
          onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value;
            onChange({ kind: v === "voice" || v === "sms" ? v : null });
          }}>
          <option value="">Voice and SMS</option>
          <option value="voice">Voice</option>
          <option value="sms">SMS</option>
        </select>
      </label>
      {price("min_price", "Min Price")}
      {price("max_price", "Max Price")}
      <label class="nx-filter">
        <span>Order By</span>
        <select class="input" value={`${filter.order_by}:${filter.descending ? "desc" : "asc"}`}
          data-testid="nx-filter-order"
          onChange={(e) => {
            const [order, direction] = (e.target as HTMLSelectElement).value.split(":");
            onChange({ order_by: order as OrderBy, descending: direction === "desc" });
          }}>
          <option value="price:asc">Price, lowest first</option>
          <option value="price:desc">Price, highest first</option>
          <option value="prefix:asc">Prefix</option>
          <option value="seller:asc">Seller</option>
          <option value="destination:asc">Destination</option>
          <option value="asr:desc">ASR, best first</option>
          <option value="acd:desc">ACD, longest first</option>
          <option value="capacity:desc">Capacity, largest first</option>
          <option value="effective_from:asc">Effective date</option>
        </select>
      </label>
      <div class="nx-filter-actions">
        <Button type="submit" variant="primary" busy={props.busy} testId="nx-search" icon="search">
          Search exchange</Button>
        <Button variant="ghost" onClick={props.onReset} testId="nx-reset">Clear</Button>
      </div>
    </form>
  );
}

/** Rows by position, fetched from the core a block at a time, for one selection. */
function useRowWindow(page: Page) {
  const [rows, setRows] = useState<Map<number, MarketRow>>(() => new Map(page.rows.map((r) => [r.position, r])));
  const asked = useRef<Set<number>>(new Set([0]));
  useEffect(() => {
    setRows(new Map(page.rows.map((r) => [r.position, r])));
    asked.current = new Set(page.rows.length >= BLOCK || page.rows.length === page.total ? [0] : []);
  }, [page.generation]);
  const need = (from: number, to: number) => {
    for (let block = Math.floor(from / BLOCK); block * BLOCK < Math.min(to, page.total); block++) {
      if (asked.current.has(block)) {
        continue;
      }
      asked.current.add(block);
      nxApi.marketRows(page.generation, block * BLOCK, BLOCK).then((window) => {
        setRows((old) => {
          const next = new Map(old);
          window.rows.forEach((r) => next.set(r.position, r));
          return next;
        });
      }, () => asked.current.delete(block));
    }
  };
  return { rows, need };
}

function RouteTable(props: {
  page: Page; filter: MarketFilter; onSort: (order: OrderBy) => void; onBuy: (route: Route) => void;
}) {
  const { page } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const { rows, need } = useRowWindow(page);

  useEffect(() => {
    const element = viewport.current;
    if (element === null) {
      return;
    }
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    viewport.current?.scrollTo({ top: 0 });
    setScrollTop(0);
  }, [page.generation]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(page.total, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  useEffect(() => need(first, last), [first, last, page.generation]);

  const visible: number[] = [];
  for (let position = first; position < last; position++) {
    visible.push(position);
  }
  return (
    <div class="nx-table" role="table" aria-rowcount={page.total} data-testid="nx-table">
      <div class="nx-row nx-head" role="row">
        {COLUMNS.map((column) => {
          const active = column.order !== null && column.order === props.filter.order_by;
          const arrow = active ? (props.filter.descending ? " ↓" : " ↑") : "";
          return column.order === null
            ? <div key={column.title} class={`nx-cell ${column.class}`} role="columnheader">{column.title}</div>
            : (
              <div key={column.title} class={`nx-cell ${column.class}`} role="columnheader"
                aria-sort={active ? (props.filter.descending ? "descending" : "ascending") : "none"}>
                <button type="button" class={`nx-sort${active ? " is-active" : ""}`}
                  data-testid={`nx-sort-${column.order}`}
                  onClick={() => column.order !== null && props.onSort(column.order)}>
                  {column.title}{arrow}
                </button>
              </div>
            );
        })}
      </div>
      <div class="nx-viewport" ref={viewport} data-testid="nx-viewport"
        onScroll={(e) => setScrollTop((e.target as HTMLDivElement).scrollTop)}>
        <div class="nx-spacer-rows" style={{ height: `${page.total * ROW_HEIGHT}px` }}>
          {visible.map((position) => {
            const row = rows.get(position);
            const top = position * ROW_HEIGHT;
            return row === undefined
              ? <div key={position} class="nx-row nx-loading" style={{ top: `${top}px` }} role="row">Loading…</div>
              : <RouteRow key={position} row={row} top={top} onBuy={props.onBuy} />;
          })}
        </div>
      </div>
    </div>
  );
}

function RouteRow({ row, top, onBuy }: { row: MarketRow; top: number; onBuy: (r: Route) => void }) {
  const r = row.route;
  return (
    <div class="nx-row" role="row" style={{ top: `${top}px` }} data-testid="nx-row"
      data-prefix={r.prefix} data-price={r.price_1}>
      <div class="nx-cell nx-c-prefix mono" role="cell">{r.prefix}</div>
      <div class="nx-cell nx-c-price mono" role="cell">{usd(r.price_1)}</div>
      <div class="nx-cell nx-c-seller" role="cell" title={r.seller_route}>
        <span class="nx-strong">{r.seller}</span><span class="muted nx-small">{r.seller_route}</span>
      </div>
      <div class="nx-cell nx-c-type" role="cell">
        {r.route_type}{r.kind === "sms" && r.route_type.toUpperCase() !== "SMS" ? " · SMS" : ""}
      </div>
      <div class="nx-cell nx-c-dest" role="cell" title={r.description}>
        <span>{r.country}</span><span class="muted nx-small">{r.description}</span>
      </div>
      <div class="nx-cell nx-c-info nx-small" role="cell">
        <span>{intervals(r)} s · ASR {percent(r.daily_asr)} · ACD {acd(r.daily_acd)}</span>
        <span class="muted">cap {r.capacity ?? "–"} · from {r.effective_from || "–"}</span>
      </div>
      <div class="nx-cell nx-c-buy" role="cell">
        {row.purchased
          ? <Badge tone="success">Purchased</Badge>
          : <Button size="sm" disabled={r.forbidden || r.discontinued} testId="nx-buy"
              title={r.forbidden ? "Forbidden by the seller" : undefined}
              onClick={() => onBuy(r)}>Purchase Route</Button>}
      </div>
    </div>
  );
}

function PurchaseDialog(props: { route: Route; onClose: () => void; onDone: () => void }) {
  const r = props.route;
  const action = useAction();
  const { notify } = useWorkspace();
  const buy = () => void action.run(() => nxApi.purchase(r), (bought) => {
    notify({
      tone: "success",
      text: `Bought ${r.seller_route}: its deck of ${bought.deck_rates} rates is on ${r.seller}'s card (${bought.card_id ?? "–"}).`,
    });
    props.onDone();
  });
  return (
    <Dialog title="Purchase route" subtitle={`${r.seller} · ${r.seller_route}`} busy={action.busy}
      onClose={props.onClose} onSubmit={buy} testId="nx-purchase-dialog"
      footer={<>
        <Button variant="ghost" disabled={action.busy} onClick={props.onClose}>Cancel</Button>
        <Button type="submit" variant="primary" busy={action.busy} testId="nx-purchase-confirm">
          Purchase for {usd(r.price_1)}/min</Button>
      </>}>
      <dl class="nx-facts">
        <dt>Prefix</dt><dd><span class="mono">{r.prefix}</span> · {r.description || r.country}</dd>
        <dt>Price</dt><dd class="mono" data-testid="nx-purchase-price">{usd(r.price_1)} first interval, {usd(r.price_n)} after (per minute)</dd>
        <dt>Billing intervals</dt><dd data-testid="nx-purchase-intervals">{intervals(r)} s ({r.interval_1} s first, then {r.interval_n} s steps)</dd>
        <dt>Type</dt><dd>{r.route_type} · {r.kind === "sms" ? "SMS" : "Voice"}</dd>
        <dt>Quality</dt><dd>ASR {percent(r.daily_asr)} · ACD {acd(r.daily_acd)} · capacity {r.capacity ?? "–"}</dd>
        <dt>Effective from</dt><dd>{r.effective_from || "–"}</dd>
      </dl>
      <p class="muted">Buying this route gives you the seller's whole rate deck: its prefixes are
        added to {r.seller}'s rate card on the NeuTrafix carrier of your platform account.</p>
      {action.error !== null && <Alert>{describeError(action.error)}</Alert>}
    </Dialog>
  );
}
