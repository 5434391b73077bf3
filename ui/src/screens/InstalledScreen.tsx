// Every install of the account in one table, with the same actions as on the app pages.
import { useEffect } from "preact/hooks";

import type { InstallView } from "../bindings/InstallView";
import { Button } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { InstallActions, InstallStatus } from "../components/InstallBits";
import { plural } from "../format";
import { appHref, href } from "../router";
import { useWorkspace } from "../state/workspace";

function Row({ install }: { install: InstallView }) {
  return (
    <tr data-testid="installed-row" data-install-name={install.name}>
      <th scope="row">
        <a href={appHref(install.app_id, "installed")} class="table-link">{install.name}</a>
      </th>
      <td>
        <a href={appHref(install.app_id)} class="table-link-quiet">{install.app_name}</a>
      </td>
      <td class="nowrap">{install.version}</td>
      <td><InstallStatus install={install} /></td>
      <td class="table-actions"><InstallActions install={install} versions={null} /></td>
    </tr>
  );
}

function Table({ installs }: { installs: InstallView[] }) {
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">App</th>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col"><span class="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {installs.map((install) => <Row key={install.id} install={install} />)}
        </tbody>
      </table>
    </div>
  );
}

function summary(installs: InstallView[]): string {
  if (installs.length === 0) {
    return "Nothing installed on this account";
  }
  const updates = installs.filter((install) => install.update_available).length;
  const unconfigured = installs.filter((install) => install.missing.length > 0).length;
  const parts = [plural(installs.length, "install", "installs")];
  if (updates > 0) {
    parts.push(plural(updates, "update available", "updates available"));
  }
  if (unconfigured > 0) {
    parts.push(`${unconfigured} need${unconfigured === 1 ? "s" : ""} configuration`);
  }
  return parts.join(" · ");
}

export function InstalledScreen() {
  const { installs } = useWorkspace();
  const { reload } = installs;
  useEffect(() => void reload(), [reload]);
  const list = installs.list;

  return (
    <section class="page" aria-labelledby="installed-title">
      <header class="page-header">
        <div>
          <h1 id="installed-title" class="page-title">Installed</h1>
          <p class="page-subtitle">{list === null ? "\u00a0" : summary(list)}</p>
        </div>
        <Button icon="refresh" busy={installs.loading} onClick={() => void reload()}>
          Reload
        </Button>
      </header>
      {list !== null && list.length === 0 && (
        <EmptyState icon="box" title="Nothing installed yet"
          actions={<a class="btn btn-primary btn-md" href={href({ name: "store" })}>
            <span class="btn-content">Browse the store</span></a>}>
          Open an app in the store and press Install. Its installs appear here.
        </EmptyState>
      )}
      {list !== null && list.length > 0 && <Table installs={list} />}
      {list === null && <div class="table-skeleton" aria-busy="true" />}
    </section>
  );
}
