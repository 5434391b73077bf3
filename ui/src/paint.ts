// The startup benchmark's signal (see README, "Benchmarks"): sent once the first interactive
// screen — the store drawn from the cache, or the sign-in form — is on screen, not the outline
// shown while the session starts.
import { api } from "./api";

let reported = false;

export function reportFirstPaint(): void {
  if (reported) {
    return;
  }
  reported = true;
  // Two frames: the first callback runs before the paint, the second after it.
  requestAnimationFrame(() => {
    requestAnimationFrame(() => {
      api.reportFirstPaint().catch(() => {});
    });
  });
}
