// Pieces shown wherever an install is: its status and its three actions.
import type { AppVersion } from "../bindings/AppVersion";
import type { InstallView } from "../bindings/InstallView";
import { featureFor } from "../features/registry";
import { navigate } from "../router";
import { useWorkspace } from "../state/workspace";
import { Badge, NeedsConfigBadge } from "./Badge";
import { Button } from "./Button";
import { Icon } from "./Icon";

/** Labels of the required fields still without a value. */
export function missingLabels(install: InstallView): string[] {
  return install.missing.map(
    (key) => install.fields.find((field) => field.key === key)?.label ?? key,
  );
}

export function InstallStatus({ install }: { install: InstallView }) {
  const { openDialog } = useWorkspace();
  const ready = !install.update_available && install.missing.length === 0;
  return (
    <span class="install-status">
      {install.update_available && (
        <button type="button" class="badge badge-accent badge-button"
          title={`Upgrade to ${install.latest_version}`}
          onClick={() => openDialog({
            kind: "change-version", install, versions: null, to: install.latest_version,
          })}>
          Update available <Icon name="arrow" size={12} /> {install.latest_version}
        </button>
      )}
      {install.missing.length > 0 && <NeedsConfigBadge missing={missingLabels(install)} />}
      {ready && <Badge tone="success"><Icon name="check" size={12} /> Ready</Badge>}
    </span>
  );
}

export function InstallActions(props: { install: InstallView; versions: AppVersion[] | null }) {
  const { openDialog } = useWorkspace();
  const { install, versions } = props;
  return (
    <div class="actions">
      <Button size="sm" testId="config-button"
        variant={install.missing.length > 0 ? "primary" : "secondary"}
        onClick={() => featureFor(install)?.ownsConfig === true
          ? navigate({ name: "install", installId: install.id, page: "config" })
          : openDialog({ kind: "config", install })}>
        Config<span class="sr-only"> {install.name}</span>
      </Button>
      <Button size="sm" testId="change-version-button"
        onClick={() => openDialog({ kind: "change-version", install, versions, to: null })}>
        Change version<span class="sr-only"> of {install.name}</span>
      </Button>
      <Button size="sm" variant="ghost" testId="remove-button"
        onClick={() => openDialog({ kind: "remove", install })}>
        Remove<span class="sr-only"> {install.name}</span>
      </Button>
    </div>
  );
}
