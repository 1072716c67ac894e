import "server-only";

/** The day orders a file may use; detected from its first dates unless the caller names one. */
export const DATE_FORMATS = ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY", "YYYY/MM/DD", "YYYYMMDD"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const PATTERNS: Record<DateFormat, { re: RegExp; order: readonly ["y" | "m" | "d", "y" | "m" | "d", "y" | "m" | "d"] }> = {
  "YYYY-MM-DD": { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: ["y", "m", "d"] },
  "DD/MM/YYYY": { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ["d", "m", "y"] },
  "MM/DD/YYYY": { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ["m", "d", "y"] },
  "DD.MM.YYYY": { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ["d", "m", "y"] },
  "YYYY/MM/DD": { re: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, order: ["y", "m", "d"] },
  YYYYMMDD: { re: /^(\d{4})(\d{2})(\d{2})$/, order: ["y", "m", "d"] },
};

/** Dates outside these years are typos (a two-digit year, a swapped field), not history. */
export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2100;

const pad = (n: number) => String(n).padStart(2, "0");

/** `value` in `format` as YYYY-MM-DD, or null when it is not a real calendar day in that format. */
export function parseDate(value: string, format: DateFormat): string | null {
  const { re, order } = PATTERNS[format];
  const match = re.exec(value);
  if (!match) return null;
  const parts = { y: 0, m: 0, d: 0 };
  order.forEach((part, i) => (parts[part] = Number(match[i + 1])));
  const { y, m, d } = parts;
  if (m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

export type DateFormatGuess = { format: DateFormat } | { ambiguous: DateFormat[] } | { none: true };

/**
 * The format every sample parses in. Several fitting (01/02/2024 reads as 1 February or 2 January)
 * is ambiguous: the caller must say which, since guessing would silently swap months and days.
 * ISO wins over the others when it fits, as no other format reads its dates.
 */
export function guessDateFormat(samples: readonly string[]): DateFormatGuess {
  if (samples.length === 0) return { none: true };
  const fitting = DATE_FORMATS.filter((format) => samples.every((s) => parseDate(s, format) !== null));
  if (fitting.length === 1) return { format: fitting[0]! };
  if (fitting.length > 1) return { ambiguous: fitting };
  // No single format reads every sample: take the one that reads most, and the rows it cannot read are rejected one by one.
  const best = DATE_FORMATS.map((format) => ({ format, n: samples.filter((s) => parseDate(s, format) !== null).length })).sort((a, b) => b.n - a.n);
  if (!best[0] || best[0].n === 0) return { none: true };
  const tied = best.filter((b) => b.n === best[0]!.n).map((b) => b.format);
  return tied.length === 1 ? { format: tied[0]! } : { ambiguous: tied };
}
