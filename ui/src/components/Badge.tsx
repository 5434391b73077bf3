// Small labels: status, ownership, the sandbox.
import type { ComponentChildren } from "preact";

import { Icon } from "./Icon";

export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "owner";

export function Badge(props: {
  tone?: BadgeTone;
  title?: string;
  testId?: string;
  children: ComponentChildren;
}) {
  return (
    <span
      class={`badge badge-${props.tone ?? "neutral"}`}
      title={props.title}
      data-testid={props.testId}
    >
      {props.children}
    </span>
  );
}

const OWNER_TIP = "You built this app; the ownership belongs to you.";

export function OwnerBadge() {
  return (
    <span class="badge badge-owner" title={OWNER_TIP} aria-label={`Owner: ${OWNER_TIP}`}
      data-testid="owner-badge">
      <Icon name="user" size={12} />
      Owner
    </span>
  );
}

export function SandboxBadge() {
  return (
    <Badge tone="warning" testId="sandbox-badge"
      title="The built-in sandbox: a local imitation of the platform with training data">
      Sandbox · training data
    </Badge>
  );
}

export function NeedsConfigBadge({ missing }: { missing: readonly string[] }) {
  return (
    <Badge tone="warning" title={`Required fields without a value: ${missing.join(", ")}`}>
      <Icon name="warning" size={12} />
      Needs configuration
    </Badge>
  );
}
