// Yoco Top-ups: the screens of a Yoco Payments install (Top up, History, Settings).
import { registerFeature } from "../registry";

const pages = [
  { id: "top-up", title: "Top up" },
  { id: "history", title: "History" },
  { id: "config", title: "Settings" },
];

const load = () => import("./Screen");

// The sandbox (and the App Store page) call the app "Yoco Payments"; some accounts list it
// as plain "Yoco".
for (const appName of ["Yoco Payments", "Yoco"]) {
  // `ownsConfig`: the store's Config button opens Settings, which shows the saved key's mode and
  // last four, tests a key with Yoco, and checks the surcharge more strictly.
  registerFeature({ appName, label: "Yoco Top-ups", pages, ownsConfig: true, load });
}
