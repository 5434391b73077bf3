// The typed surface of the Tauri commands. Every screen calls the core through `api`; every
// failure arrives as a thrown `AppError`, never as a string or a foreign object.
import { invoke } from "@tauri-apps/api/core";

import type { AccountForm } from "./bindings/AccountForm";
import type { AppError } from "./bindings/AppError";
import type { AppInfo } from "./bindings/AppInfo";
import type { AppPage } from "./bindings/AppPage";
import type { FieldKind } from "./bindings/FieldKind";
import type { InstallRequest } from "./bindings/InstallRequest";
import type { InstallView } from "./bindings/InstallView";
import type { PickOption } from "./bindings/PickOption";
import type { Profile } from "./bindings/Profile";
import type { SessionView } from "./bindings/SessionView";
import type { StoreQuery } from "./bindings/StoreQuery";
import type { StoreView } from "./bindings/StoreView";
import type { VersionChange } from "./bindings/VersionChange";
import { toAppError } from "./errors";

type Args = Record<string, unknown>;
type SignedOutListener = (error: AppError) => void;

const signedOutListeners = new Set<SignedOutListener>();

/** Commands whose `signed_out` is an answer for the sign-in screen, not the end of a session. */
const SESSION_COMMANDS: ReadonlySet<string> = new Set([
  "startup",
  "sign_in",
  "use_sandbox",
  "resume_profile",
  "profiles_list",
  "sign_out",
]);

/**
 * Invokes `command`; a rejection becomes a thrown `AppError` and `signed_out` is announced.
 * Features' own API files call their commands through this too.
 */
export async function call<T>(command: string, args?: Args): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw: unknown) {
    const error = toAppError(raw);
    if (error.code === "signed_out" && !SESSION_COMMANDS.has(command)) {
      signedOutListeners.forEach((listener) => listener(error));
    }
    throw error;
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  startup: () => call<SessionView>("startup"),
  profilesList: () => call<Profile[]>("profiles_list"),
  signIn: (form: AccountForm, password: string) =>
    call<SessionView>("sign_in", { form, password }),
  useSandbox: () => call<SessionView>("use_sandbox"),
  resumeProfile: (profileId: number) =>
    call<SessionView>("resume_profile", { profile_id: profileId }),
  signOut: () => call<null>("sign_out"),

  storeView: (query: StoreQuery) => call<StoreView>("store_view", { query }),
  storeRefresh: (query: StoreQuery) => call<StoreView>("store_refresh", { query }),
  appPage: (appId: string) => call<AppPage>("app_page", { app_id: appId }),

  installsList: () => call<InstallView[]>("installs_list"),
  installApp: (request: InstallRequest) => call<InstallView>("install_app", { request }),
  installConfigure: (installId: string, values: Record<string, string>) =>
    call<InstallView>("install_configure", { install_id: installId, values }),
  installVersionPreview: (installId: string, to: string) =>
    call<VersionChange>("install_version_preview", { install_id: installId, to }),
  installChangeVersion: (installId: string, to: string) =>
    call<InstallView>("install_change_version", { install_id: installId, to }),
  installRemove: (installId: string) => call<null>("install_remove", { install_id: installId }),
  fieldOptions: (kind: FieldKind, customerId: string | null) =>
    call<PickOption[]>("field_options", { kind, customer_id: customerId }),

  openExternal: (url: string) => call<null>("open_external", { url }),
  reportFirstPaint: () => call<null>("report_first_paint"),

  /**
   * Calls `listener` whenever any command answers `signed_out` (the session ended), so the
   * app can return to the sign-in screen from wherever it is. Returns the unsubscribe.
   */
  onSignedOut(listener: SignedOutListener): () => void {
    signedOutListeners.add(listener);
    return () => signedOutListeners.delete(listener);
  },
};
