// The typed surface of the Click-2-Dial commands (see `src-tauri/commands/clicktodial.rs`).
import type { CallPlaced } from "../../bindings/calltools/CallPlaced";
import type { DialLink } from "../../bindings/calltools/DialLink";
import type { DialView } from "../../bindings/calltools/DialView";
import type { NewKey } from "../../bindings/calltools/NewKey";
import { call } from "../../api";

export const dialApi = {
  view: (installId: string) => call<DialView>("clicktodial_view", { install_id: installId }),
  add: (installId: string, customerId: string, extension: string) =>
    call<NewKey>("clicktodial_add", {
      install_id: installId, customer_id: customerId, extension,
    }),
  rotate: (installId: string, customerId: string) =>
    call<NewKey>("clicktodial_rotate", { install_id: installId, customer_id: customerId }),
  revoke: (installId: string, customerId: string) =>
    call<DialView>("clicktodial_revoke", { install_id: installId, customer_id: customerId }),
  setDefault: (installId: string, customerId: string) =>
    call<DialView>("clicktodial_set_default", { install_id: installId, customer_id: customerId }),
  call: (installId: string, customerId: string | null, phone: string) =>
    call<CallPlaced>("clicktodial_call", {
      install_id: installId, customer_id: customerId, phone,
    }),
  takeLinks: () => call<DialLink[]>("clicktodial_take_links"),
  openLink: (link: string) => call<null>("clicktodial_open_link", { link }),
};
