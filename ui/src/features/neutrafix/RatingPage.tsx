// Rating: which prefix of a seller's card rates a number (the longest that matches), at what
// price, and what a call of a given length costs with that rule's billing intervals.
import { useEffect, useState } from "preact/hooks";

import type { Rating } from "../../bindings/neutrafix/Rating";
import type { InstallView } from "../../bindings/InstallView";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { Field } from "../../components/Field";
import { describeError } from "../../errors";
import { useAction } from "../../state/action";
import { intervals, nxApi, usd } from "./api";
import { LoginFirst, useAccount } from "./shared";

export function RatingPage({ install }: { install: InstallView }) {
  const [account] = useAccount();
  if (account === null) {
    return <p class="muted">Loading…</p>;
  }
  return account.state === "logged_in" ? <RatingForm /> : <LoginFirst install={install} />;
}

function RatingForm() {
  const [sellers, setSellers] = useState<string[]>([]);
  const [seller, setSeller] = useState("");
  const [number, setNumber] = useState("");
  const [seconds, setSeconds] = useState("61");
  const [rating, setRating] = useState<Rating | null>(null);
  const action = useAction();

  useEffect(() => {
    nxApi.purchases().then((all) => {
      const names = [...new Set(all.filter((p) => p.state === "provisioned").map((p) => p.route.seller))];
      setSellers(names);
      setSeller(names[0] ?? "");
    }, () => setSellers([]));
  }, []);
  const rate = () => void action.run(
    () => nxApi.rate({ number, seller, seconds: Math.max(0, Math.floor(Number(seconds) || 0)) }),
    setRating,
    () => setRating(null),
  );
  return (
    <div class="nx" data-testid="nx-rating">
      <form class="nx-panel nx-inline-form" onSubmit={(e) => { e.preventDefault(); rate(); }}>
        <Field label="Card in use" required>
          {(ids) => (
            <select id={ids.input} class="input" value={seller} data-testid="nx-rate-seller"
              onChange={(e) => setSeller((e.target as HTMLSelectElement).value)}>
              {sellers.length === 0 && <option value="">No seller card yet</option>}
              {sellers.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          )}
        </Field>
        <Field label="Number" required help="International format, e.g. +44 20 7946 0000">
          {(ids) => <input id={ids.input} class="input" value={number} inputMode="tel"
            data-testid="nx-rate-number" onInput={(e) => setNumber((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Call length (seconds)">
          {(ids) => <input id={ids.input} class="input" type="number" min="0" value={seconds}
            data-testid="nx-rate-seconds" onInput={(e) => setSeconds((e.target as HTMLInputElement).value)} />}
        </Field>
        <Button type="submit" variant="primary" busy={action.busy} disabled={seller === ""}
          testId="nx-rate-go">Rate</Button>
      </form>
      {action.error !== null && <Alert>{describeError(action.error)}</Alert>}
      {rating !== null && (
        <section class="nx-panel" data-testid="nx-rating-result">
          <dl class="nx-facts">
            <dt>Number</dt><dd class="mono">{rating.number}</dd>
            <dt>Rated by prefix</dt>
            <dd class="mono" data-testid="nx-rated-prefix">{rating.prefix} <span class="muted">({rating.description || rating.source}; longest of {rating.card_size} prefixes on {rating.seller}'s card)</span></dd>
            <dt>Price</dt><dd class="mono" data-testid="nx-rated-price">{usd(rating.tariff.price_1)} / min, then {usd(rating.tariff.price_n)} / min</dd>
            <dt>Billing intervals</dt><dd>{intervals(rating.tariff)} s</dd>
            <dt>A {rating.call.seconds} s call</dt>
            <dd class="mono" data-testid="nx-rated-cost">bills {rating.call.billed_seconds} s and costs ${rating.call.cost.toFixed(6)}</dd>
          </dl>
        </section>
      )}
    </div>
  );
}
