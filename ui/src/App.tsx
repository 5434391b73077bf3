// The app's phases: starting (the shell's outline, painted at once), signed out (the sign-in
// screen), and a signed-in workspace.
import { useCallback, useEffect, useLayoutEffect, useState } from "preact/hooks";

import { api } from "./api";
import type { AppError } from "./bindings/AppError";
import type { SessionView } from "./bindings/SessionView";
import type { StoreView } from "./bindings/StoreView";
import { toAppError } from "./errors";
import { reportFirstPaint } from "./paint";
import { navigate, parseHash } from "./router";
import { SignInScreen } from "./screens/SignInScreen";
import { EMPTY_QUERY } from "./state/store";
import { WorkspaceView } from "./Workspace";

/** What launching answers: the session, and the store as cached, to show at once. */
export interface Boot {
  session: SessionView;
  view: StoreView | null;
}

/** Resumes the last account (or starts the sandbox), then reads the cached store. */
export async function startSession(): Promise<Boot> {
  const session = await api.startup();
  const view = await api.storeView(EMPTY_QUERY).catch(() => null);
  return { session, view };
}

export type Phase =
  | { kind: "starting" }
  | { kind: "signed-out"; reason: AppError | null }
  | { kind: "ready"; session: SessionView; view: StoreView | null; seq: number };

/** The outline of the shell while the session starts, so the first paint is the real layout. */
function Starting() {
  return (
    <div class="shell" aria-busy="true">
      <nav class="sidebar" aria-label="Main">
        <span class="brand">
          <span class="brand-mark" aria-hidden="true">Cx</span>
          <span class="brand-text">
            <span class="brand-name">ConnexCS</span>
            <span class="brand-product">App Store</span>
          </span>
        </span>
      </nav>
      <main class="main">
        <div class="content-frame">
          <div class="progress-line is-active" role="progressbar" aria-label="Starting" />
          <div class="content">
            <section class="page">
              <header class="page-header">
                <div>
                  <h1 class="page-title">Store</h1>
                  <p class="page-subtitle">Apps to install on this account</p>
                </div>
              </header>
              <div class="search search-skeleton" />
              <div class="chips" />
              <p class="result-count">{"\u00a0"}</p>
              <div class="grid">
                {Array.from({ length: 6 }, (_, index) => (
                  <div key={index} class="card card-skeleton" />
                ))}
              </div>
            </section>
          </div>
        </div>
      </main>
    </div>
  );
}

/** How long the first render waits for the session: a session resumed from the cache is ready
 * sooner, and is then the first thing drawn; past this, the shell's outline is drawn while it
 * starts. */
const OUTLINE_DELAY_MS = 150;

/** The phase to draw first: where the session stands after at most `OUTLINE_DELAY_MS`. */
export function firstPhase(boot: Promise<Boot>): Promise<Phase> {
  const settled = boot.then(
    ({ session, view }): Phase => ({ kind: "ready", session, view, seq: 0 }),
    (error: unknown): Phase => ({ kind: "signed-out", reason: toAppError(error) }),
  );
  const starting = new Promise<Phase>((resolve) => {
    setTimeout(() => resolve({ kind: "starting" }), OUTLINE_DELAY_MS);
  });
  return Promise.race([settled, starting]);
}

export function App({ boot, first }: { boot: Promise<Boot>; first: Phase }) {
  const [phase, setPhase] = useState<Phase>(first);

  useEffect(() => {
    if (first.kind !== "starting") {
      return;
    }
    boot.then(
      ({ session, view }) => setPhase({ kind: "ready", session, view, seq: 0 }),
      (error: unknown) => setPhase({ kind: "signed-out", reason: toAppError(error) }),
    );
  }, [boot, first]);

  // A layout effect runs as soon as the screen is in the DOM; a plain effect would wait a frame.
  useLayoutEffect(() => {
    if (phase.kind !== "starting") {
      reportFirstPaint();
    }
  }, [phase.kind]);

  const onSession = useCallback((session: SessionView) => {
    setPhase((current) => ({
      kind: "ready", session, view: null, seq: current.kind === "ready" ? current.seq + 1 : 0,
    }));
    if (parseHash(location.hash).name === "sign-in") {
      navigate({ name: "store" }, true);
    }
  }, []);
  const onSignedOut = useCallback((reason: AppError | null) => {
    setPhase({ kind: "signed-out", reason });
  }, []);

  switch (phase.kind) {
    case "starting":
      return <Starting />;
    case "signed-out":
      return <SignInScreen reason={phase.reason} onSession={onSession} onCancel={null} />;
    case "ready":
      return <WorkspaceView key={phase.seq} session={phase.session} initialView={phase.view}
        onSession={onSession} onSignedOut={onSignedOut} />;
  }
}
