// A tab strip: links (so each tab has an address), arrow keys move between them.
import type { ComponentChildren, TargetedKeyboardEvent } from "preact";

export interface TabItem<T extends string> {
  id: T;
  label: string;
  count?: number;
  testId: string;
  href: string;
}

function moveFocus(event: TargetedKeyboardEvent<HTMLElement>): void {
  const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
  if (step === 0) {
    return;
  }
  const tabs = [...event.currentTarget.querySelectorAll<HTMLElement>("[role=tab]")];
  const at = tabs.findIndex((tab) => tab === document.activeElement);
  const next = tabs[(at + step + tabs.length) % tabs.length];
  event.preventDefault();
  next?.focus();
  next?.click();
}

/** The panel under a `Tabs` strip, labelled by the current tab. */
export function TabPanel(props: { current: string; children: ComponentChildren }) {
  return (
    <div id="tab-panel" class="tab-panel" role="tabpanel" aria-labelledby={`tab-${props.current}`}>
      {props.children}
    </div>
  );
}

export function Tabs<T extends string>(props: { items: TabItem<T>[]; current: T; label: string }) {
  return (
    <div class="tabs" role="tablist" aria-label={props.label} onKeyDown={moveFocus}>
      {props.items.map((item) => {
        const selected = item.id === props.current;
        return (
          <a key={item.id} id={`tab-${item.id}`} href={item.href} role="tab"
            aria-selected={selected} aria-controls="tab-panel"
            tabIndex={selected ? 0 : -1} class={selected ? "tab is-current" : "tab"}
            data-testid={item.testId} onClick={(event) => {
              event.preventDefault();
              location.replace(item.href);
            }}>
            {item.label}
            {item.count !== undefined && <span class="tab-count">{item.count}</span>}
          </a>
        );
      })}
    </div>
  );
}
