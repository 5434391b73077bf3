// Test or Live, shown wherever money is involved.
import type { Mode } from "../../bindings/yoco/Mode";
import { Badge } from "../../components/Badge";

export function ModeBadge({ mode }: { mode: Mode }) {
  return mode === "live" ? (
    <Badge tone="success" title="A live key: real cards are charged" testId="yoco-mode">
      Live: real money</Badge>
  ) : (
    <Badge tone="warning" title="A test key: no money moves" testId="yoco-mode">
      Test mode: no money moves</Badge>
  );
}
