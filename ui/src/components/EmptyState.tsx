// What a list shows when it has nothing: what happened and what to do next.
import type { ComponentChildren } from "preact";

import { Icon, type IconName } from "./Icon";

export function EmptyState(props: {
  icon?: IconName;
  title: string;
  children?: ComponentChildren;
  actions?: ComponentChildren;
}) {
  return (
    <div class="empty">
      <span class="empty-icon">
        <Icon name={props.icon ?? "box"} size={24} />
      </span>
      <h2 class="empty-title">{props.title}</h2>
      {props.children !== undefined && <div class="empty-text">{props.children}</div>}
      {props.actions !== undefined && <div class="empty-actions">{props.actions}</div>}
    </div>
  );
}
