// DID Spam Score: the screens of an install (DIDs with the Spam Score run, the history with
// charts and CSV, and the settings).
import { registerFeature } from "../registry";

registerFeature({
  appName: "DID Spam Score",
  label: "Spam Score",
  pages: [
    { id: "dids", title: "DIDs" },
    { id: "history", title: "History" },
    { id: "settings", title: "Settings" },
  ],
  load: () => import("./Screen"),
});
