// A thin indeterminate line at the top of the content while something loads in the
// background; it takes no space, so nothing moves when it comes and goes.
export function ProgressLine({ active, label }: { active: boolean; label: string }) {
  return (
    <div class={active ? "progress-line is-active" : "progress-line"} role="progressbar"
      aria-label={label} aria-hidden={!active} aria-busy={active} />
  );
}
