// The typed surface of the DID Spam Score commands (see `src-tauri/commands/spamscore.rs`).
import { Channel } from "@tauri-apps/api/core";

import type { CheckResult } from "../../bindings/calltools/CheckResult";
import type { DidPage } from "../../bindings/calltools/DidPage";
import type { DidQuery } from "../../bindings/calltools/DidQuery";
import type { PackageStatus } from "../../bindings/calltools/PackageStatus";
import type { RunProgress } from "../../bindings/calltools/RunProgress";
import type { ScorePoint } from "../../bindings/calltools/ScorePoint";
import type { SpamSettings } from "../../bindings/calltools/SpamSettings";
import { call } from "../../api";


export const spamApi = {
  packageStatus: () => call<PackageStatus>("spamscore_package"),
  settings: (installId: string) =>
    call<SpamSettings>("spamscore_settings", { install_id: installId }),
  setApiUser: (installId: string, email: string) =>
    call<SpamSettings>("spamscore_set_api_user", { install_id: installId, email }),
  dids: (query: DidQuery) => call<DidPage>("spamscore_dids", { query }),
  run: (installId: string, ids: string[], email: string, onProgress: (p: RunProgress) => void) => {
    const channel = new Channel<RunProgress>();
    channel.onmessage = onProgress;
    return call<CheckResult[]>("spamscore_run", {
      install_id: installId, ids, email, on_progress: channel,
    });
  },
  history: () => call<CheckResult[]>("spamscore_history"),
  chart: (didId: string) => call<ScorePoint[]>("spamscore_chart", { did_id: didId }),
  exportCsv: () => call<string>("spamscore_export_csv"),
};
