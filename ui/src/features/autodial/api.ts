// The typed surface of the Auto Dial commands (Config and Start pages). Every failure arrives
// as a thrown `AppError`.
import { Channel, invoke } from "@tauri-apps/api/core";

import type { CallResult } from "../../bindings/autodial/CallResult";
import type { DialableList } from "../../bindings/autodial/DialableList";
import type { JobProgress } from "../../bindings/autodial/JobProgress";
import type { JobRequest } from "../../bindings/autodial/JobRequest";
import type { FieldError } from "../../bindings/FieldError";
import type { InstallView } from "../../bindings/InstallView";
import { toAppError } from "../../errors";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw: unknown) {
    throw toAppError(raw);
  }
}

export const autodialApi = {
  configCheck: (values: Record<string, string>, endpointPicked: boolean) =>
    call<FieldError[]>("autodial_config_check", { values, endpoint_picked: endpointPicked }),
  configSave: (installId: string, values: Record<string, string>, endpointPicked: boolean) =>
    call<InstallView>("autodial_config_save", {
      install_id: installId,
      values,
      endpoint_picked: endpointPicked,
    }),

  lists: (installId: string) => call<DialableList[]>("autodial_job_lists", { install_id: installId }),
  jobs: (installId: string) => call<JobProgress[]>("autodial_jobs", { install_id: installId }),
  start: (request: JobRequest) => call<JobProgress>("autodial_job_start", { request }),
  pause: (jobId: number) => call<JobProgress>("autodial_job_pause", { job_id: jobId }),
  resume: (jobId: number) => call<JobProgress>("autodial_job_resume", { job_id: jobId }),
  stop: (jobId: number) => call<JobProgress>("autodial_job_stop", { job_id: jobId }),
  results: (jobId: number, offset: number, limit: number) =>
    call<CallResult[]>("autodial_job_results", { job_id: jobId, offset, limit }),
  exportCsv: (jobId: number) => call<string>("autodial_job_export", { job_id: jobId }),

  /** Calls `listener` with every job's figures as they change; answers the channel to drop. */
  async watch(listener: (progress: JobProgress) => void): Promise<Channel<JobProgress>> {
    const channel = new Channel<JobProgress>();
    channel.onmessage = listener;
    await call<null>("autodial_job_watch", { on_progress: channel });
    return channel;
  },
};
