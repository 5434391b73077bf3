// An installed app's own screens (see `features/registry.ts`): a header with the install's
// name and the feature's pages as tabs, then the page itself.
import { useEffect, useState } from "preact/hooks";

import { Alert } from "../components/Alert";
import { EmptyState } from "../components/EmptyState";
import { TabPanel, Tabs } from "../components/Tabs";
import { featureFor } from "../features";
import { useFeatureScreen, type Feature, type FeatureScreenProps } from "../features/registry";
import { appHref, href } from "../router";
import { useWorkspace } from "../state/workspace";

/** The feature's page, once its code is loaded. */
function FeatureScreen(props: FeatureScreenProps & { feature: Feature }) {
  const Screen = useFeatureScreen(props.feature);
  if (Screen === "failed") {
    return <Alert tone="error">This app's screens could not be loaded. Restart the app.</Alert>;
  }
  if (Screen === null) {
    return <div class="page-loading" aria-busy="true" />;
  }
  return <Screen install={props.install} page={props.page} />;
}

/** Whether the installs were asked for again after this route named an install not yet
 * listed (made a moment ago, or elsewhere): a route is trusted only after one fresh look. */
function useFreshLookFor(installId: string): boolean {
  const { installs } = useWorkspace();
  const [looked, setLooked] = useState(false);
  const known = installs.list?.some((candidate) => candidate.id === installId) ?? false;
  const { reload } = installs;
  useEffect(() => {
    if (known || looked) {
      return;
    }
    let current = true;
    void reload().finally(() => current && setLooked(true));
    return () => {
      current = false;
    };
  }, [known, looked, reload]);
  return known || looked;
}

export function InstallScreen(props: { installId: string; page: string }) {
  const { installs } = useWorkspace();
  const settled = useFreshLookFor(props.installId);
  if (installs.list === null || !settled) {
    return <section class="page" aria-busy="true" />;
  }
  const install = installs.list.find((candidate) => candidate.id === props.installId);
  const feature = install === undefined ? null : featureFor(install);
  if (install === undefined || feature === null) {
    return (
      <section class="page">
        <EmptyState title="This install is gone"
          actions={<a href={href({ name: "installed" })}>See what is installed</a>}>
          It may have been removed, here or on another computer.
        </EmptyState>
      </section>
    );
  }
  const page = feature.pages.find((candidate) => candidate.id === props.page)?.id ??
    feature.pages[0]?.id ?? "";
  return (
    <section class="page" data-testid="install-screen" data-feature={feature.label}>
      <header class="page-header">
        <div>
          <h1 class="page-title">{install.name}</h1>
          <p class="page-subtitle">
            {feature.label} · <a href={appHref(install.app_id, "installed")}>
              {install.app_name} {install.version}</a>
          </p>
        </div>
      </header>
      <Tabs label={`${install.name} pages`} current={page} items={feature.pages.map((item) => ({
        id: item.id,
        label: item.title,
        testId: `page-tab-${item.id}`,
        href: href({ name: "install", installId: install.id, page: item.id }),
      }))} />
      <TabPanel current={page}>
        <FeatureScreen feature={feature} install={install} page={page} />
      </TabPanel>
    </section>
  );
}
