// NeuTrafix: the screens of a NeuTrafix install (Market, Market View, Prefixes, Rating,
// Account). What they show is computed in the core (`cx-neutrafix`); these pages ask for it.
import { registerFeature, type FeatureScreenProps } from "../registry";
import { AccountPage } from "./AccountPage";
import { MarketPage } from "./MarketPage";
import { MarketViewPage } from "./MarketViewPage";
import { PrefixesPage } from "./PrefixesPage";
import { RatingPage } from "./RatingPage";

function NeutrafixScreen({ install, page }: FeatureScreenProps) {
  switch (page) {
    case "market-view":
      return <MarketViewPage install={install} />;
    case "prefixes":
      return <PrefixesPage install={install} />;
    case "rating":
      return <RatingPage install={install} />;
    case "account":
      return <AccountPage install={install} />;
    default:
      return <MarketPage install={install} />;
  }
}

registerFeature({
  appName: "NeuTrafix",
  label: "NeuTrafix",
  pages: [
    { id: "market", title: "Market" },
    { id: "market-view", title: "Market View" },
    { id: "prefixes", title: "Prefixes" },
    { id: "rating", title: "Rating" },
    { id: "account", title: "Account" },
  ],
  Screen: NeutrafixScreen,
});
