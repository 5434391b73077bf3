// Short-lived messages in the corner: what just happened, or what failed, in words.
import { useCallback, useRef, useState } from "preact/hooks";

export type ToastTone = "success" | "error" | "info";

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface ToastInput {
  tone: ToastTone;
  text: string;
  action?: ToastAction;
}

export interface Toast extends ToastInput {
  id: number;
}

/** How long a toast stays, by tone: errors stay longer, to be read. */
const LIFETIME_MS: Record<ToastTone, number> = { success: 5000, info: 5000, error: 10000 };
const MAX_SHOWN = 4;

export interface ToastsModel {
  toasts: Toast[];
  notify: (toast: ToastInput) => void;
  dismiss: (id: number) => void;
}

export function useToasts(): ToastsModel {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((shown) => shown.filter((toast) => toast.id !== id));
  }, []);

  const notify = useCallback(
    (input: ToastInput) => {
      const id = nextId.current++;
      setToasts((shown) => [...shown, { ...input, id }].slice(-MAX_SHOWN));
      window.setTimeout(() => dismiss(id), LIFETIME_MS[input.tone]);
    },
    [dismiss],
  );

  return { toasts, notify, dismiss };
}
