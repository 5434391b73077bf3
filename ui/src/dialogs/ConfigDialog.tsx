// Config: one input per field the installed version declares. The core checks the values;
// its field errors are shown under their inputs.
import { useEffect, useRef, useState } from "preact/hooks";

import { api } from "../api";
import type { AppError } from "../bindings/AppError";
import type { ConfigField } from "../bindings/ConfigField";
import type { InstallView } from "../bindings/InstallView";
import { Alert } from "../components/Alert";
import { Button } from "../components/Button";
import { Dialog } from "../components/Dialog";
import { EmptyState } from "../components/EmptyState";
import { Field } from "../components/Field";
import { missingLabels } from "../components/InstallBits";
import { formAlert } from "../errors";
import { useAction, useFieldErrors } from "../state/action";
import { useWorkspace } from "../state/workspace";
import { ConfigInput } from "./ConfigInputs";

type Values = Record<string, string>;

/** Saved values, else the field's default; secrets always start empty. */
function initialValues(install: InstallView): Values {
  const values: Values = {};
  for (const field of install.fields) {
    const saved = field.type === "secret" ? undefined : install.values[field.key];
    values[field.key] = saved ?? (field.type === "secret" ? "" : field.default ?? "");
  }
  return values;
}

/** Only the declared fields are sent. */
function valuesToSend(fields: ConfigField[], values: Values): Values {
  return Object.fromEntries(fields.map((field) => [field.key, values[field.key] ?? ""]));
}

/** Moves focus to the first field with an error after a failed save. */
function useFocusFirstError(error: AppError | null) {
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error !== null && error.fields.length > 0) {
      body.current?.querySelector<HTMLElement>(".has-error .input")?.focus();
    }
  }, [error]);
  return body;
}

export function ConfigDialog(props: { install: InstallView; onClose: () => void }) {
  const { install } = props;
  const workspace = useWorkspace();
  const [values, setValues] = useState(() => initialValues(install));
  const action = useAction();
  const { errors, edited } = useFieldErrors(action.error);
  const body = useFocusFirstError(action.error);
  const set = (key: string) => (value: string) => {
    edited(key);
    setValues((all) => ({ ...all, [key]: value }));
  };

  const submit = () => {
    const sent = valuesToSend(install.fields, values);
    void action.run(() => api.installConfigure(install.id, sent), (saved) => {
      workspace.installs.upsert(saved);
      if (workspace.justInstalled === saved.id) {
        workspace.markJustInstalled(null);
      }
      props.onClose();
      workspace.notify({ tone: "success", text: `Saved the configuration of “${saved.name}”.` });
    });
  };

  const missing = missingLabels(install);
  const alert = formAlert(action.error, install.fields.map((field) => field.key));
  return (
    <Dialog title={`Configure “${install.name}”`} subtitle={`${install.app_name} ${install.version}`}
      busy={action.busy} size="md" onClose={props.onClose} onSubmit={submit}
      footer={<>
        <Button onClick={props.onClose} disabled={action.busy}>Cancel</Button>
        <Button type="submit" variant="primary" busy={action.busy} testId="config-save"
          disabled={install.fields.length === 0}>Save</Button>
      </>}>
      <div ref={body} class="config-fields">
        {missing.length > 0 && action.error === null && (
          <Alert tone="warning">Required before the app can work: {missing.join(", ")}.</Alert>
        )}
        {install.fields.length === 0 && (
          <EmptyState icon="check" title="Nothing to configure">
            Version {install.version} of {install.app_name} has no settings.
          </EmptyState>
        )}
        {install.fields.map((field) => (
          <Field key={field.key} label={field.label} required={field.required} help={field.help}
            error={errors[field.key]}>
            {(ids) => (
              <ConfigInput field={field} ids={ids} value={values[field.key] ?? ""}
                onChange={set(field.key)} secretSaved={install.secrets_saved.includes(field.key)}
                dependsOnValue={field.depends_on === null ? null : values[field.depends_on] ?? ""} />
            )}
          </Field>
        ))}
        {alert !== null && <Alert>{alert}</Alert>}
      </div>
    </Dialog>
  );
}
