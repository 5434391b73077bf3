// A labelled form field: label with a required mark, the input, a help line, and the error
// under it. The input gets the ids it needs through `children`.
import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";

export interface FieldIds {
  input: string;
  /** For `aria-describedby`: the help and the error, when present. */
  describedBy: string | undefined;
  invalid: boolean;
}

export interface FieldProps {
  label: string;
  required?: boolean;
  help?: string | null;
  error?: string | undefined;
  children: (ids: FieldIds) => ComponentChildren;
}

export function Field(props: FieldProps) {
  const base = useId();
  const helpId = `${base}-help`;
  const errorId = `${base}-error`;
  const hasHelp = props.help !== undefined && props.help !== null && props.help !== "";
  const hasError = props.error !== undefined && props.error !== "";
  const described = [hasHelp ? helpId : "", hasError ? errorId : ""].filter(Boolean).join(" ");
  const ids: FieldIds = {
    input: `${base}-input`,
    describedBy: described === "" ? undefined : described,
    invalid: hasError,
  };

  return (
    <div class={hasError ? "field has-error" : "field"}>
      <label class="field-label" for={ids.input}>
        {props.label}
        {props.required === true && (
          <span class="required" aria-hidden="true" title="Required"> *</span>
        )}
      </label>
      {props.children(ids)}
      {hasHelp && <p id={helpId} class="field-help">{props.help}</p>}
      {hasError && <p id={errorId} class="field-error" role="alert">{props.error}</p>}
    </div>
  );
}
