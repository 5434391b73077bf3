// The screens of the feature, loaded on first use (see `index.tsx`).
import type { FeatureScreenProps } from "../registry";
import { AccountPage } from "./AccountPage";
import { MarketPage } from "./MarketPage";
import { MarketViewPage } from "./MarketViewPage";
import { PrefixesPage } from "./PrefixesPage";
import { RatingPage } from "./RatingPage";

export default function NeutrafixScreen({ install, page }: FeatureScreenProps) {
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
