// The store: search, categories, and the grid of apps.
import type { TargetedEvent, TargetedKeyboardEvent } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";

import type { AppCard } from "../bindings/AppCard";
import type { CategoryCount } from "../bindings/CategoryCount";
import type { StoreView } from "../bindings/StoreView";
import { Avatar } from "../components/Avatar";
import { Badge, OwnerBadge } from "../components/Badge";
import { Button } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { Icon } from "../components/Icon";
import { formatCount, plural } from "../format";
import { isFirstScreenDrawn, whenFirstScreenDrawn } from "../paint";
import { appHref } from "../router";
import { useShortcut } from "../state/hooks";
import type { StoreModel } from "../state/store";
import { useWorkspace } from "../state/workspace";

/** How many placeholder cards stand in for the grid before the first answer. */
const SKELETON_CARDS = 9;

/** Cards in the app's first frame: a screenful at the window's first size. The rest follow as
 * soon as the page has drawn that frame (see paint.ts), so launching draws what is seen first. */
const FIRST_FRAME_CARDS = 12;

/** How many of `count` cards to draw: all of them, except in the app's first frame. */
function useCardsToDraw(count: number): number {
  const [all, setAll] = useState(isFirstScreenDrawn);
  useEffect(() => {
    if (all) {
      return;
    }
    let mounted = true;
    whenFirstScreenDrawn(() => mounted && setAll(true));
    return () => {
      mounted = false;
    };
  }, [all]);
  return all ? count : Math.min(count, FIRST_FRAME_CARDS);
}

function SearchBox({ store }: { store: StoreModel }) {
  const input = useRef<HTMLInputElement>(null);
  const focus = useCallback(() => input.current?.focus(), []);
  useShortcut("/", focus);
  useEffect(focus, [focus]);

  const onInput = (event: TargetedEvent<HTMLInputElement>) =>
    store.setText(event.currentTarget.value);
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Escape" && store.query.text !== "") {
      event.preventDefault();
      store.setText("");
    }
  };
  return (
    <div class="search">
      <Icon name="search" />
      <input ref={input} type="search" class="search-input" value={store.query.text}
        placeholder="Search apps by name, publisher or description" aria-label="Search apps"
        aria-keyshortcuts="/" data-testid="store-search" onInput={onInput}
        onKeyDown={onKeyDown} />
      <kbd class="search-hint" aria-hidden="true">/</kbd>
    </div>
  );
}

function CategoryChip(props: {
  name: string;
  label: string;
  count: number;
  current: boolean;
  onPick: () => void;
}) {
  return (
    <button type="button" class={props.current ? "chip is-current" : "chip"}
      aria-pressed={props.current} data-testid={`category-${props.name}`} onClick={props.onPick}>
      {props.label}
      <span class="chip-count">{formatCount(props.count)}</span>
    </button>
  );
}

function Categories({ store, view }: { store: StoreModel; view: StoreView }) {
  const current = store.query.category;
  const pick = (category: CategoryCount) =>
    store.setCategory(current === category.name ? null : category.name);
  return (
    <div class="chips" role="group" aria-label="Categories">
      <CategoryChip name="all" label="All" count={view.total} current={current === null}
        onPick={() => store.setCategory(null)} />
      {view.categories.map((category) => (
        <CategoryChip key={category.name} name={category.name} label={category.name}
          count={category.count} current={current === category.name}
          onPick={() => pick(category)} />
      ))}
    </div>
  );
}

function Card({ app }: { app: AppCard }) {
  return (
    <a class="card" href={appHref(app.id)} data-testid="app-card" data-app-name={app.name}>
      <div class="card-head">
        <Avatar name={app.name} />
        <div class="card-title">
          <h3 class="card-name">{app.name}</h3>
          <p class="card-publisher">{app.publisher}</p>
        </div>
      </div>
      <p class="card-summary" title={app.summary}>{app.summary}</p>
      <div class="card-badges">
        {app.owned && <OwnerBadge />}
        {app.installed > 0 && <Badge tone="success">Installed ×{app.installed}</Badge>}
      </div>
      <div class="card-meta">
        <span class="card-category">{app.category}</span>
        <span>v{app.latest_version}</span>
        <span>{plural(app.installs, "install", "installs")}</span>
      </div>
    </a>
  );
}

function ResultCount({ store, view }: { store: StoreModel; view: StoreView }) {
  const { text, category } = store.query;
  const shown = plural(view.apps.length, "app", "apps");
  const where = category === null ? "" : ` in ${category}`;
  const matchingText = text.trim() === "" ? "" : ` matching “${text.trim()}”`;
  return (
    <p class="result-count" aria-live="polite">
      {text.trim() === "" && category === null ? shown : `${shown}${where}${matchingText}`}
      {view.total > 0 && (text.trim() !== "" || category !== null) && (
        <span class="muted"> · {formatCount(view.total)} in the store</span>
      )}
    </p>
  );
}

function NoResults({ store, view }: { store: StoreModel; view: StoreView }) {
  if (view.total === 0) {
    return (
      <EmptyState icon="store" title="The store has nothing saved yet"
        actions={<Button variant="primary" icon="refresh" busy={store.refreshing}
          onClick={() => void store.refresh()}>Refresh from the platform</Button>}>
        Refresh to fetch the catalogue. If the platform cannot be reached, check the connection
        and the account's base URL.
      </EmptyState>
    );
  }
  const { text, category } = store.query;
  return (
    <EmptyState icon="search" title="No apps match">
      <p>
        Nothing{category === null ? "" : ` in ${category}`} matches “{text.trim()}”. Check the
        spelling or try a shorter word.
      </p>
      <div class="empty-actions">
        {text !== "" && <Button onClick={() => store.setText("")}>Clear the search</Button>}
        {category !== null && (
          <Button onClick={() => store.setCategory(null)}>Search all categories</Button>
        )}
      </div>
    </EmptyState>
  );
}

/** Stands in for chips, count and grid, at their sizes, until the first answer. */
function Skeleton() {
  return (
    <div aria-hidden="true">
      <div class="chips" />
      <p class="result-count">{"\u00a0"}</p>
      <div class="grid">
        {Array.from({ length: SKELETON_CARDS }, (_, index) => (
          <div key={index} class="card card-skeleton" />
        ))}
      </div>
    </div>
  );
}

function Results({ store, view }: { store: StoreModel; view: StoreView }) {
  const drawn = useCardsToDraw(view.apps.length);
  return (
    <>
      <Categories store={store} view={view} />
      <ResultCount store={store} view={view} />
      {view.apps.length === 0 ? (
        <NoResults store={store} view={view} />
      ) : (
        <div class="grid">
          {view.apps.slice(0, drawn).map((app) => <Card key={app.id} app={app} />)}
        </div>
      )}
    </>
  );
}

export function StoreScreen() {
  const { store } = useWorkspace();
  const { reload } = store;
  useEffect(reload, [reload]);

  return (
    <section class="page" aria-labelledby="store-title">
      <header class="page-header">
        <div>
          <h1 id="store-title" class="page-title">Store</h1>
          <p class="page-subtitle">Apps to install on this account</p>
        </div>
        <Button icon="refresh" busy={store.refreshing} onClick={() => void store.refresh()}
          title="Fetch the catalogue from the platform">
          Refresh
        </Button>
      </header>
      <SearchBox store={store} />
      {store.view === null ? <Skeleton /> : <Results store={store} view={store.view} />}
    </section>
  );
}
