// The input of one configuration field, chosen by its kind.
import { useEffect, useState } from "preact/hooks";

import { api } from "../api";
import type { ConfigField } from "../bindings/ConfigField";
import type { FieldKind } from "../bindings/FieldKind";
import type { PickOption } from "../bindings/PickOption";
import { Combobox } from "../components/Combobox";
import type { FieldIds } from "../components/Field";
import { describeError, toAppError } from "../errors";

export interface InputProps {
  field: ConfigField;
  ids: FieldIds;
  value: string;
  onChange: (value: string) => void;
  /** The secret has a saved value: empty keeps it. */
  secretSaved: boolean;
  /** The value of the field this one depends on (`depends_on`), for extensions. */
  dependsOnValue: string | null;
}

const PICKERS: ReadonlySet<FieldKind> = new Set(["customer", "server", "user", "sip_user"]);

/** The keyboard to offer; the core checks the value, so the input itself stays plain text. */
function inputModeOf(kind: FieldKind): "email" | "tel" | "decimal" | "text" {
  switch (kind) {
    case "email":
      return "email";
    case "phone":
      return "tel";
    case "number":
      return "decimal";
    default:
      return "text";
  }
}

function placeholderOf(field: ConfigField): string {
  switch (field.type) {
    case "email":
      return "name@example.com";
    case "phone":
      return "+12025550123";
    case "number":
      return "0";
    default:
      return "";
  }
}

function common(props: InputProps) {
  const { ids, field } = props;
  return {
    id: ids.input,
    class: ids.invalid ? "input is-invalid" : "input",
    "aria-invalid": ids.invalid,
    "aria-describedby": ids.describedBy,
    "aria-required": field.required,
    "data-testid": `config-field-${field.key}`,
  };
}

function TextInput(props: InputProps) {
  const { field } = props;
  return (
    <input {...common(props)} type="text" value={props.value} inputMode={inputModeOf(field.type)}
      placeholder={placeholderOf(field)} autocomplete="off" spellcheck={false}
      onInput={(event) => props.onChange(event.currentTarget.value)} />
  );
}

function SecretInput(props: InputProps) {
  return (
    <input {...common(props)} type="password" value={props.value} autocomplete="new-password"
      placeholder={props.secretSaved ? "Saved — leave empty to keep" : ""}
      onInput={(event) => props.onChange(event.currentTarget.value)} />
  );
}

function SelectInput(props: InputProps) {
  const { field } = props;
  const known = field.options.some((option) => option.value === props.value);
  return (
    <select {...common(props)} value={props.value}
      onChange={(event) => props.onChange(event.currentTarget.value)}>
      {(!known || !field.required) && <option value="">Choose…</option>}
      {field.options.map((option) => (
        <option key={option.value} value={option.value}>{option.label}</option>
      ))}
    </select>
  );
}

type Options = { list: PickOption[] | null; error: string | null };

/** The choices of a picker; for extensions, those of the chosen customer. */
function usePickOptions(kind: FieldKind, customerId: string | null, waits: boolean): Options {
  const [options, setOptions] = useState<Options>({ list: null, error: null });
  useEffect(() => {
    if (waits) {
      setOptions({ list: [], error: null });
      return undefined;
    }
    let current = true;
    setOptions({ list: null, error: null });
    api.fieldOptions(kind, customerId).then(
      (list) => current && setOptions({ list, error: null }),
      (error: unknown) =>
        current && setOptions({ list: [], error: describeError(toAppError(error)) }),
    );
    return () => {
      current = false;
    };
  }, [kind, customerId, waits]);
  return options;
}

function pickerPlaceholder(field: ConfigField, waits: boolean): string {
  if (field.type === "sip_user") {
    return waits ? "Choose the customer first, or type an extension" : "Pick or type an extension";
  }
  return "Choose, or type to search";
}

function PickerInput(props: InputProps) {
  const { field } = props;
  const isExtension = field.type === "sip_user";
  const customerId = isExtension && field.depends_on !== null ? props.dependsOnValue ?? "" : null;
  const waits = customerId === "";
  const options = usePickOptions(field.type, customerId, waits);
  return (
    <>
      <Combobox id={props.ids.input} describedBy={props.ids.describedBy}
        invalid={props.ids.invalid} required={field.required} options={options.list}
        value={props.value} onChange={props.onChange} allowCustom={isExtension}
        placeholder={pickerPlaceholder(field, waits)} testId={`config-field-${field.key}`} />
      {options.error !== null && (
        <p class="field-help field-warning">Could not load the choices: {options.error}</p>
      )}
    </>
  );
}

export function ConfigInput(props: InputProps) {
  const kind = props.field.type;
  if (kind === "secret") {
    return <SecretInput {...props} />;
  }
  if (kind === "select") {
    return <SelectInput {...props} />;
  }
  if (PICKERS.has(kind)) {
    return <PickerInput {...props} />;
  }
  return <TextInput {...props} />;
}
