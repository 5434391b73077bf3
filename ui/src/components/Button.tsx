// Buttons: one look per role, and a busy state that disables the button and shows a spinner
// in place of the label without changing its size.
import type { ComponentChildren } from "preact";

import { Icon, type IconName } from "./Icon";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

export interface ButtonProps {
  children?: ComponentChildren | undefined;
  variant?: ButtonVariant | undefined;
  size?: "sm" | "md" | undefined;
  type?: "button" | "submit" | undefined;
  icon?: IconName | undefined;
  busy?: boolean | undefined;
  disabled?: boolean | undefined;
  title?: string | undefined;
  label?: string | undefined;
  testId?: string | undefined;
  form?: string | undefined;
  onClick?: (() => void) | undefined;
}

export function Spinner({ small = false }: { small?: boolean }) {
  return <span class={small ? "spinner spinner-sm" : "spinner"} aria-hidden="true" />;
}

export function Button(props: ButtonProps) {
  const { variant = "secondary", size = "md", busy = false } = props;
  const classes = ["btn", `btn-${variant}`, `btn-${size}`, busy ? "is-busy" : ""];
  return (
    <button
      type={props.type ?? "button"}
      class={classes.join(" ")}
      disabled={busy || props.disabled === true}
      aria-busy={busy}
      title={props.title}
      aria-label={props.label}
      data-testid={props.testId}
      form={props.form}
      onClick={props.onClick}
    >
      <span class="btn-content">
        {props.icon !== undefined && <Icon name={props.icon} />}
        {props.children}
      </span>
      {busy && (
        <span class="btn-spinner">
          <Spinner small />
        </span>
      )}
    </button>
  );
}
