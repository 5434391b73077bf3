// The apps that bring their own screens once installed (Auto Dial, NeuTrafix, Yoco top-ups …).
// Each feature registers here: which app it belongs to (by the app's name, which is the same
// on every account, unlike its id), the label of its sidebar entry, and its pages. An install
// of such an app gets a sidebar entry under the name it was installed with, opening
// `#/install/<install id>/<page>`.
import type { ComponentType } from "preact";

import type { InstallView } from "../bindings/InstallView";

export interface FeaturePage {
  /** The page's part of the route, e.g. `numbers`. */
  id: string;
  title: string;
}

export interface FeatureScreenProps {
  install: InstallView;
  /** One of the feature's page ids; the first page when the route names none or an unknown one. */
  page: string;
}

export interface Feature {
  /** The app's name in the store, compared without case. */
  appName: string;
  /** The sidebar entry's kind, shown under the install's own name (e.g. "Auto Dial"). */
  label: string;
  pages: FeaturePage[];
  /**
   * The feature's `config` page replaces the store's Config dialog (Click-2-Dial's customer
   * table, say): the Config button of its installs opens that page.
   */
  ownsConfig?: boolean;
  Screen: ComponentType<FeatureScreenProps>;
}

const features: Feature[] = [];

/** Adds a feature; called once per feature from `features/index.ts`. */
export function registerFeature(feature: Feature): void {
  features.push(feature);
}

export function featureFor(install: InstallView): Feature | null {
  const name = install.app_name.trim().toLowerCase();
  return features.find((feature) => feature.appName.toLowerCase() === name) ?? null;
}
