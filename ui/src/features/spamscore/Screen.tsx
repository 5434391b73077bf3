// The screens of the feature, loaded on first use (see `index.tsx`).
import type { FeatureScreenProps } from "../registry";
import { DidsPage } from "./DidsPage";
import { HistoryPage } from "./HistoryPage";
import { SettingsPage } from "./SettingsPage";

export default function SpamScoreScreen({ install, page }: FeatureScreenProps) {
  switch (page) {
    case "history":
      return <HistoryPage />;
    case "settings":
      return <SettingsPage install={install} />;
    default:
      return <DidsPage install={install} />;
  }
}
