// The banner across the top while the platform cannot be reached, with the age of what is
// shown kept current.
import type { Freshness } from "../bindings/Freshness";
import { parseTime, timeAgo } from "../format";
import { useNow } from "../state/hooks";
import { Button } from "./Button";
import { Icon } from "./Icon";

/** How often the age is recomputed. */
const TICK_MS = 20_000;

function savedWhen(syncedAt: string | null, now: Date): string {
  const synced = parseTime(syncedAt);
  if (synced === null) {
    return "Offline — nothing has been saved from the platform yet.";
  }
  return `Offline — showing what was saved ${timeAgo(synced, now)}.`;
}

export function OfflineBanner(props: {
  freshness: Freshness;
  retrying: boolean;
  onRetry: () => void;
}) {
  const now = useNow(TICK_MS);
  return (
    <div class="banner banner-offline" role="status" data-testid="offline-banner">
      <Icon name="offline" />
      <div class="banner-text">
        <strong>{savedWhen(props.freshness.synced_at, now)}</strong>{" "}
        Actions that change the account need the platform.
        {props.freshness.notice !== null && (
          <span class="banner-notice">{props.freshness.notice}</span>
        )}
      </div>
      <Button size="sm" variant="ghost" icon="refresh" busy={props.retrying}
        onClick={props.onRetry}>
        Try again
      </Button>
    </div>
  );
}
