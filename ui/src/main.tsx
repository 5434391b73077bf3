// Entry point: asks for the session at once (before the first render), renders, and reports
// the first paint for the startup benchmark (see README, "Benchmarks").
import { render } from "preact";

import { api } from "./api";
import { App, startSession } from "./App";
import "./styles.css";

/** Tells the shell the first frame is on screen; the startup benchmark waits for this. */
function reportFirstPaint() {
  // Two frames: the first callback runs before the paint, the second after it.
  requestAnimationFrame(() => {
    requestAnimationFrame(() => {
      api.reportFirstPaint().catch(() => {});
    });
  });
}

const boot = startSession();
boot.catch(() => {}); // handled by <App>; this only keeps an early failure from being "unhandled"
const root = document.getElementById("app");
if (root === null) {
  throw new Error("index.html has no #app element");
}
render(<App boot={boot} />, root);
reportFirstPaint();
