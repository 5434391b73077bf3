// Install: the App Name (editable, never one already used) and the Version.
import { useState } from "preact/hooks";

import { api } from "../api";
import type { AppSummary } from "../bindings/AppSummary";
import type { AppVersion } from "../bindings/AppVersion";
import type { InstallView } from "../bindings/InstallView";
import { Alert } from "../components/Alert";
import { Button } from "../components/Button";
import { Dialog } from "../components/Dialog";
import { Field } from "../components/Field";
import { formAlert } from "../errors";
import { formatDay, uniqueName } from "../format";
import { navigate } from "../router";
import { useAction, useFieldErrors } from "../state/action";
import { useWorkspace, type Workspace } from "../state/workspace";

const SHOWN_FIELDS = ["name", "version"];

export interface InstallDialogProps {
  app: AppSummary;
  versions: AppVersion[];
  version: string | null;
  onClose: () => void;
}

function versionLabel(version: AppVersion, index: number): string {
  const latest = index === 0 ? " (latest)" : "";
  return `${version.version}${latest} — released ${formatDay(version.released_at)}`;
}

function announce(workspace: Workspace, install: InstallView): void {
  workspace.installs.upsert(install);
  workspace.store.reload();
  workspace.markJustInstalled(install.id);
  navigate({ name: "app", appId: install.app_id, tab: "installed" });
  workspace.notify({ tone: "success", text: `Installed “${install.name}” (${install.version}).` });
}

export function InstallDialog(props: InstallDialogProps) {
  const workspace = useWorkspace();
  const taken = (workspace.installs.list ?? []).map((install) => install.name);
  const [name, setName] = useState(() => uniqueName(props.app.name, taken));
  const [version, setVersion] = useState(props.version ?? props.versions[0]?.version ?? "");
  const action = useAction();
  const { errors, edited } = useFieldErrors(action.error);

  const submit = () => {
    if (name.trim() === "") {
      action.setError({
        code: "invalid_input",
        message: "Give the install a name.",
        fields: [{ field: "name", message: "Give the install a name." }],
      });
      return;
    }
    const request = { app_id: props.app.id, name: name.trim(), version };
    void action.run(() => api.installApp(request), (install) => {
      props.onClose();
      announce(workspace, install);
    });
  };

  const alert = formAlert(action.error, SHOWN_FIELDS);
  return (
    <Dialog title={`Install ${props.app.name}`} subtitle={`by ${props.app.publisher}`}
      busy={action.busy} size="sm" onClose={props.onClose} onSubmit={submit}
      footer={<>
        <Button onClick={props.onClose} disabled={action.busy}>Cancel</Button>
        <Button type="submit" variant="primary" busy={action.busy} testId="install-submit"
          disabled={version === ""}>Install</Button>
      </>}>
      <Field label="App Name" required error={errors.name}
        help="How this install is named on the account; you can install an app more than once.">
        {(ids) => (
          <input id={ids.input} class={ids.invalid ? "input is-invalid" : "input"} type="text"
            value={name} maxLength={60} data-autofocus aria-invalid={ids.invalid} aria-required="true"
            aria-describedby={ids.describedBy} data-testid="install-name"
            onInput={(event) => {
              edited("name");
              setName(event.currentTarget.value);
            }} />
        )}
      </Field>
      <Field label="Version" required error={errors.version}>
        {(ids) => (
          <select id={ids.input} class="input" value={version} aria-invalid={ids.invalid}
            aria-describedby={ids.describedBy} data-testid="install-version"
            onChange={(event) => {
              edited("version");
              setVersion(event.currentTarget.value);
            }}>
            {props.versions.map((item, index) => (
              <option key={item.version} value={item.version}>{versionLabel(item, index)}</option>
            ))}
          </select>
        )}
      </Field>
      {alert !== null && <Alert>{alert}</Alert>}
    </Dialog>
  );
}
