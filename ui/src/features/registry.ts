// The apps that bring their own screens once installed (Auto Dial, NeuTrafix, Yoco top-ups …).
// Each feature registers here: which app it belongs to (by the app's name, which is the same
// on every account, unlike its id), the label of its sidebar entry, and its pages. An install
// of such an app gets a sidebar entry under the name it was installed with, opening
// `#/install/<install id>/<page>`.
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";

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
  /** Loads the feature's screens: each feature is its own chunk, fetched when first opened, so
   * the store starts without parsing the code of every app. */
  load: () => Promise<{ default: ComponentType<FeatureScreenProps> }>;
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

const loadedScreens = new Map<Feature["load"], ComponentType<FeatureScreenProps>>();

/** The feature's screen component once its chunk is loaded (at once when it already is); `null`
 * while loading; `"failed"` when the chunk could not be loaded. */
export function useFeatureScreen(
  feature: Feature,
): ComponentType<FeatureScreenProps> | null | "failed" {
  const [screen, setScreen] = useState<ComponentType<FeatureScreenProps> | null | "failed">(
    () => loadedScreens.get(feature.load) ?? null,
  );
  useEffect(() => {
    if (loadedScreens.has(feature.load)) {
      return;
    }
    let current = true;
    feature.load().then(
      (module) => {
        loadedScreens.set(feature.load, module.default);
        if (current) {
          setScreen(() => module.default);
        }
      },
      () => current && setScreen("failed"),
    );
    return () => {
      current = false;
    };
  }, [feature]);
  return screen;
}
