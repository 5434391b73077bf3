// A copy button: the clipboard API where the webview allows it, else a selected hidden field
// and the older copy command; it says "Copied" for a moment either way it worked.
import { useState } from "preact/hooks";

import { Button } from "../../components/Button";

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done;
  }
}

export function CopyButton(props: { text: string; label: string; testId: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = () => {
    void writeClipboard(props.text).then((ok) => {
      setState(ok ? "copied" : "failed");
      window.setTimeout(() => setState("idle"), 2500);
    });
  };
  return (
    <Button size="sm" icon={state === "copied" ? "check" : undefined} onClick={copy}
      testId={props.testId}>
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select it" : props.label}
    </Button>
  );
}
