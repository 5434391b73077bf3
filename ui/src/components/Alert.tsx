// An inline message in a form or a page: an error in words, or a note.
import type { ComponentChildren } from "preact";

import { Icon } from "./Icon";

export function Alert(props: { tone?: "error" | "warning" | "info"; children: ComponentChildren }) {
  const tone = props.tone ?? "error";
  return (
    <div class={`alert alert-${tone}`} role={tone === "error" ? "alert" : "status"}>
      <Icon name={tone === "info" ? "info" : "warning"} />
      <div class="alert-body">{props.children}</div>
    </div>
  );
}
