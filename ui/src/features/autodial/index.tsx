// Auto Dial: the screens of an Autonomous Calling install (Config, Set Numbers, Start).
import { registerFeature, type FeatureScreenProps } from "../registry";
import { ConfigPage } from "./ConfigPage";
import { NumbersPage } from "./NumbersPage";
import { StartPage } from "./StartPage";

function AutoDialScreen({ install, page }: FeatureScreenProps) {
  switch (page) {
    case "numbers":
      return <NumbersPage install={install} />;
    case "start":
      return <StartPage install={install} />;
    default:
      return <ConfigPage install={install} />;
  }
}

registerFeature({
  appName: "Autonomous Calling",
  label: "Auto Dial",
  pages: [
    { id: "config", title: "Config" },
    { id: "numbers", title: "Set Numbers" },
    { id: "start", title: "Start" },
  ],
  Screen: AutoDialScreen,
});
