// Auto Dial: the screens of an Autonomous Calling install (Config, Set Numbers, Start).
import { registerFeature } from "../registry";

registerFeature({
  appName: "Autonomous Calling",
  label: "Auto Dial",
  pages: [
    { id: "config", title: "Config" },
    { id: "numbers", title: "Set Numbers" },
    { id: "start", title: "Start" },
  ],
  load: () => import("./Screen"),
});
