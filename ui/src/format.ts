// Turning the core's values into words: dates, ages, counts, release notes.

/**
 * The person's languages, without the "C"/"POSIX" locale a bare Linux session reports (which
 * would print 1532 for 1,532); English when nothing else is left.
 */
function locales(): string[] {
  const usable = navigator.languages.filter((tag) => !/^(c|posix)([._@-]|$)/i.test(tag));
  return usable.length > 0 ? [...usable] : ["en-GB"];
}

const LOCALES = locales();
const NUMBER_FORMAT = new Intl.NumberFormat(LOCALES);
// Made on first use: the store shows no dates, and a date format brings in the engine's
// calendar and time-zone data, which a launch need not pay for.
let dayFormat: Intl.DateTimeFormat | undefined;

/**
 * Parses the platform's timestamps: RFC 3339 from the core, or `YYYY-MM-DD HH:MM:SS` (UTC)
 * as the platform writes release dates. `null` when it is neither.
 */
export function parseTime(text: string | null | undefined): Date | null {
  if (text === null || text === undefined || text.trim() === "") {
    return null;
  }
  const iso = text.trim().replace(" ", "T");
  const hasZone = /(?:Z|[+-]\d\d:?\d\d)$/i.test(iso);
  const withZone = hasZone || !iso.includes("T") ? iso : `${iso}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "15 Jan 2026", or the text as it came when it is not a date. */
export function formatDay(text: string): string {
  const date = parseTime(text);
  if (date === null) {
    return text;
  }
  dayFormat ??= new Intl.DateTimeFormat(LOCALES, {
    day: "numeric",
    month: "short",
    year: "numeric",
  });
  return dayFormat.format(date);
}

export function formatCount(value: number): string {
  return NUMBER_FORMAT.format(value);
}

/** "1 install", "1,532 installs". */
export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

const AGE_STEPS: ReadonlyArray<readonly [number, string, string]> = [
  [60, "minute", "minutes"],
  [24, "hour", "hours"],
  [30, "day", "days"],
  [12, "month", "months"],
  [Number.POSITIVE_INFINITY, "year", "years"],
];

/** "just now", "12 minutes ago", "3 days ago": how long before `now` the time `then` was. */
export function timeAgo(then: Date, now: Date): string {
  let amount = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (amount < 1) {
    return "just now";
  }
  for (const [size, one, many] of AGE_STEPS) {
    if (amount < size) {
      return `${amount} ${amount === 1 ? one : many} ago`;
    }
    amount = Math.floor(amount / size);
  }
  return "a long time ago";
}

/** Paragraphs of a plain text, split at blank lines. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** Release notes: `- ` lines become list items; other lines stay as lines of text. */
export type NotesBlock = { kind: "list"; items: string[] } | { kind: "text"; text: string };

export function releaseNotes(text: string): NotesBlock[] {
  const blocks: NotesBlock[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") {
      continue;
    }
    const item = /^[-*•]\s+(.*)$/.exec(line)?.[1];
    const last = blocks[blocks.length - 1];
    if (item === undefined) {
      blocks.push({ kind: "text", text: line });
    } else if (last?.kind === "list") {
      last.items.push(item);
    } else {
      blocks.push({ kind: "list", items: [item] });
    }
  }
  return blocks;
}

/** `base`, or "base 2", "base 3"… : the first that none of `taken` uses (any case). */
export function uniqueName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((name) => name.trim().toLowerCase()));
  if (!used.has(base.trim().toLowerCase())) {
    return base;
  }
  for (let n = 2; ; n += 1) {
    const candidate = `${base} ${n}`;
    if (!used.has(candidate.toLowerCase())) {
      return candidate;
    }
  }
}

/** Up to two initials of a name, for the letter avatar. */
export function initials(name: string): string {
  const words = name.split(/[\s\-_]+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  const letters = words.slice(0, 2).map((word) => [...word][0] ?? "");
  return letters.join("").toUpperCase() || "?";
}

/** A stable small number from a text, to pick the avatar's colour. */
export function hashOf(text: string): number {
  let hash = 0;
  for (const char of text) {
    hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  }
  return hash;
}
