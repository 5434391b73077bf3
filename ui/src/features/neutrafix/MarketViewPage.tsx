// Market View: the routes already purchased, with where each stands (bought, card updated),
// its tech prefix and deck, and the seller's rate card as the platform lists it.
import { useEffect, useState } from "preact/hooks";

import type { CardView } from "../../bindings/neutrafix/CardView";
import type { DeckProblem } from "../../bindings/neutrafix/DeckProblem";
import type { LeftOut } from "../../bindings/neutrafix/LeftOut";
import type { PurchaseView } from "../../bindings/neutrafix/PurchaseView";
import type { InstallView } from "../../bindings/InstallView";
import { Alert } from "../../components/Alert";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { describeError } from "../../errors";
import { useAction } from "../../state/action";
import { intervals, nxApi, usd } from "./api";
import { LoginFirst, useAccount } from "./shared";

export function MarketViewPage({ install }: { install: InstallView }) {
  const [account] = useAccount();
  if (account === null) {
    return <p class="muted">Loading…</p>;
  }
  return account.state === "logged_in" ? <Purchases /> : <LoginFirst install={install} />;
}

function Purchases() {
  const [list, setList] = useState<PurchaseView[] | null>(null);
  const [card, setCard] = useState<CardView | null>(null);
  const load = useAction();
  const retry = useAction();
  const cardLoad = useAction();
  const reload = () => void load.run(nxApi.purchases, setList);
  useEffect(reload, []);

  if (list !== null && list.length === 0) {
    return (
      <EmptyState icon="store" title="No routes purchased yet">
        Routes you buy on the Market page are listed here, with their seller's rate card.
      </EmptyState>
    );
  }
  return (
    <div class="nx" data-testid="nx-market-view">
      {load.error !== null && <Alert>{describeError(load.error)}</Alert>}
      {retry.error !== null && <Alert>{describeError(retry.error)}</Alert>}
      <div class="table-wrap">
        <table class="table" data-testid="nx-purchases">
          <thead><tr>
            <th>Seller route</th><th>Seller</th><th>Prefix bought</th><th>Price</th><th>Intervals</th>
            <th>Tech prefix</th><th>Deck</th><th>Status</th><th />
          </tr></thead>
          <tbody>
            {(list ?? []).map((p) => (
              <tr key={p.connection_id} data-testid="nx-purchase-row">
                <td>{p.route.seller_route}<div class="muted nx-small">{p.route.route_type} · {p.kind ?? "voice"}</div></td>
                <td>{p.route.seller}</td>
                <td class="mono">{p.route.prefix}<div class="muted nx-small">{p.route.country}</div></td>
                <td class="mono">{usd(p.route.price_1)}</td>
                <td>{intervals(p.route)}</td>
                <td class="mono">{p.tech_prefix ?? "–"}</td>
                <td>{p.deck_rates} prefixes
                  <LeftOutRows problems={p.deck_problems} />
                </td>
                <td><StatusBadge purchase={p} /></td>
                <td class="table-actions">
                  {p.state === "provisioned"
                    ? <Button size="sm" busy={cardLoad.busy} testId="nx-show-card"
                        onClick={() => void cardLoad.run(() => nxApi.sellerCard(p.route.seller, ""), setCard)}>
                        Rate card</Button>
                    : <Button size="sm" busy={retry.busy} testId="nx-finish-purchase"
                        onClick={() => void retry.run(() => nxApi.purchase(p.route), reload)}>
                        Finish</Button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cardLoad.error !== null && <Alert>{describeError(cardLoad.error)}</Alert>}
      {card !== null && <CardRules card={card} />}
    </div>
  );
}

function StatusBadge({ purchase }: { purchase: PurchaseView }) {
  if (purchase.state === "provisioned") {
    return <Badge tone="success">On card {purchase.card_id}</Badge>;
  }
  const text = purchase.state === "purchased" ? "Bought; card not updated" : "Sent; no answer yet";
  return <Badge tone="warning" title={purchase.error ?? text}>{text}</Badge>;
}

function CardRules({ card }: { card: CardView }) {
  const [search, setSearch] = useState("");
  const shown = card.rules.filter((r) => r.prefix.startsWith(search.trim()) || r.name.toLowerCase().includes(search.trim().toLowerCase()));
  return (
    <section class="nx-panel" data-testid="nx-card">
      <h3 class="nx-panel-title">{card.seller}: rate card <span class="mono">{card.card_id}</span> (revision {card.active_rev}), {card.rules.length} rules on the platform</h3>
      <input class="input nx-card-search" placeholder="Prefix or name" value={search}
        aria-label="Search the card" data-testid="nx-card-search"
        onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
      <div class="table-wrap nx-card-rules">
        <table class="table">
          <thead><tr><th>Prefix</th><th>Name</th><th>Cost / min</th><th>Min. duration</th><th>Pulse</th></tr></thead>
          <tbody>
            {shown.slice(0, 300).map((r) => (
              <tr key={r.prefix} data-testid="nx-card-rule" data-prefix={r.prefix}>
                <td class="mono">{r.prefix}</td><td>{r.name}</td><td class="mono">{usd(r.cost)}</td>
                <td>{r.mcd} s</td><td>{r.pulse} s</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length > 300 && <p class="muted">First 300 of {shown.length}; search to narrow.</p>}
    </section>
  );
}

const LEFT_OUT: Record<LeftOut, [string, string]> = {
  not_yet: ["rate", "rates"],
  replaced: ["older rate", "older rates"],
  refused: ["row refused", "rows refused"],
};
const LEFT_OUT_SUFFIX: Record<LeftOut, string> = {
  not_yet: " announced for later",
  replaced: " replaced",
  refused: "",
};

/** The deck's rows left off the card, by kind ("12 rates announced for later · 3 rows
 * refused"), each line and reason on hover. */
function LeftOutRows({ problems }: { problems: DeckProblem[] }) {
  if (problems.length === 0) {
    return null;
  }
  const kinds: LeftOut[] = ["not_yet", "replaced", "refused"];
  const parts = kinds.flatMap((kind) => {
    const count = problems.filter((d) => d.kind === kind).length;
    const [one, many] = LEFT_OUT[kind];
    return count === 0 ? [] : [`${count} ${count === 1 ? one : many}${LEFT_OUT_SUFFIX[kind]}`];
  });
  return (
    <div class="muted nx-small" data-testid="nx-deck-left-out"
      title={problems.map((d) => `line ${d.line}: ${d.message}`).join("\n")}>
      {parts.join(" · ")} (hover for lines)</div>
  );
}
