// NeuTrafix: the screens of a NeuTrafix install (Market, Market View, Prefixes, Rating,
// Account). What they show is computed in the core (`cx-neutrafix`); these pages ask for it.
import { registerFeature } from "../registry";

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
  load: () => import("./Screen"),
});
