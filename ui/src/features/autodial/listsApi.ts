// The typed surface of the Set Numbers commands. Files travel as paths (from the native dialog
// or a drop on the window), never as bytes. Every failure arrives as a thrown `AppError`.
import { Channel, invoke } from "@tauri-apps/api/core";

import type { ListInfo } from "../../bindings/numbers/ListInfo";
import type { ListPreview } from "../../bindings/numbers/ListPreview";
import type { ListSource } from "../../bindings/numbers/ListSource";
import type { ProblemPage } from "../../bindings/numbers/ProblemPage";
import type { Progress } from "../../bindings/numbers/Progress";
import type { ReadOptions } from "../../bindings/numbers/ReadOptions";
import { toAppError } from "../../errors";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw: unknown) {
    throw toAppError(raw);
  }
}

export const listsApi = {
  preview: (source: ListSource, options: ReadOptions) =>
    call<ListPreview>("autodial_list_preview", { source, options }),

  /** Saves the list; `onProgress` hears how far the import has come. */
  save(
    installId: string,
    name: string,
    source: ListSource,
    options: ReadOptions,
    onProgress: (progress: Progress) => void,
  ): Promise<ListInfo> {
    const channel = new Channel<Progress>();
    channel.onmessage = onProgress;
    return call<ListInfo>("autodial_list_save", {
      install_id: installId,
      name,
      source,
      options,
      on_progress: channel,
    });
  },

  lists: (installId: string) => call<ListInfo[]>("autodial_lists", { install_id: installId }),
  problems: (installId: string, listId: number, offset: number, limit: number) =>
    call<ProblemPage>("autodial_list_problems", {
      install_id: installId,
      list_id: listId,
      offset,
      limit,
    }),
  remove: (installId: string, listId: number) =>
    call<null>("autodial_list_delete", { install_id: installId, list_id: listId }),

  /** Asks where to save, then writes; answers the path, or null when the user cancelled. */
  exportRejected: (
    installId: string,
    target: { listId: number } | { source: ListSource; options: ReadOptions },
  ) =>
    call<string | null>("autodial_list_export_rejected", {
      install_id: installId,
      list_id: "listId" in target ? target.listId : null,
      source: "source" in target ? target.source : null,
      options: "options" in target ? target.options : null,
    }),

  pickFile: () => call<string | null>("autodial_list_pick_file"),
};
