// The left column: product, the two places, the installs by name, and the account.
import type { InstallView } from "../bindings/InstallView";
import { featureFor } from "../features";
import { appHref, href, type Route } from "../router";
import { useWorkspace } from "../state/workspace";
import { AccountMenu, type AccountActions } from "./AccountMenu";
import { Icon } from "./Icon";

function NavLink(props: {
  target: string;
  current: boolean;
  icon: "store" | "box";
  label: string;
  count?: number | undefined;
}) {
  return (
    <a href={props.target} class={props.current ? "nav-link is-current" : "nav-link"}
      aria-current={props.current ? "page" : undefined}>
      <Icon name={props.icon} />
      <span class="nav-label">{props.label}</span>
      {props.count !== undefined && <span class="nav-count">{props.count}</span>}
    </a>
  );
}

function InstallLinks({ installs, route }: { installs: InstallView[]; route: Route }) {
  if (installs.length === 0) {
    return <p class="nav-empty">Nothing installed yet.</p>;
  }
  const openApp = route.name === "app" && route.tab === "installed" ? route.appId : null;
  const openInstall = route.name === "install" ? route.installId : null;
  return (
    <ul class="nav-installs">
      {installs.map((install) => {
        // An app with its own screens opens them; any other opens its page in the store.
        const feature = featureFor(install);
        const target = feature === null
          ? appHref(install.app_id, "installed")
          : href({ name: "install", installId: install.id, page: feature.pages[0]?.id ?? "" });
        const current = feature === null ? openApp === install.app_id : openInstall === install.id;
        return (
          <li key={install.id}>
            <a href={target} class={current ? "nav-install is-current" : "nav-install"}
              data-testid="nav-install" data-install-name={install.name}
              title={`${install.name} — ${install.app_name} ${install.version}`}>
              <span class="nav-install-name">{install.name}</span>
              {feature !== null && feature.label !== install.name && (
                <span class="nav-install-kind">{feature.label}</span>
              )}
              {(install.update_available || install.missing.length > 0) && (
                <span class="nav-dot" aria-label="Needs attention" />
              )}
            </a>
          </li>
        );
      })}
    </ul>
  );
}

export function Sidebar(props: AccountActions & { route: Route }) {
  const { installs } = useWorkspace();
  const list = installs.list ?? [];
  return (
    <nav class="sidebar" aria-label="Main">
      <a class="brand" href={href({ name: "store" })}>
        <span class="brand-mark" aria-hidden="true">Cx</span>
        <span class="brand-text">
          <span class="brand-name">ConnexCS</span>
          <span class="brand-product">App Store</span>
        </span>
      </a>
      <div class="nav">
        <NavLink target={href({ name: "store" })} current={props.route.name === "store"}
          icon="store" label="Store" />
        <NavLink target={href({ name: "installed" })} current={props.route.name === "installed"}
          icon="box" label="Installed" count={installs.list === null ? undefined : list.length} />
      </div>
      <p class="nav-heading">Installed apps</p>
      <div class="nav-scroll">
        {installs.list !== null && <InstallLinks installs={list} route={props.route} />}
      </div>
      <AccountMenu onSession={props.onSession} onSignedOut={props.onSignedOut} />
    </nav>
  );
}
