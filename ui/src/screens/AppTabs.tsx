// The four tabs of an app's page.
import type { TargetedMouseEvent } from "preact";

import { api } from "../api";
import type { AppPage } from "../bindings/AppPage";
import type { AppVersion } from "../bindings/AppVersion";
import type { InstallView } from "../bindings/InstallView";
import { Badge } from "../components/Badge";
import { Button } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { InstallActions, InstallStatus, missingLabels } from "../components/InstallBits";
import { formatCount, formatDay, paragraphs, releaseNotes } from "../format";
import { useWorkspace } from "../state/workspace";

function Facts({ page, installs }: { page: AppPage; installs: InstallView[] }) {
  const latest = page.versions[0];
  const rows: Array<[string, string]> = [
    ["Publisher", page.app.publisher],
    ["Category", page.app.category],
    ["Latest version", page.app.latest_version],
    ["Released", latest === undefined ? "—" : formatDay(latest.released_at)],
    ["Installs", formatCount(page.app.installs)],
    ["On this account", installs.length === 0 ? "Not installed" : `${installs.length}`],
  ];
  return (
    <aside class="facts" aria-label="Details">
      <dl>
        {rows.map(([term, value]) => (
          <div key={term} class="fact">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}

export function DescriptionTab({ page, installs }: { page: AppPage; installs: InstallView[] }) {
  const parts = paragraphs(page.description);
  return (
    <div class="description">
      {parts.length === 0 ? (
        <EmptyState icon="info" title="No description">The publisher wrote none.</EmptyState>
      ) : (
        <div class="prose">
          {parts.map((part, index) => <p key={index}>{part}</p>)}
        </div>
      )}
      <Facts page={page} installs={installs} />
    </div>
  );
}

export function ReleaseNotes({ text }: { text: string }) {
  const blocks = releaseNotes(text);
  if (blocks.length === 0) {
    return <p class="muted">No release notes.</p>;
  }
  return (
    <div class="notes">
      {blocks.map((block, index) => block.kind === "list" ? (
        <ul key={index}>{block.items.map((item, at) => <li key={at}>{item}</li>)}</ul>
      ) : (
        <p key={index}>{block.text}</p>
      ))}
    </div>
  );
}

function JustInstalled({ install }: { install: InstallView }) {
  const { openDialog, markJustInstalled } = useWorkspace();
  const needs = install.missing.length > 0;
  return (
    <div class="callout" role="status">
      <div>
        <strong>“{install.name}” is installed</strong> at version {install.version}.{" "}
        {needs ? "It needs configuring before it can work." : "You can configure it now."}
      </div>
      <div class="actions">
        <Button size="sm" variant="primary" onClick={() => openDialog({ kind: "config", install })}>
          Configure now
        </Button>
        <Button size="sm" variant="ghost" onClick={() => markJustInstalled(null)}>Later</Button>
      </div>
    </div>
  );
}

function InstalledRow({ install, page }: { install: InstallView; page: AppPage }) {
  const missing = missingLabels(install);
  return (
    <li class="install-row" data-testid="installed-row" data-install-name={install.name}>
      <div class="install-main">
        <span class="install-name">{install.name}</span>
        <span class="install-meta">
          Version {install.version} · installed {formatDay(install.installed_at)}
        </span>
        {missing.length > 0 && (
          <span class="install-missing">Missing: {missing.join(", ")}</span>
        )}
      </div>
      <InstallStatus install={install} />
      <InstallActions install={install} versions={page.versions} />
    </li>
  );
}

export function InstalledTab({ page, installs }: { page: AppPage; installs: InstallView[] }) {
  const { justInstalled, openDialog } = useWorkspace();
  const fresh = installs.find((install) => install.id === justInstalled);
  if (installs.length === 0) {
    return (
      <EmptyState icon="box" title="Not installed on this account"
        actions={<Button variant="primary" icon="plus" onClick={() => openDialog({
          kind: "install", app: page.app, versions: page.versions, version: null,
        })}>Install {page.app.name}</Button>}>
        Install it to give it a name and configure it; you can install it more than once under
        different names.
      </EmptyState>
    );
  }
  return (
    <>
      {fresh !== undefined && <JustInstalled install={fresh} />}
      <ul class="install-list">
        {installs.map((install) => <InstalledRow key={install.id} install={install} page={page} />)}
      </ul>
    </>
  );
}

function VersionItem(props: { version: AppVersion; latest: boolean; at: InstallView[];
  onInstall: () => void }) {
  const { version, at } = props;
  return (
    <li class="version">
      <div class="version-head">
        <h3 class="version-number">{version.version}</h3>
        {props.latest && <Badge tone="accent">Latest</Badge>}
        <span class="muted">Released {formatDay(version.released_at)}</span>
        {at.length > 0 && (
          <span class="muted">· Installed as {at.map((install) => install.name).join(", ")}</span>
        )}
        <span class="spacer" />
        <Button size="sm" icon="plus" testId="version-install" onClick={props.onInstall}>
          Install<span class="sr-only"> version {version.version}</span>
        </Button>
      </div>
      <ReleaseNotes text={version.release_notes} />
    </li>
  );
}

export function VersionsTab({ page, installs }: { page: AppPage; installs: InstallView[] }) {
  const { openDialog } = useWorkspace();
  if (page.versions.length === 0) {
    return <EmptyState icon="box" title="No published versions" />;
  }
  return (
    <ul class="version-list">
      {page.versions.map((version, index) => (
        <VersionItem key={version.version} version={version} latest={index === 0}
          at={installs.filter((install) => install.version === version.version)}
          onInstall={() => openDialog({
            kind: "install", app: page.app, versions: page.versions, version: version.version,
          })} />
      ))}
    </ul>
  );
}

/** Links in the documentation open in the default browser, never in the app's window. */
function useLinkInterception() {
  const { notify, fail } = useWorkspace();
  return (event: TargetedMouseEvent<HTMLDivElement>) => {
    const target = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (target === null) {
      return;
    }
    event.preventDefault();
    const url = target.getAttribute("href") ?? "";
    if (url.startsWith("#")) {
      event.currentTarget.querySelector(`[id="${CSS.escape(url.slice(1))}"]`)?.scrollIntoView();
    } else if (/^(https:|mailto:)/i.test(url)) {
      api.openExternal(url).catch(fail);
    } else {
      notify({ tone: "info", text: `This link does not open from the app: ${url}` });
    }
  };
}

export function DocsTab({ html }: { html: string | null }) {
  const onClick = useLinkInterception();
  if (html === null || html.trim() === "") {
    return (
      <EmptyState icon="info" title="No documentation">
        The publisher has not written documentation for this app. Its developers can add it in
        the IDE with a template named <code>app_documentation</code>.
      </EmptyState>
    );
  }
  // The core sanitised this HTML (see `AppPage.documentation_html`).
  return <div class="prose docs" onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />;
}
