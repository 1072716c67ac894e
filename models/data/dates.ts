const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Exports often carry a time part or slashes; both are unambiguous year-first forms.
const LOOSE_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/;

function toEpochDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2023-02-30 over to March; a valid date round-trips.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/** Days since 1970-01-01 for a strict ISO `YYYY-MM-DD` date, or null when invalid. */
export function isoToEpochDay(iso: string): number | null {
  const m = ISO_DATE.exec(iso);
  return m ? toEpochDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Like isoToEpochDay but also accepts `YYYY/M/D` and a trailing time (`2024-01-05T00:00:00Z`). */
export function looseDateToEpochDay(text: string): number | null {
  const m = LOOSE_DATE.exec(text.trim());
  return m ? toEpochDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function epochDayToIso(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

/** The ISO date `days` after (or before, when negative) a valid ISO date. */
export function addDaysIso(iso: string, days: number): string {
  const epochDay = isoToEpochDay(iso);
  if (epochDay === null) throw new Error(`"${iso}" is not a valid YYYY-MM-DD date`);
  return epochDayToIso(epochDay + days);
}
