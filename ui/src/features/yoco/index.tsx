// Yoco Top-ups: the screens of a Yoco Payments install (Top up, History, Settings).
import { registerFeature, type FeatureScreenProps } from "../registry";
import { HistoryPage } from "./HistoryPage";
import { SettingsPage } from "./SettingsPage";
import { TopUpPage } from "./TopUpPage";

function YocoScreen({ install, page }: FeatureScreenProps) {
  switch (page) {
    case "history":
      return <HistoryPage install={install} />;
    case "config":
      return <SettingsPage install={install} />;
    default:
      return <TopUpPage install={install} />;
  }
}

const pages = [
  { id: "top-up", title: "Top up" },
  { id: "history", title: "History" },
  { id: "config", title: "Settings" },
];

// The sandbox (and the App Store page) call the app "Yoco Payments"; some accounts list it
// as plain "Yoco".
for (const appName of ["Yoco Payments", "Yoco"]) {
  // `ownsConfig`: the store's Config button opens Settings, which shows the saved key's mode and
  // last four, tests a key with Yoco, and checks the surcharge more strictly.
  registerFeature({ appName, label: "Yoco Top-ups", pages, ownsConfig: true, Screen: YocoScreen });
}
