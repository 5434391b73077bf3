// Every Spam Score result kept on this computer, newest first, with a chart per DID and the
// table exported as CSV.
import { useEffect, useState } from "preact/hooks";

import type { CheckResult } from "../../bindings/calltools/CheckResult";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { describeError } from "../../errors";
import { useAction } from "../../state/action";
import { spamApi } from "./api";
import { ChartDialog } from "./ChartDialog";
import { ResultsTable } from "./Results";

export function HistoryPage() {
  const [results, setResults] = useState<CheckResult[] | null>(null);
  const [chartOf, setChartOf] = useState<CheckResult | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const load = useAction();
  const exporting = useAction();
  useEffect(() => {
    void load.run(() => spamApi.history(), setResults);
  }, []);

  return (
    <div class="spam" data-testid="spam-history">
      <div class="section-head">
        <div>
          <h2 class="section-title">History</h2>
          <p class="muted">Every check made from this computer, newest first.</p>
        </div>
        <Button icon="arrow" busy={exporting.busy} disabled={(results ?? []).length === 0}
          testId="spam-export" onClick={() => void exporting.run(() => spamApi.exportCsv(), setExported)}>
          Export CSV</Button>
      </div>
      {exported !== null && (
        <div data-testid="spam-exported"><Alert tone="info">Saved {exported}</Alert></div>
      )}
      {exporting.error !== null && <Alert>{describeError(exporting.error)}</Alert>}
      {load.error !== null && <Alert>{describeError(load.error)}</Alert>}
      {results !== null && results.length === 0 && (
        <EmptyState icon="info" title="No checks yet">
          Select DIDs on the DIDs page and press Spam Score; every result is kept here.
        </EmptyState>
      )}
      {results !== null && results.length > 0 && (
        <ResultsTable results={results} testId="spam-history-table" onChart={setChartOf} />
      )}
      {chartOf !== null && <ChartDialog result={chartOf} onClose={() => setChartOf(null)} />}
    </div>
  );
}
