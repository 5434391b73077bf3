// Results of Spam Score checks, as a table: score, what it means, when, and the change since
// the check before; each row can open its DID's chart.
import type { CheckResult } from "../../bindings/calltools/CheckResult";
import { Badge, type BadgeTone } from "../../components/Badge";
import { Button } from "../../components/Button";

function tone(score: number | null): BadgeTone {
  if (score === null) {
    return "neutral";
  }
  if (score < 20) {
    return "success";
  }
  return score < 50 ? "neutral" : "warning";
}

export function changeText(change: number | null): string {
  if (change === null) {
    return "first check";
  }
  if (change === 0) {
    return "no change";
  }
  return change > 0 ? `+${change}` : `−${Math.abs(change)}`;
}

export function ResultsTable(props: {
  results: CheckResult[];
  testId: string;
  onChart: (result: CheckResult) => void;
}) {
  return (
    <div class="table-wrap">
      <table class="table" data-testid={props.testId}>
        <thead>
          <tr>
            <th scope="col">DID</th>
            <th scope="col" class="num">Score</th>
            <th scope="col">Result</th>
            <th scope="col">Checked (UTC)</th>
            <th scope="col" class="num">Change</th>
            <th scope="col"><span class="sr-only">Chart</span></th>
          </tr>
        </thead>
        <tbody>
          {props.results.map((result, index) => (
            <tr key={`${result.did_id}-${result.checked_at}-${index}`} data-testid="spam-result"
              data-did={result.did_id}>
              <th scope="row" class="mono">+{result.did.replace(/^\+/, "")}</th>
              <td class="num mono">{result.score ?? "—"}</td>
              <td>
                <Badge tone={tone(result.score)}>{result.label}</Badge>
                {result.ftc_reported && <> <Badge tone="warning">Reported to the FTC</Badge></>}
              </td>
              <td class="nowrap">{result.checked_at}</td>
              <td class={`num mono ${(result.change ?? 0) > 0 ? "spam-worse" : ""}`}>
                {changeText(result.change)}</td>
              <td class="table-actions">
                <Button size="sm" variant="ghost" testId="spam-chart-button"
                  onClick={() => props.onChart(result)}>Chart</Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
