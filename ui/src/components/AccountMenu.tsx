// The account at the foot of the sidebar, and its menu: switch to a saved account, sign in to
// another, sign out.
import type { TargetedKeyboardEvent } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

import { api } from "../api";
import type { Profile } from "../bindings/Profile";
import type { SessionView } from "../bindings/SessionView";
import { navigate } from "../router";
import { useWorkspace } from "../state/workspace";
import { SandboxBadge } from "./Badge";
import { Spinner } from "./Button";
import { Icon } from "./Icon";

export interface AccountActions {
  onSession: (session: SessionView) => void;
  onSignedOut: () => void;
}

/** Sandbox first, then the most recently used. */
function ordered(profiles: Profile[]): Profile[] {
  return [...profiles].sort((a, b) => {
    if (a.is_sandbox !== b.is_sandbox) {
      return a.is_sandbox ? -1 : 1;
    }
    return (b.last_used_at ?? "").localeCompare(a.last_used_at ?? "");
  });
}

function moveInMenu(event: TargetedKeyboardEvent<HTMLElement>): void {
  const step = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
  if (step === 0) {
    return;
  }
  event.preventDefault();
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>("[role=menuitem]")];
  const at = items.findIndex((item) => item === document.activeElement);
  items[(at + step + items.length) % items.length]?.focus();
}

function useOutsideClose(open: boolean, close: () => void, root: { current: HTMLElement | null }) {
  useEffect(() => {
    if (!open) {
      return undefined;
    }
    const onDown = (event: MouseEvent) => {
      if (!(event.target instanceof Node) || !root.current?.contains(event.target)) {
        close();
      }
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open, close, root]);
}

export function AccountMenu(props: AccountActions) {
  const { session } = useWorkspace();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const close = () => setOpen(false);
  useOutsideClose(open, close, root);

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape" && open) {
      setOpen(false);
      root.current?.querySelector<HTMLElement>(".account-button")?.focus();
    }
  };

  return (
    <div class="account" ref={root} onKeyDown={onKeyDown}>
      {open && <AccountMenuList {...props} current={session.profile.id} onDone={close} />}
      <button type="button" class="account-button" aria-haspopup="menu" aria-expanded={open}
        onClick={() => setOpen(!open)}>
        <span class="account-text">
          <span class="account-profile">{session.profile.name}</span>
          <span class="account-company">
            {session.account_name ?? session.profile.login}
          </span>
        </span>
        <Icon name="chevron" />
      </button>
      {session.profile.is_sandbox && <SandboxBadge />}
    </div>
  );
}

interface ListProps extends AccountActions {
  current: number;
  onDone: () => void;
}

function AccountMenuList(props: ListProps) {
  const { fail } = useWorkspace();
  const [profiles, setProfiles] = useState<Profile[] | null>(null);
  const [busy, setBusy] = useState<number | "sign-out" | null>(null);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api.profilesList().then((all) => setProfiles(ordered(all)), fail);
  }, [fail]);
  useEffect(() => {
    list.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
  }, [profiles]);

  const run = async (what: number | "sign-out", action: () => Promise<void>) => {
    setBusy(what);
    try {
      await action();
      props.onDone();
    } catch (error: unknown) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };
  const switchTo = (profile: Profile) =>
    run(profile.id, async () => props.onSession(await api.resumeProfile(profile.id)));
  const signOut = () =>
    run("sign-out", async () => {
      await api.signOut();
      props.onSignedOut();
    });
  const others = (profiles ?? []).filter((profile) => profile.id !== props.current);

  return (
    <div class="menu" role="menu" aria-label="Account" ref={list} onKeyDown={moveInMenu}>
      <p class="menu-heading">Switch account</p>
      {profiles === null && <p class="menu-note"><Spinner small /> Loading accounts…</p>}
      {profiles !== null && others.length === 0 && <p class="menu-note">No other saved account.</p>}
      {others.map((profile) => (
        <button key={profile.id} type="button" role="menuitem" class="menu-item"
          disabled={busy !== null} onClick={() => void switchTo(profile)}>
          <span class="menu-item-main">
            {profile.is_sandbox ? "Built-in sandbox" : profile.name}
            <span class="menu-item-sub">{profile.is_sandbox ? "Training data" : profile.login}</span>
          </span>
          {busy === profile.id && <Spinner small />}
        </button>
      ))}
      <hr class="menu-rule" />
      <button type="button" role="menuitem" class="menu-item" disabled={busy !== null}
        onClick={() => {
          props.onDone();
          navigate({ name: "sign-in" });
        }}>
        <span class="menu-item-main">Sign in to another account…</span>
      </button>
      <button type="button" role="menuitem" class="menu-item" disabled={busy !== null}
        onClick={() => void signOut()}>
        <span class="menu-item-main">Sign out</span>
        {busy === "sign-out" && <Spinner small />}
      </button>
    </div>
  );
}
