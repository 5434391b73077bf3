// A modal dialog on the native <dialog>: focus stays inside, Esc closes (unless an action is
// running), Enter submits its form, and focus returns to where it was on close.
import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";

import { Icon } from "./Icon";

export interface DialogProps {
  title: string;
  /** A line under the title, such as the app and version concerned. */
  subtitle?: string;
  /** Blocks closing while an action runs. */
  busy: boolean;
  size?: "sm" | "md" | "lg";
  onClose: () => void;
  onSubmit: () => void;
  /** The buttons; the submit one is `type="submit"`. */
  footer: ComponentChildren;
  children: ComponentChildren;
  testId?: string;
}

function useModal(ref: { current: HTMLDialogElement | null }) {
  useEffect(() => {
    const opener = document.activeElement;
    const dialog = ref.current;
    dialog?.showModal();
    const first =
      dialog?.querySelector<HTMLElement>("[data-autofocus]") ??
      dialog?.querySelector<HTMLElement>(".dialog-body :is(input, select, textarea)") ??
      dialog?.querySelector<HTMLElement>(".dialog-footer [type=submit]:not([disabled])");
    first?.focus();
    return () => {
      dialog?.close();
      if (opener instanceof HTMLElement && opener.isConnected) {
        opener.focus();
      }
    };
  }, [ref]);
}

export function Dialog(props: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useModal(ref);

  const close = () => {
    if (!props.busy) {
      props.onClose();
    }
  };
  const onCancel = (event: Event) => {
    event.preventDefault();
    close();
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (!props.busy) {
      props.onSubmit();
    }
  };

  return (
    <dialog
      ref={ref}
      class={`dialog dialog-${props.size ?? "md"}`}
      aria-labelledby={titleId}
      onCancel={onCancel}
      data-testid={props.testId}
    >
      <form class="dialog-form" onSubmit={onSubmit} noValidate>
        <header class="dialog-header">
          <div>
            <h2 id={titleId} class="dialog-title">{props.title}</h2>
            {props.subtitle !== undefined && <p class="dialog-subtitle">{props.subtitle}</p>}
          </div>
          <button type="button" class="icon-btn" aria-label="Close" onClick={close}
            disabled={props.busy}>
            <Icon name="close" />
          </button>
        </header>
        <div class="dialog-body">{props.children}</div>
        <footer class="dialog-footer">{props.footer}</footer>
      </form>
    </dialog>
  );
}
