// A signed-in session: the shell (sidebar, offline banner, progress line), the routed screen,
// the open dialog and the toasts. Remounted for each session, so nothing leaks between
// accounts.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";

import { api } from "./api";
import type { AppError } from "./bindings/AppError";
import type { Freshness } from "./bindings/Freshness";
import type { SessionView } from "./bindings/SessionView";
import type { StoreView } from "./bindings/StoreView";
import { OfflineBanner } from "./components/OfflineBanner";
import { ProgressLine } from "./components/ProgressLine";
import { Sidebar } from "./components/Sidebar";
import { Toasts } from "./components/Toasts";
import { DialogHost } from "./dialogs/DialogHost";
import { describeError, toAppError } from "./errors";
import { whenFirstScreenDrawn } from "./paint";
import { navigate, useRoute, type Route } from "./router";
import { AppScreen } from "./screens/AppScreen";
import { InstalledScreen } from "./screens/InstalledScreen";
import { InstallScreen } from "./screens/InstallScreen";
import { SignInScreen } from "./screens/SignInScreen";
import { StoreScreen } from "./screens/StoreScreen";
import { useInstallsModel } from "./state/installs";
import { useStoreModel } from "./state/store";
import { useToasts } from "./state/toasts";
import { WorkspaceContext, type DialogRequest, type Workspace } from "./state/workspace";

export interface WorkspaceProps {
  session: SessionView;
  initialView: StoreView | null;
  onSession: (session: SessionView) => void;
  onSignedOut: (reason: AppError | null) => void;
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case "store":
    case "sign-in":
      return <StoreScreen />;
    case "installed":
      return <InstalledScreen />;
    case "app":
      return <AppScreen key={route.appId} appId={route.appId} tab={route.tab} />;
    case "install":
      return <InstallScreen key={route.installId} installId={route.installId} page={route.page} />;
  }
}

/** The store keeps its scroll position when coming back to it; other screens start at the top. */
function useScrollMemory(route: Route) {
  const content = useRef<HTMLDivElement>(null);
  const storeScroll = useRef(0);
  const onScroll = () => {
    if (route.name === "store") {
      storeScroll.current = content.current?.scrollTop ?? 0;
    }
  };
  const key = route.name === "app" ? `app/${route.appId}`
    : route.name === "install" ? `install/${route.installId}/${route.page}` : route.name;
  useLayoutEffect(() => {
    content.current?.scrollTo({ top: key === "store" ? storeScroll.current : 0 });
  }, [key]);
  return { content, onScroll };
}

function useDialogs() {
  const [dialog, setDialog] = useState<{ seq: number; request: DialogRequest } | null>(null);
  const open = useCallback((request: DialogRequest) => {
    setDialog((current) => ({ seq: (current?.seq ?? 0) + 1, request }));
  }, []);
  const close = useCallback(() => setDialog(null), []);
  return { dialog, open, close };
}

function useSessionStart(workspace: Workspace, hasView: boolean) {
  const { store, installs } = workspace;
  useEffect(() => {
    if (!hasView) {
      store.reload();
    }
    // After the cached store is on screen: drawing it comes first.
    whenFirstScreenDrawn(() => {
      void installs.reload();
      void store.refresh();
    });
    // Once: a workspace lives for one session.
  }, []);
}

export function WorkspaceView(props: WorkspaceProps) {
  const route = useRoute();
  const { toasts, notify, dismiss } = useToasts();
  const [freshness, setFreshness] = useState<Freshness | null>(
    props.initialView?.freshness ?? null,
  );
  const [justInstalled, markJustInstalled] = useState<string | null>(null);
  const dialogs = useDialogs();

  const fail = useCallback((raw: unknown) => {
    notify({ tone: "error", text: describeError(toAppError(raw)) });
  }, [notify]);
  const installs = useInstallsModel(fail);
  const store = useStoreModel({
    initialView: props.initialView, fail, noteFreshness: setFreshness,
    afterRefresh: () => void installs.reload(),
  });

  const { onSignedOut } = props;
  useEffect(() => api.onSignedOut((error) => onSignedOut(error)), [onSignedOut]);

  const workspace: Workspace = {
    session: props.session, store, installs, freshness, noteFreshness: setFreshness, notify,
    fail, openDialog: dialogs.open, justInstalled, markJustInstalled,
  };
  useSessionStart(workspace, props.initialView !== null);
  const { content, onScroll } = useScrollMemory(route);

  return (
    <WorkspaceContext.Provider value={workspace}>
      {route.name === "sign-in" ? (
        <SignInScreen reason={null} onSession={props.onSession}
          onCancel={() => navigate({ name: "store" }, true)} />
      ) : (
        <div class="shell">
          <Sidebar route={route} onSession={props.onSession}
            onSignedOut={() => props.onSignedOut(null)} />
          <main class="main">
            {freshness?.offline === true && (
              <OfflineBanner freshness={freshness} retrying={store.refreshing}
                onRetry={() => void store.refresh()} />
            )}
            <div class="content-frame">
              <ProgressLine active={store.refreshing} label="Refreshing from the platform" />
              <div class="content" ref={content} onScroll={onScroll}>
                <Screen route={route} />
              </div>
            </div>
          </main>
        </div>
      )}
      <DialogHost key={dialogs.dialog?.seq} dialog={dialogs.dialog?.request ?? null}
        onClose={dialogs.close} />
      <Toasts toasts={toasts} onDismiss={dismiss} />
    </WorkspaceContext.Provider>
  );
}
