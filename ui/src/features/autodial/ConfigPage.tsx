// Auto Dial → Config: who the calls are billed to, where they are placed from, which
// extension takes them, and the caller ID. These are the arguments of the platform's
// originate; each is checked by the core with its own message, then saved on the install.
import { useEffect, useState } from "preact/hooks";

import { api } from "../../api";
import type { ConfigField } from "../../bindings/ConfigField";
import type { InstallView } from "../../bindings/InstallView";
import type { PickOption } from "../../bindings/PickOption";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { Field } from "../../components/Field";
import { ConfigInput } from "../../dialogs/ConfigInputs";
import { formAlert } from "../../errors";
import { useAction, useFieldErrors } from "../../state/action";
import { useWorkspace } from "../../state/workspace";
import { autodialApi } from "./api";

/** The four keys, in the order the page shows them. */
const KEYS = ["customer_id", "server_alias", "extension", "cli"] as const;

/** Help shown under each field, in the operator's terms. */
const HELP: Record<(typeof KEYS)[number], string> = {
  customer_id: "The customer the calls are billed to; they appear in this customer's CDRs.",
  server_alias: "The switch server that places the calls.",
  extension: "Pick one of the customer's extensions, or type one (digits only).",
  cli: "The caller ID the called party sees, in full international format: +12025550123.",
};

type Values = Record<string, string>;

function initialValues(install: InstallView): Values {
  return Object.fromEntries(KEYS.map((key) => [key, install.values[key] ?? ""]));
}

/** The extensions of the chosen customer, to tell a picked endpoint from a typed one. */
function useExtensions(customerId: string): PickOption[] {
  const [options, setOptions] = useState<PickOption[]>([]);
  useEffect(() => {
    if (customerId === "") {
      setOptions([]);
      return undefined;
    }
    let current = true;
    api.fieldOptions("sip_user", customerId).then(
      (list) => current && setOptions(list),
      () => current && setOptions([]),
    );
    return () => {
      current = false;
    };
  }, [customerId]);
  return options;
}

export function ConfigPage(props: { install: InstallView }) {
  const { install } = props;
  const workspace = useWorkspace();
  const [values, setValues] = useState(() => initialValues(install));
  const extensions = useExtensions(values["customer_id"] ?? "");
  const [endpointPicked, setEndpointPicked] = useState(
    () => (install.values["extension"] ?? "") !== "",
  );
  const action = useAction();
  const { errors, edited } = useFieldErrors(action.error);
  const fields = KEYS.map((key) => install.fields.find((field) => field.key === key))
    .filter((field): field is ConfigField => field !== undefined);

  const set = (key: string) => (value: string) => {
    edited(key);
    if (key === "extension") {
      setEndpointPicked(extensions.some((option) => option.value === value));
    }
    if (key === "customer_id") {
      edited("extension");
    }
    setValues((all) => ({ ...all, [key]: value }));
  };

  const save = () => {
    void action.run(() => autodialApi.configSave(install.id, values, endpointPicked), (saved) => {
      workspace.installs.upsert(saved);
      workspace.notify({ tone: "success", text: `Saved the configuration of “${saved.name}”.` });
    });
  };

  if (fields.length < KEYS.length) {
    return (
      <Alert tone="warning">
        Version {install.version} of {install.app_name} does not declare the calling settings
        this page edits; change to a newer version.
      </Alert>
    );
  }
  const alert = formAlert(action.error, [...KEYS]);
  const unsaved = KEYS.some((key) => (install.values[key] ?? "") !== values[key]);
  return (
    <form class="autodial-config" data-testid="autodial-config"
      onSubmit={(event) => { event.preventDefault(); save(); }}>
      <p class="autodial-lead">
        Each call is placed through the platform's originate function with these four values;
        the number dialled comes from the list on <b>Set Numbers</b>.
      </p>
      <div class="autodial-config-fields">
        {fields.map((field) => (
          <Field key={field.key} label={field.label} required help={HELP[field.key as (typeof KEYS)[number]]}
            error={errors[field.key]}>
            {(ids) => (
              <ConfigInput field={field} ids={ids} value={values[field.key] ?? ""}
                onChange={set(field.key)} secretSaved={false}
                dependsOnValue={field.depends_on === null ? null : values[field.depends_on] ?? ""} />
            )}
          </Field>
        ))}
      </div>
      {alert !== null && <Alert>{alert}</Alert>}
      <div class="autodial-actions">
        <Button type="submit" variant="primary" busy={action.busy} testId="autodial-config-save"
          disabled={!unsaved && install.missing.length === 0}>Save</Button>
        {!unsaved && install.missing.length === 0 && (
          <span class="muted" data-testid="autodial-config-saved">Saved on the install.</span>
        )}
      </div>
    </form>
  );
}
