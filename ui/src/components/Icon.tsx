// A handful of line icons drawn on a 16×16 grid; decorative, so hidden from screen readers.

const PATHS = {
  search: "M7 2.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9ZM10.3 10.3 14 14",
  refresh: "M13.5 8A5.5 5.5 0 1 1 11.9 4.1M13.5 2v3.2h-3.2",
  back: "M10 3 5 8l5 5",
  chevron: "M4 6l4 4 4-4",
  store: "M2.5 6.5 3.5 2.5h9l1 4M2.5 6.5h11M3.5 6.5v7h9v-7M6.5 13.5v-4h3v4",
  box: "M2.5 4.5 8 2l5.5 2.5v7L8 14l-5.5-2.5v-7ZM2.5 4.5 8 7l5.5-2.5M8 7v7",
  warning: "M8 2 14.5 13.5h-13L8 2ZM8 6.5v3M8 11.5v.01",
  check: "M3 8.5 6.5 12 13 4.5",
  close: "M4 4l8 8M12 4l-8 8",
  user: "M8 8a2.75 2.75 0 1 0 0-5.5A2.75 2.75 0 0 0 8 8ZM2.5 14c.6-2.6 2.8-4 5.5-4s4.9 1.4 5.5 4",
  arrow: "M3 8h10M9 4l4 4-4 4",
  plus: "M8 3v10M3 8h10",
  info: "M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM8 7.5v4M8 5v.01",
  offline: "M2 2l12 12M5.5 8.6A4 4 0 0 1 8 7.8M3 6.2A7 7 0 0 1 6 4.6M13 6.2a7 7 0 0 0-3.4-1.9M8 12v.01",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      stroke-width="1.5"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
