// Hash routing: `#/store`, `#/installed`, `#/app/<id>/<tab>`, `#/install/<id>/<page>` (an
// installed app's own screens, see `features/`), `#/sign-in`. The hash keeps the
// webview's back and forward working and lets a screen be opened by URL.
import { useEffect, useState } from "preact/hooks";

export const APP_TABS = ["description", "installed", "versions", "docs"] as const;
export type AppTab = (typeof APP_TABS)[number];

export type Route =
  | { name: "store" }
  | { name: "installed" }
  | { name: "sign-in" }
  | { name: "app"; appId: string; tab: AppTab }
  | { name: "install"; installId: string; page: string };

function isTab(value: string | undefined): value is AppTab {
  return APP_TABS.some((tab) => tab === value);
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/");
  const [first, second, third] = parts;
  if (first === "installed") {
    return { name: "installed" };
  }
  if (first === "sign-in") {
    return { name: "sign-in" };
  }
  const installId = first === "install" && second !== undefined ? decode(second) : null;
  if (installId !== null && installId !== "") {
    return { name: "install", installId, page: (third === undefined ? null : decode(third)) ?? "" };
  }
  const appId = first === "app" && second !== undefined ? decode(second) : null;
  if (appId !== null && appId !== "") {
    return { name: "app", appId, tab: isTab(third) ? third : "description" };
  }
  return { name: "store" };
}

export function href(route: Route): string {
  switch (route.name) {
    case "store":
      return "#/store";
    case "installed":
      return "#/installed";
    case "sign-in":
      return "#/sign-in";
    case "app":
      return `#/app/${encodeURIComponent(route.appId)}/${route.tab}`;
    case "install":
      return `#/install/${encodeURIComponent(route.installId)}/${encodeURIComponent(route.page)}`;
  }
}

export function appHref(appId: string, tab: AppTab = "description"): string {
  return href({ name: "app", appId, tab });
}

/** Goes to `route`; `replace` keeps it out of the history (tab switches, redirects). */
export function navigate(route: Route, replace = false): void {
  const target = href(route);
  if (replace) {
    location.replace(target);
  } else {
    location.hash = target;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
