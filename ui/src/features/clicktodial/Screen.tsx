// The screens of the feature, loaded on first use (see `index.tsx`).
import type { FeatureScreenProps } from "../registry";
import { ConfigPage } from "./ConfigPage";
import { UsagePage } from "./UsagePage";

export default function ClickToDialScreen({ install, page }: FeatureScreenProps) {
  return page === "usage" ? <UsagePage install={install} /> : <ConfigPage install={install} />;
}
