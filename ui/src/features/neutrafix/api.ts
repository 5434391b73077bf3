// The typed surface of the NeuTrafix commands (see `src-tauri/commands/neutrafix.rs`).
import { Channel, invoke } from "@tauri-apps/api/core";

import type { AccountView } from "../../bindings/neutrafix/AccountView";
import type { CardView } from "../../bindings/neutrafix/CardView";
import type { DocumentKind } from "../../bindings/neutrafix/DocumentKind";
import type { LoginForm } from "../../bindings/neutrafix/LoginForm";
import type { MarketFilter } from "../../bindings/neutrafix/MarketFilter";
import type { MarketPage } from "../../bindings/neutrafix/MarketPage";
import type { MarketWindow } from "../../bindings/neutrafix/MarketWindow";
import type { OwnPrefix } from "../../bindings/neutrafix/OwnPrefix";
import type { Progress } from "../../bindings/neutrafix/Progress";
import type { PurchaseView } from "../../bindings/neutrafix/PurchaseView";
import type { RateRequest } from "../../bindings/neutrafix/RateRequest";
import type { Rating } from "../../bindings/neutrafix/Rating";
import type { Route } from "../../bindings/neutrafix/Route";
import type { SignupForm } from "../../bindings/neutrafix/SignupForm";
import { toAppError } from "../../errors";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw: unknown) {
    throw toAppError(raw);
  }
}

function channel(onProgress: (p: Progress) => void): Channel<Progress> {
  const progress = new Channel<Progress>();
  progress.onmessage = onProgress;
  return progress;
}

export const nxApi = {
  account: () => call<AccountView>("neutrafix_account"),
  logIn: (form: LoginForm, apiKey: string) =>
    call<AccountView>("neutrafix_log_in", { form, api_key: apiKey === "" ? null : apiKey }),
  logOut: () => call<AccountView>("neutrafix_log_out"),
  signUp: (form: SignupForm, exchangeUrl: string | null) =>
    call<AccountView>("neutrafix_sign_up", { form, exchange_url: exchangeUrl }),
  uploadDocument: (
    kind: DocumentKind, fileName: string, bytes: Uint8Array, onProgress: (p: Progress) => void,
  ) => call<AccountView>("neutrafix_upload_document", {
    kind, file_name: fileName, bytes: Array.from(bytes), on_progress: channel(onProgress),
  }),
  submitApplication: () => call<AccountView>("neutrafix_submit_application"),
  checkApplication: () => call<AccountView>("neutrafix_check_application"),

  marketSearch: (filter: MarketFilter, onProgress: (p: Progress) => void) =>
    call<MarketPage>("neutrafix_market_search", { filter, on_progress: channel(onProgress) }),
  marketQuery: (filter: MarketFilter) => call<MarketPage>("neutrafix_market_query", { filter }),
  marketRows: (generation: number, offset: number, limit: number) =>
    call<MarketWindow>("neutrafix_market_rows", { generation, offset, limit }),
  exportCsv: () => call<string>("neutrafix_export_csv"),

  purchase: (route: Route) => call<PurchaseView>("neutrafix_purchase", { route }),
  purchases: () => call<PurchaseView[]>("neutrafix_purchases"),
  sellerCard: (seller: string, search: string) =>
    call<CardView>("neutrafix_seller_card", { seller, search }),

  prefixes: (search: string) => call<OwnPrefix[]>("neutrafix_prefixes", { search }),
  createPrefix: (prefix: string, note: string) =>
    call<OwnPrefix[]>("neutrafix_create_prefix", { prefix, note }),
  associatePrefix: (prefix: string, connectionId: string) =>
    call<OwnPrefix[]>("neutrafix_associate_prefix", { prefix, connection_id: connectionId }),

  rate: (request: RateRequest) => call<Rating>("neutrafix_rate", { request }),
};

/** USD with enough digits for per-minute wholesale prices. */
export function usd(value: number): string {
  return `$${value.toFixed(4)}`;
}

export function intervals(route: { interval_1: number; interval_n: number }): string {
  return `${route.interval_1}/${route.interval_n}`;
}

export function acd(seconds: number | null): string {
  if (seconds === null) {
    return "–";
  }
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export function percent(value: number | null): string {
  return value === null ? "–" : `${value.toFixed(1)}%`;
}
