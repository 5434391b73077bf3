// Change version: pick the target, read what the move brings (release notes, fields that
// appear or go), confirm.
import { useEffect, useRef, useState } from "preact/hooks";

import { api } from "../api";
import type { AppError } from "../bindings/AppError";
import type { AppVersion } from "../bindings/AppVersion";
import type { InstallView } from "../bindings/InstallView";
import type { VersionChange } from "../bindings/VersionChange";
import { Alert } from "../components/Alert";
import { Button, Spinner } from "../components/Button";
import { Dialog } from "../components/Dialog";
import { Field } from "../components/Field";
import { describeError, formAlert, toAppError } from "../errors";
import { formatDay } from "../format";
import { ReleaseNotes } from "../screens/AppTabs";
import { useAction } from "../state/action";
import { useWorkspace, type Workspace } from "../state/workspace";

type Load<T> = { status: "loading" } | { status: "ready"; value: T } | { status: "failed"; error: AppError };

/** The app's versions: those given, or fetched with its page (from the Installed table). */
function useVersions(install: InstallView, given: AppVersion[] | null): Load<AppVersion[]> {
  const [state, setState] = useState<Load<AppVersion[]>>(
    given === null ? { status: "loading" } : { status: "ready", value: given },
  );
  useEffect(() => {
    if (given !== null) {
      return undefined;
    }
    let current = true;
    api.appPage(install.app_id).then(
      (page) => current && setState({ status: "ready", value: page.versions }),
      (error: unknown) => current && setState({ status: "failed", error: toAppError(error) }),
    );
    return () => {
      current = false;
    };
  }, [install.app_id, given]);
  return state;
}

/** The preview of moving to `to`; nothing to ask when it is the current version. */
function usePreview(install: InstallView, to: string): Load<VersionChange> | null {
  const [state, setState] = useState<Load<VersionChange> | null>(null);
  useEffect(() => {
    if (to === "" || to === install.version) {
      setState(null);
      return undefined;
    }
    let current = true;
    setState({ status: "loading" });
    api.installVersionPreview(install.id, to).then(
      (value) => current && setState({ status: "ready", value }),
      (error: unknown) => current && setState({ status: "failed", error: toAppError(error) }),
    );
    return () => {
      current = false;
    };
  }, [install.id, install.version, to]);
  return state;
}

function defaultTarget(install: InstallView, versions: AppVersion[], asked: string | null): string {
  if (asked !== null) {
    return asked;
  }
  if (install.update_available) {
    return install.latest_version;
  }
  // Nothing newer: start on the installed version, so no rollback is proposed by default.
  return versions.some((version) => version.version === install.version)
    ? install.version
    : versions[0]?.version ?? "";
}

function optionLabel(version: AppVersion, index: number, current: string): string {
  const notes = [index === 0 ? "latest" : "", version.version === current ? "installed" : ""];
  const tags = notes.filter(Boolean).join(", ");
  return `${version.version}${tags === "" ? "" : ` (${tags})`} — ${formatDay(version.released_at)}`;
}

function labelsOf(keys: string[], versions: AppVersion[], at: string, fallback: InstallView) {
  const fields = versions.find((version) => version.version === at)?.config ?? fallback.fields;
  return keys.map((key) => fields.find((field) => field.key === key)?.label ?? key);
}

function PreviewBody(props: { change: VersionChange; versions: AppVersion[]; install: InstallView }) {
  const { change, versions, install } = props;
  const upgrade = change.direction === "upgrade";
  const added = labelsOf(change.new_fields, versions, change.to, install);
  const dropped = labelsOf(change.dropped_fields, versions, change.from, install);
  return (
    <div class="preview">
      <p class="preview-title">
        {upgrade ? "Upgrade" : "Roll back"} from {change.from} to {change.to}
      </p>
      {added.length > 0 && (
        <Alert tone="warning">New settings that will need configuring: {added.join(", ")}.</Alert>
      )}
      {dropped.length > 0 && (
        <Alert tone="warning">
          Settings that go away; their values will be discarded: {dropped.join(", ")}.
        </Alert>
      )}
      <p class="preview-heading">{upgrade ? "What's new" : "What will be undone"}</p>
      <ul class="preview-versions">
        {change.versions.map((version) => (
          <li key={version.version}>
            <p class="preview-version">
              {version.version} <span class="muted">· {formatDay(version.released_at)}</span>
            </p>
            <ReleaseNotes text={version.release_notes} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function Preview(props: { state: Load<VersionChange> | null; versions: AppVersion[];
  install: InstallView }) {
  const { state } = props;
  if (state === null) {
    return <p class="muted preview">This is the installed version; pick another one.</p>;
  }
  if (state.status === "loading") {
    return <p class="muted preview"><Spinner small /> Reading what changes…</p>;
  }
  if (state.status === "failed") {
    return <Alert>{describeError(state.error)}</Alert>;
  }
  return <PreviewBody change={state.value} versions={props.versions} install={props.install} />;
}

function announce(workspace: Workspace, changed: InstallView): void {
  workspace.installs.upsert(changed);
  const needs = changed.missing.length > 0;
  workspace.notify({
    tone: "success",
    text: `“${changed.name}” is now at ${changed.version}.${needs ? " It needs configuring." : ""}`,
    ...(needs ? { action: { label: "Configure", run: () =>
      workspace.openDialog({ kind: "config", install: changed }) } } : {}),
  });
}

export interface ChangeVersionProps {
  install: InstallView;
  versions: AppVersion[] | null;
  to: string | null;
  onClose: () => void;
}

function VersionSelect(props: { versions: AppVersion[]; install: InstallView; to: string;
  onPick: (to: string) => void }) {
  // The versions may arrive after the dialog opened: focus moves here when they do.
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => select.current?.focus(), []);
  return (
    <Field label="Version">
      {(ids) => (
        <select ref={select} id={ids.input} class="input" value={props.to} data-testid="change-version-select"
          onChange={(event) => props.onPick(event.currentTarget.value)}>
          {props.versions.map((version, index) => (
            <option key={version.version} value={version.version}>
              {optionLabel(version, index, props.install.version)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function ChangeVersionDialog(props: ChangeVersionProps) {
  const { install } = props;
  const workspace = useWorkspace();
  const versions = useVersions(install, props.versions);
  const known = versions.status === "ready" ? versions.value : null;
  const [picked, setPicked] = useState<string | null>(props.to);
  const to = picked ?? (known === null ? "" : defaultTarget(install, known, null));
  const preview = usePreview(install, to);
  const action = useAction();
  const ready = preview?.status === "ready" ? preview.value : null;
  const verb = ready?.direction === "rollback" ? "Roll back" : "Upgrade";

  const submit = () => {
    if (ready === null || ready.direction === "same") {
      return;
    }
    void action.run(() => api.installChangeVersion(install.id, to), (changed) => {
      props.onClose();
      announce(workspace, changed);
    });
  };

  const alert = formAlert(action.error, []);
  return (
    <Dialog title={`Change the version of “${install.name}”`}
      subtitle={`${install.app_name} · installed ${install.version}`} busy={action.busy}
      size="md" onClose={props.onClose} onSubmit={submit}
      footer={<>
        <Button onClick={props.onClose} disabled={action.busy}>Cancel</Button>
        <Button type="submit" variant="primary" busy={action.busy} testId="change-version-confirm"
          disabled={ready === null || ready.direction === "same"}>
          {ready === null ? "Change version" : `${verb} to ${ready.to}`}
        </Button>
      </>}>
      {versions.status === "loading" && <p class="muted"><Spinner small /> Loading the versions…</p>}
      {versions.status === "failed" && <Alert>{describeError(versions.error)}</Alert>}
      {known !== null && (
        <>
          <VersionSelect versions={known} install={install} to={to} onPick={setPicked} />
          <Preview state={preview} versions={known} install={install} />
        </>
      )}
      {alert !== null && <Alert>{alert}</Alert>}
    </Dialog>
  );
}
