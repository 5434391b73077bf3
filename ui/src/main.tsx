// Entry point: asks for the session at once and renders as soon as it is there (or, when it
// takes longer, the shell's outline meanwhile); the first interactive screen reports itself to
// the startup benchmark (see paint.ts).
import { render } from "preact";

import { App, firstPhase, startSession } from "./App";
import "./styles.css";

const boot = startSession();
boot.catch(() => {}); // handled by <App>; this only keeps an early failure from being "unhandled"
const root = document.getElementById("app");
if (root === null) {
  throw new Error("index.html has no #app element");
}
void firstPhase(boot).then((first) => render(<App boot={boot} first={first} />, root));
