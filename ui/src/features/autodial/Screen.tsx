// The screens of the feature, loaded on first use (see `index.tsx`).
import type { FeatureScreenProps } from "../registry";
import { ConfigPage } from "./ConfigPage";
import { NumbersPage } from "./NumbersPage";
import { StartPage } from "./StartPage";

export default function AutoDialScreen({ install, page }: FeatureScreenProps) {
  switch (page) {
    case "numbers":
      return <NumbersPage install={install} />;
    case "start":
      return <StartPage install={install} />;
    default:
      return <ConfigPage install={install} />;
  }
}
