// Small hooks shared by screens.
import { useEffect, useState } from "preact/hooks";

/** The current time, updated every `everyMs`: keeps "12 minutes ago" true. */
export function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * Calls `action` when `key` is pressed outside a text input and with no dialog open, as with
 * `/` to reach the search box.
 */
export function useShortcut(key: string, action: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const modifier = event.ctrlKey || event.metaKey || event.altKey;
      const dialogOpen = document.querySelector("dialog[open]") !== null;
      if (event.key !== key || modifier || dialogOpen || isTyping(event.target)) {
        return;
      }
      event.preventDefault();
      action();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [key, action]);
}
