// PLACEHOLDER: being built; replaced before the feature is called done.
import type { InstallView } from "../../bindings/InstallView";

export function StartPage(props: { install: InstallView }) {
  return <p data-testid="placeholder">{props.install.name}: not built yet.</p>;
}
