// Click-2-Dial: the screens of an install (Config: customers and keys; Usage: the endpoint,
// a test call, phone links), and the host that answers tel:/callto: links from the desktop.
import { registerFeature, type FeatureScreenProps } from "../registry";
import { ConfigPage } from "./ConfigPage";
import { mountLinkHost } from "./LinkHost";
import { UsagePage } from "./UsagePage";

function ClickToDialScreen({ install, page }: FeatureScreenProps) {
  return page === "usage" ? <UsagePage install={install} /> : <ConfigPage install={install} />;
}

registerFeature({
  appName: "Click-2-Dial",
  label: "Click-2-Dial",
  pages: [
    { id: "config", title: "Config" },
    { id: "usage", title: "Usage and test call" },
  ],
  ownsConfig: true,
  Screen: ClickToDialScreen,
});

mountLinkHost();
