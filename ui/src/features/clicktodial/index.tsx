// Click-2-Dial: the screens of an install (Config: customers and keys; Usage: the endpoint,
// a test call, phone links), and the host that answers tel:/callto: links from the desktop.
import { registerFeature } from "../registry";
import { mountLinkHost } from "./LinkHost";

registerFeature({
  appName: "Click-2-Dial",
  label: "Click-2-Dial",
  pages: [
    { id: "config", title: "Config" },
    { id: "usage", title: "Usage and test call" },
  ],
  ownsConfig: true,
  load: () => import("./Screen"),
});

mountLinkHost();
