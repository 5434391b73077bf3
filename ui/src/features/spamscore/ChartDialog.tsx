// One DID's score over time, from the results kept on this computer.
import { useEffect, useState } from "preact/hooks";

import type { CheckResult } from "../../bindings/calltools/CheckResult";
import type { ScorePoint } from "../../bindings/calltools/ScorePoint";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { describeError } from "../../errors";
import { useAction } from "../../state/action";
import { spamApi } from "./api";
import { ScoreChart } from "./Chart";

export function ChartDialog(props: { result: CheckResult; onClose: () => void }) {
  const [points, setPoints] = useState<ScorePoint[] | null>(null);
  const action = useAction();
  useEffect(() => {
    void action.run(() => spamApi.chart(props.result.did_id), setPoints);
  }, [props.result.did_id]);
  const did = `+${props.result.did.replace(/^\+/, "")}`;
  return (
    <Dialog title={`Spam score of ${did}`} size="lg" busy={false} onClose={props.onClose}
      onSubmit={props.onClose} testId="spam-chart-dialog"
      footer={<Button type="submit" variant="primary">Close</Button>}>
      {points !== null && <ScoreChart did={did} points={points} />}
      {action.error !== null && <Alert>{describeError(action.error)}</Alert>}
    </Dialog>
  );
}
