// The typed surface of the Yoco Top-ups commands (see `src-tauri/commands/yoco.rs`).
import { Channel, invoke } from "@tauri-apps/api/core";

import type { HistoryFilter } from "../../bindings/yoco/HistoryFilter";
import type { Mode } from "../../bindings/yoco/Mode";
import type { PayableCustomer } from "../../bindings/yoco/PayableCustomer";
import type { QuoteView } from "../../bindings/yoco/QuoteView";
import type { RefundRequest } from "../../bindings/yoco/RefundRequest";
import type { SettingsForm } from "../../bindings/yoco/SettingsForm";
import type { TopUpRequest } from "../../bindings/yoco/TopUpRequest";
import type { TopUpView } from "../../bindings/yoco/TopUpView";
import type { YocoSettings } from "../../bindings/yoco/YocoSettings";
import { toAppError } from "../../errors";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw: unknown) {
    throw toAppError(raw);
  }
}

export const yocoApi = {
  settings: (installId: string) => call<YocoSettings>("yoco_settings", { install_id: installId }),
  saveSettings: (installId: string, form: SettingsForm) =>
    call<YocoSettings>("yoco_save_settings", { install_id: installId, form }),
  testKey: (installId: string, secretKey: string | null) =>
    call<Mode>("yoco_test_key", { install_id: installId, secret_key: secretKey }),
  customers: () => call<PayableCustomer[]>("yoco_customers"),
  quote: (installId: string, amount: string) =>
    call<QuoteView>("yoco_quote", { install_id: installId, amount }),
  start: (installId: string, request: TopUpRequest) =>
    call<TopUpView>("yoco_start", { install_id: installId, request }),
  check: (topUpId: string) => call<TopUpView>("yoco_check", { top_up_id: topUpId }),
  history: (filter: HistoryFilter) => call<TopUpView[]>("yoco_history", { filter }),
  exportCsv: (filter: HistoryFilter) => call<string>("yoco_export_csv", { filter }),
  refund: (request: RefundRequest) => call<TopUpView>("yoco_refund", { request }),
  qr: (topUpId: string) => call<string>("yoco_qr", { top_up_id: topUpId }),
  openCheckout: (topUpId: string) => call<null>("yoco_open_checkout", { top_up_id: topUpId }),
  /** Calls `onChange` with every top-up that changes, for as long as the page lives. */
  watch: (onChange: (view: TopUpView) => void) => {
    const channel = new Channel<TopUpView>();
    channel.onmessage = onChange;
    return call<null>("yoco_watch", { on_change: channel });
  },
};

/** `R270.85` from cents, as the Rust side prints it. */
export function rand(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toLocaleString("en-ZA").replace(/,/g, " ");
  return `${sign}R${whole}.${String(abs % 100).padStart(2, "0")}`;
}

/** A fresh attempt id: a new one for every new top-up or refund the person starts. */
export function newAttempt(): string {
  return crypto.randomUUID();
}

export const STATE_LABELS: Record<string, string> = {
  creating: "Creating checkout",
  awaiting_payment: "Waiting for payment",
  paid: "Paid, recording",
  recorded: "Paid and recorded",
  cancelled: "Cancelled",
  expired: "Expired",
  failed: "Failed",
};
