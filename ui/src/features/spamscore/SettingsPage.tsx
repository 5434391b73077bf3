// Settings: the app's cx_api_user variable (the Control Panel user it signs in as), read and
// written through the platform's variables for the app, and the package prerequisite.
import { useEffect, useState } from "preact/hooks";

import type { SpamSettings } from "../../bindings/calltools/SpamSettings";
import type { InstallView } from "../../bindings/InstallView";
import { Alert } from "../../components/Alert";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Field } from "../../components/Field";
import { describeError, fieldErrors } from "../../errors";
import { useAction } from "../../state/action";
import { useWorkspace } from "../../state/workspace";
import { spamApi } from "./api";

export function SettingsPage({ install }: { install: InstallView }) {
  const [settings, setSettings] = useState<SpamSettings | null>(null);
  const [apiUser, setApiUser] = useState("");
  const load = useAction();
  const save = useAction();
  const { notify, installs } = useWorkspace();
  const errors = fieldErrors(save.error);
  useEffect(() => {
    void load.run(() => spamApi.settings(install.id), (loaded) => {
      setSettings(loaded);
      setApiUser(loaded.api_user);
    });
  }, [install.id]);

  const submit = (event: Event) => {
    event.preventDefault();
    void save.run(() => spamApi.setApiUser(install.id, apiUser), (saved) => {
      setSettings(saved);
      void installs.reload();
      notify({ tone: "success", text: "Saved the API user." });
    });
  };
  if (settings === null) {
    return load.error === null
      ? <div class="table-skeleton" aria-busy="true" />
      : <Alert>{describeError(load.error)}</Alert>;
  }
  return (
    <div class="spam spam-settings" data-testid="spam-settings">
      <section class="c2d-panel">
        <h2 class="section-title">Spam Score package</h2>
        {settings.package.present
          ? <p><Badge tone="success">On this account</Badge> {settings.package.message}</p>
          : <Alert tone="warning">{settings.package.message}</Alert>}
      </section>
      <section class="c2d-panel">
        <h2 class="section-title">API user</h2>
        <form onSubmit={submit} noValidate class="spam-settings-form">
          <Field label="API user e-mail (cx_api_user)" required error={errors["api_user"]}
            help="The login e-mail of the Control Panel user the app signs in as. Saved in the app's environment variables on the platform.">
            {(ids) => (
              <input id={ids.input} class="input" type="email" value={apiUser}
                aria-invalid={ids.invalid} aria-describedby={ids.describedBy}
                data-testid="spam-api-user"
                onInput={(e) => setApiUser((e.target as HTMLInputElement).value)} />
            )}
          </Field>
          <div>
            <Button type="submit" variant="primary" busy={save.busy} testId="spam-api-user-save">
              Save</Button>
          </div>
        </form>
        {save.error !== null && errors["api_user"] === undefined && (
          <Alert>{describeError(save.error)}</Alert>
        )}
        {settings.report_email !== "" && (
          <p class="muted">Reports last went to {settings.report_email}.</p>
        )}
      </section>
    </div>
  );
}
