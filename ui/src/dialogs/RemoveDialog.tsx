// Remove: names the install and what goes with it, then removes it.
import { api } from "../api";
import type { InstallView } from "../bindings/InstallView";
import { Alert } from "../components/Alert";
import { Button } from "../components/Button";
import { Dialog } from "../components/Dialog";
import { describeError } from "../errors";
import { useAction } from "../state/action";
import { useWorkspace } from "../state/workspace";

export function RemoveDialog(props: { install: InstallView; onClose: () => void }) {
  const { install } = props;
  const workspace = useWorkspace();
  const action = useAction();

  const submit = () => {
    void action.run(() => api.installRemove(install.id), () => {
      workspace.installs.drop(install.id);
      workspace.store.reload();
      if (workspace.justInstalled === install.id) {
        workspace.markJustInstalled(null);
      }
      props.onClose();
      workspace.notify({ tone: "success", text: `Removed “${install.name}”.` });
    });
  };

  return (
    <Dialog title="Remove install" busy={action.busy} size="sm" onClose={props.onClose}
      onSubmit={submit}
      footer={<>
        <Button onClick={props.onClose} disabled={action.busy}>Cancel</Button>
        <Button type="submit" variant="danger" busy={action.busy} testId="remove-confirm">
          Remove
        </Button>
      </>}>
      <p class="confirm-text">
        Remove “{install.name}” ({install.app_name} {install.version})? Its configuration and
        saved secrets are deleted.
      </p>
      {action.error !== null && <Alert>{describeError(action.error)}</Alert>}
    </Dialog>
  );
}
