// An app's page: header with Install, and the four tabs of the platform's App Store.
import { useCallback, useEffect, useState } from "preact/hooks";

import { api } from "../api";
import type { AppError } from "../bindings/AppError";
import type { AppPage } from "../bindings/AppPage";
import type { AppSummary } from "../bindings/AppSummary";
import type { InstallView } from "../bindings/InstallView";
import { Alert } from "../components/Alert";
import { Avatar } from "../components/Avatar";
import { OwnerBadge } from "../components/Badge";
import { Button } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { Icon } from "../components/Icon";
import { TabPanel, Tabs, type TabItem } from "../components/Tabs";
import { describeError, toAppError } from "../errors";
import { formatDay, plural } from "../format";
import { appHref, href, type AppTab } from "../router";
import { installsOf } from "../state/installs";
import { useWorkspace } from "../state/workspace";
import { DescriptionTab, DocsTab, InstalledTab, VersionsTab } from "./AppTabs";

type PageState =
  | { status: "loading" }
  | { status: "ready"; page: AppPage }
  | { status: "failed"; error: AppError };

function useAppPage(appId: string): { state: PageState; retry: () => void } {
  const { noteFreshness } = useWorkspace();
  const [state, setState] = useState<PageState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ status: "loading" });
    api.appPage(appId).then(
      (page) => {
        if (current) {
          setState({ status: "ready", page });
          noteFreshness(page.freshness);
        }
      },
      (error: unknown) => current && setState({ status: "failed", error: toAppError(error) }),
    );
    return () => {
      current = false;
    };
  }, [appId, attempt, noteFreshness]);

  return { state, retry: useCallback(() => setAttempt((n) => n + 1), []) };
}

interface Known {
  app: AppSummary | null;
  owned: boolean;
}

/** What the header shows before the page arrives: the store card, when the store has it. */
function useKnown(appId: string, state: PageState): Known {
  const { store } = useWorkspace();
  if (state.status === "ready") {
    return { app: state.page.app, owned: state.page.owned };
  }
  const card = store.view?.apps.find((app) => app.id === appId);
  return { app: card ?? null, owned: card?.owned ?? false };
}

function Header(props: {
  app: AppSummary | null;
  owned: boolean;
  failed: boolean;
  onInstall: (() => void) | null;
}) {
  const { app } = props;
  return (
    <header class="app-header">
      {app === null ? <span class="avatar avatar-lg avatar-skeleton" /> : (
        <Avatar name={app.name} size="lg" />
      )}
      <div class="app-heading">
        <h1 class="page-title">
          {app?.name ?? (props.failed ? "App unavailable" : "Loading…")}
          {props.owned && <OwnerBadge />}
        </h1>
        <p class="app-meta">
          {app === null ? "\u00a0" : (
            <>
              <span>{app.publisher}</span>
              <span>{app.category}</span>
              <span>Latest {app.latest_version}</span>
              <span>{plural(app.installs, "install", "installs")}</span>
              {app.updated_at !== "" && <span>Updated {formatDay(app.updated_at)}</span>}
            </>
          )}
        </p>
      </div>
      <Button variant="primary" icon="plus" testId="install-button"
        disabled={props.onInstall === null} onClick={props.onInstall ?? undefined}>
        Install
      </Button>
    </header>
  );
}

function tabItems(appId: string, page: AppPage | null, installs: InstallView[]): TabItem<AppTab>[] {
  const item = (id: AppTab, label: string, testId: string, count?: number): TabItem<AppTab> => ({
    id, label, testId, href: appHref(appId, id), ...(count === undefined ? {} : { count }),
  });
  return [
    item("description", "Description", "tab-description"),
    item("installed", "Installed Versions", "tab-installed", installs.length),
    item("versions", "All Versions", "tab-versions", page?.versions.length),
    item("docs", "Documentation", "tab-docs"),
  ];
}

function TabContent(props: { tab: AppTab; page: AppPage; installs: InstallView[] }) {
  const { page } = props;
  switch (props.tab) {
    case "description":
      return <DescriptionTab page={page} installs={props.installs} />;
    case "installed":
      return <InstalledTab page={page} installs={props.installs} />;
    case "versions":
      return <VersionsTab page={page} installs={props.installs} />;
    case "docs":
      return <DocsTab html={page.documentation_html} />;
  }
}

function Failure({ error, retry }: { error: AppError; retry: () => void }) {
  const offline = error.code === "offline";
  return (
    <EmptyState icon={offline ? "offline" : "warning"}
      title={offline ? "This page was never saved" : "The page could not be opened"}
      actions={<Button icon="refresh" onClick={retry}>Try again</Button>}>
      {describeError(error)}
    </EmptyState>
  );
}

export function AppScreen({ appId, tab }: { appId: string; tab: AppTab }) {
  const { installs, openDialog } = useWorkspace();
  const { state, retry } = useAppPage(appId);
  const known = useKnown(appId, state);
  const page = state.status === "ready" ? state.page : null;
  const mine = installs.list === null ? (page?.installs ?? []) : installsOf(installs.list, appId);
  const onInstall = page === null ? null : () =>
    openDialog({ kind: "install", app: page.app, versions: page.versions, version: null });

  return (
    <section class="page" aria-label={known.app?.name ?? "App"}>
      <a class="back-link" href={href({ name: "store" })}>
        <Icon name="back" /> Store
      </a>
      <Header app={known.app} owned={known.owned} failed={state.status === "failed"}
        onInstall={onInstall} />
      {page?.freshness.offline === true && (
        <Alert tone="info">This is the copy saved when the page was last opened online.</Alert>
      )}
      <Tabs items={tabItems(appId, page, mine)} current={tab} label="App page" />
      <TabPanel current={tab}>
        {state.status === "loading" && <div class="tab-loading" aria-busy="true">Loading…</div>}
        {state.status === "failed" && <Failure error={state.error} retry={retry} />}
        {page !== null && <TabContent tab={tab} page={page} installs={mine} />}
      </TabPanel>
    </section>
  );
}
