// The startup benchmark's signal (see README, "Benchmarks"): sent once the first interactive
// screen — the store drawn from the cache, or the sign-in form — is on screen, not the outline
// shown while the session starts.
import { api } from "./api";

let reported = false;
let drawn = false;
const afterDrawn: (() => void)[] = [];

/** Runs `work` once the first interactive screen is drawn (at once if it already is), so that
 * background work at startup (refreshing from the platform) never delays that first frame. */
export function whenFirstScreenDrawn(work: () => void): void {
  if (drawn) {
    work();
  } else {
    afterDrawn.push(work);
  }
}

/** Whether the first interactive screen is drawn yet. */
export function isFirstScreenDrawn(): boolean {
  return drawn;
}

/** A window that is not shown draws no frames; the waiting work then starts after this. */
const UNDRAWN_FALLBACK_MS = 2000;

function markDrawn(): void {
  if (!drawn) {
    drawn = true;
    afterDrawn.splice(0).forEach((work) => work());
  }
}

export function reportFirstPaint(): void {
  if (reported) {
    return;
  }
  reported = true;
  setTimeout(markDrawn, UNDRAWN_FALLBACK_MS);
  // Two frames: the first callback runs before the paint, the second after it.
  requestAnimationFrame(() => {
    requestAnimationFrame(() => {
      api.reportFirstPaint().catch(() => {});
      markDrawn();
    });
  });
}
