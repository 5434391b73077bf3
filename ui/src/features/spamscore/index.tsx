// DID Spam Score: the screens of an install (DIDs with the Spam Score run, the history with
// charts and CSV, and the settings).
import { registerFeature, type FeatureScreenProps } from "../registry";
import { DidsPage } from "./DidsPage";
import { HistoryPage } from "./HistoryPage";
import { SettingsPage } from "./SettingsPage";

function SpamScoreScreen({ install, page }: FeatureScreenProps) {
  switch (page) {
    case "history":
      return <HistoryPage />;
    case "settings":
      return <SettingsPage install={install} />;
    default:
      return <DidsPage install={install} />;
  }
}

registerFeature({
  appName: "DID Spam Score",
  label: "Spam Score",
  pages: [
    { id: "dids", title: "DIDs" },
    { id: "history", title: "History" },
    { id: "settings", title: "Settings" },
  ],
  Screen: SpamScoreScreen,
});
