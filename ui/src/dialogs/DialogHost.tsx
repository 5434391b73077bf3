// Shows the one open dialog of the workspace.
import type { DialogRequest } from "../state/workspace";
import { ChangeVersionDialog } from "./ChangeVersionDialog";
import { ConfigDialog } from "./ConfigDialog";
import { InstallDialog } from "./InstallDialog";
import { RemoveDialog } from "./RemoveDialog";

export function DialogHost(props: { dialog: DialogRequest | null; onClose: () => void }) {
  const { dialog, onClose } = props;
  switch (dialog?.kind) {
    case undefined:
      return null;
    case "install":
      return <InstallDialog app={dialog.app} versions={dialog.versions} version={dialog.version}
        onClose={onClose} />;
    case "config":
      return <ConfigDialog install={dialog.install} onClose={onClose} />;
    case "change-version":
      return <ChangeVersionDialog install={dialog.install} versions={dialog.versions}
        to={dialog.to} onClose={onClose} />;
    case "remove":
      return <RemoveDialog install={dialog.install} onClose={onClose} />;
  }
}
