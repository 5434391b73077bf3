// The store grid's state: the query, the latest view answered for it, and refreshing.
// `store_view` is asked on every keystroke; only the answer to the latest question is shown.
import { useCallback, useRef, useState } from "preact/hooks";

import { api } from "../api";
import type { Freshness } from "../bindings/Freshness";
import type { StoreQuery } from "../bindings/StoreQuery";
import type { StoreView } from "../bindings/StoreView";

export const EMPTY_QUERY: StoreQuery = { text: "", category: null };

export interface StoreModel {
  query: StoreQuery;
  view: StoreView | null;
  refreshing: boolean;
  setText: (text: string) => void;
  setCategory: (category: string | null) => void;
  /** Asks again for the current query, from memory (after an install changes the counts). */
  reload: () => void;
  /** Fetches the catalogue from the platform. Resolves when done, whatever the outcome. */
  refresh: () => Promise<void>;
}

interface StoreDeps {
  initialView: StoreView | null;
  fail: (error: unknown) => void;
  noteFreshness: (freshness: Freshness) => void;
  afterRefresh: () => void;
}

export function useStoreModel(deps: StoreDeps): StoreModel {
  const [query, setQuery] = useState<StoreQuery>(EMPTY_QUERY);
  const [view, setView] = useState<StoreView | null>(deps.initialView);
  const [refreshing, setRefreshing] = useState(false);
  const latest = useRef({ asked: 0, query: EMPTY_QUERY });
  // The view the session started with is what the store screen's first reload would answer.
  const skipFirstReload = useRef(deps.initialView !== null);
  const depsRef = useRef(deps);
  depsRef.current = deps;

  const accept = useCallback((answer: StoreView) => {
    setView(answer);
    depsRef.current.noteFreshness(answer.freshness);
  }, []);

  const show = useCallback(
    (next: StoreQuery) => {
      latest.current = { asked: latest.current.asked + 1, query: next };
      const asked = latest.current.asked;
      api.storeView(next).then(
        (answer) => asked === latest.current.asked && accept(answer),
        (error: unknown) => depsRef.current.fail(error),
      );
    },
    [accept],
  );

  const ask = useCallback(
    (next: StoreQuery) => {
      setQuery(next);
      show(next);
    },
    [show],
  );

  const refresh = useCallback(async () => {
    setRefreshing(true);
    latest.current = { ...latest.current, asked: latest.current.asked + 1 };
    const asked = latest.current.asked;
    try {
      const answer = await api.storeRefresh(latest.current.query);
      if (asked === latest.current.asked) {
        accept(answer);
      } else {
        show(latest.current.query);
      }
      depsRef.current.afterRefresh();
    } catch (error: unknown) {
      depsRef.current.fail(error);
    } finally {
      setRefreshing(false);
    }
  }, [accept, show]);

  const setText = useCallback((text: string) => ask({ ...latest.current.query, text }), [ask]);
  const setCategory = useCallback(
    (category: string | null) => ask({ ...latest.current.query, category }),
    [ask],
  );
  const reload = useCallback(() => {
    if (skipFirstReload.current) {
      skipFirstReload.current = false;
      return;
    }
    show(latest.current.query);
  }, [show]);

  return { query, view, refreshing, setText, setCategory, reload, refresh };
}
