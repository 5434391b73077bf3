// The account's installs, shared by the sidebar, the Installed page and the app pages.
// Commands that change an install answer the new InstallView, which replaces the old one here.
import { useCallback, useRef, useState } from "preact/hooks";

import { api } from "../api";
import type { InstallView } from "../bindings/InstallView";

export interface InstallsModel {
  /** `null` until the first answer. */
  list: InstallView[] | null;
  loading: boolean;
  reload: () => Promise<void>;
  upsert: (install: InstallView) => void;
  drop: (installId: string) => void;
}

function replaced(list: InstallView[] | null, install: InstallView): InstallView[] {
  const current = list ?? [];
  const at = current.findIndex((item) => item.id === install.id);
  if (at < 0) {
    return [...current, install];
  }
  return current.map((item, index) => (index === at ? install : item));
}

export function useInstallsModel(fail: (error: unknown) => void): InstallsModel {
  const [list, setList] = useState<InstallView[] | null>(null);
  const [loading, setLoading] = useState(false);
  const asked = useRef(0);
  const failRef = useRef(fail);
  failRef.current = fail;

  const reload = useCallback(async () => {
    const mine = ++asked.current;
    setLoading(true);
    try {
      const answer = await api.installsList();
      if (mine === asked.current) {
        setList(answer);
      }
    } catch (error: unknown) {
      failRef.current(error);
    } finally {
      setLoading(false);
    }
  }, []);

  const upsert = useCallback((install: InstallView) => {
    asked.current += 1;
    setList((current) => replaced(current, install));
  }, []);

  const drop = useCallback((installId: string) => {
    asked.current += 1;
    setList((current) => (current ?? []).filter((item) => item.id !== installId));
  }, []);

  return { list, loading, reload, upsert, drop };
}

/** The installs of one app, in the account's order. */
export function installsOf(list: readonly InstallView[], appId: string): InstallView[] {
  return list.filter((install) => install.app_id === appId);
}
