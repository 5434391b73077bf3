// Entry point: asks for the session at once (before the first render) and renders; the first
// interactive screen reports itself to the startup benchmark (see paint.ts).
import { render } from "preact";

import { App, startSession } from "./App";
import "./styles.css";

const boot = startSession();
boot.catch(() => {}); // handled by <App>; this only keeps an early failure from being "unhandled"
const root = document.getElementById("app");
if (root === null) {
  throw new Error("index.html has no #app element");
}
render(<App boot={boot} />, root);
