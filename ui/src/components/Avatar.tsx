// The generated letter avatar of an app: initials on a colour chosen from the name.
import { hashOf, initials } from "../format";

const HUES = 8;

export function Avatar({ name, size = "md" }: { name: string; size?: "sm" | "md" | "lg" }) {
  const hue = hashOf(name) % HUES;
  return (
    <span class={`avatar avatar-${size} avatar-hue-${hue}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
