// What every screen of a signed-in session shares, handed down through one context.
import { createContext } from "preact";
import { useContext } from "preact/hooks";

import type { AppSummary } from "../bindings/AppSummary";
import type { AppVersion } from "../bindings/AppVersion";
import type { Freshness } from "../bindings/Freshness";
import type { InstallView } from "../bindings/InstallView";
import type { SessionView } from "../bindings/SessionView";
import type { InstallsModel } from "./installs";
import type { StoreModel } from "./store";
import type { ToastInput } from "./toasts";

/** The dialogs a screen can open; the workspace shows one at a time. */
export type DialogRequest =
  | { kind: "install"; app: AppSummary; versions: AppVersion[]; version: string | null }
  | { kind: "config"; install: InstallView }
  | {
      kind: "change-version";
      install: InstallView;
      versions: AppVersion[] | null;
      to: string | null;
    }
  | { kind: "remove"; install: InstallView };

export interface Workspace {
  session: SessionView;
  store: StoreModel;
  installs: InstallsModel;
  /** How fresh the data on screen is; `null` before the first answer. */
  freshness: Freshness | null;
  noteFreshness: (freshness: Freshness) => void;
  notify: (toast: ToastInput) => void;
  /** Shows a failure in words (a `signed_out` one also ends the session). */
  fail: (error: unknown) => void;
  openDialog: (dialog: DialogRequest) => void;
  /** The install made a moment ago, for the "Configure now" offer; `null` when none. */
  justInstalled: string | null;
  markJustInstalled: (installId: string | null) => void;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (workspace === null) {
    throw new Error("useWorkspace is used outside a signed-in workspace");
  }
  return workspace;
}
