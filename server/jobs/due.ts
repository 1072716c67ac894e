/**
 * When scheduled work is due: pure functions of a schedule, the time zone it is read in, and the
 * clock, so the scheduler's arithmetic is tested without a database.
 */

export type Rule = { frequency: "daily" } | { frequency: "weekly"; weekday: number } | { frequency: "monthly"; dayOfMonth: number };
export type Slot = { at: Date; /** The slot's local date (YYYY-MM-DD): the period in dedupe keys. */ period: string };

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function localParts(at: Date, timeZone: string): LocalParts {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", weekday: "short" });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return { year: +parts.year!, month: +parts.month!, day: +parts.day!, hour: +parts.hour!, minute: +parts.minute!, second: +parts.second!, weekday: WEEKDAYS.indexOf(parts.weekday!) };
}

/** The instant of a local wall-clock hour in `timeZone` (an hour a DST change skips resolves to the instant before the change). */
export function zonedHourToUtc(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour);
  const offset = (at: number) => {
    const p = localParts(new Date(at), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at;
  };
  // Twice: the first guess uses the offset at the wall time read as UTC, which is off near a change.
  const first = wall - offset(wall);
  return new Date(wall - offset(first));
}

const isoDay = (utcMidnight: number) => new Date(utcMidnight).toISOString().slice(0, 10);

/** The most recent slot of `rule` at `hour` (local) at or before `now`. */
export function latestSlot(rule: Rule, hour: number, now: Date, timeZone: string): Slot {
  const local = localParts(now, timeZone);
  const beforeHour = local.hour < hour;
  let year = local.year;
  let month = local.month;
  let day = local.day;
  if (rule.frequency === "daily") {
    if (beforeHour) day -= 1;
  } else if (rule.frequency === "weekly") {
    let back = (local.weekday - rule.weekday + 7) % 7;
    if (back === 0 && beforeHour) back = 7;
    day -= back;
  } else {
    const reached = local.day > rule.dayOfMonth || (local.day === rule.dayOfMonth && !beforeHour);
    if (!reached) month -= 1;
    day = rule.dayOfMonth;
  }
  // Date.UTC normalises day 0, negative days and month 0 into the previous month or year.
  const midnight = Date.UTC(year, month - 1, day);
  const date = new Date(midnight);
  [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  return { at: zonedHourToUtc(year, month, day, hour, timeZone), period: isoDay(midnight) };
}

/**
 * The slot to enqueue now, if any: the latest one, unless it came before `notBefore` (the
 * schedule was saved after it: saving at 14:00 a daily 02:00 schedule first fires tomorrow).
 * After downtime only the latest missed slot is due, once; earlier ones are not caught up.
 */
export function dueSlot(rule: Rule, hour: number, now: Date, timeZone: string, notBefore: Date): Slot | null {
  const slot = latestSlot(rule, hour, now, timeZone);
  return slot.at.getTime() >= notBefore.getTime() ? slot : null;
}
