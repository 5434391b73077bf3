// The screens of the feature, loaded on first use (see `index.tsx`).
import type { FeatureScreenProps } from "../registry";
import { HistoryPage } from "./HistoryPage";
import { SettingsPage } from "./SettingsPage";
import { TopUpPage } from "./TopUpPage";

export default function YocoScreen({ install, page }: FeatureScreenProps) {
  switch (page) {
    case "history":
      return <HistoryPage install={install} />;
    case "config":
      return <SettingsPage install={install} />;
    default:
      return <TopUpPage install={install} />;
  }
}
