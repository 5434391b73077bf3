// The corner stack of toasts. Errors are announced assertively, the rest politely.
import type { Toast } from "../state/toasts";
import { Icon } from "./Icon";

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: () => void }) {
  const icon = toast.tone === "error" ? "warning" : toast.tone === "success" ? "check" : "info";
  return (
    <div class={`toast toast-${toast.tone}`} role={toast.tone === "error" ? "alert" : "status"}
      data-testid="toast" data-tone={toast.tone}>
      <Icon name={icon} />
      <p class="toast-text">{toast.text}</p>
      {toast.action !== undefined && (
        <button type="button" class="toast-action" onClick={() => {
          toast.action?.run();
          onDismiss();
        }}>
          {toast.action.label}
        </button>
      )}
      <button type="button" class="icon-btn" aria-label="Dismiss" onClick={onDismiss}>
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}

export function Toasts(props: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div class="toasts" aria-live="polite">
      {props.toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} onDismiss={() => props.onDismiss(toast.id)} />
      ))}
    </div>
  );
}
