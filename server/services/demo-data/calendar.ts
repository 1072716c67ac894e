import "server-only";
import type { HolidayParams } from "@/server/tenants/tenant-config";

const DAY_MS = 86_400_000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** 0 = Monday … 6 = Sunday, the order of `weeklySeasonality` in tenant.json. */
export function weekdayOf(iso: string): number {
  return (new Date(iso).getUTCDay() + 6) % 7;
}

/** 1 = 1 January. */
export function dayOfYearOf(iso: string): number {
  return daysBetween(`${iso.slice(0, 4)}-01-01`, iso) + 1;
}

/** The smooth yearly cycle of a category: 1 + A·cos(2π(doy − peak)/365.25). */
export function yearlySeasonality(amplitude: number, peakDayOfYear: number, dayOfYear: number): number {
  return 1 + amplitude * Math.cos((2 * Math.PI * (dayOfYear - peakDayOfYear)) / 365.25);
}

/** `YYYY-MM-DD` of a month/day in a year, or null when that day does not exist (30 February). */
export function monthDayIn(year: number, month: number, day: number): string | null {
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso ? iso : null;
}

/** Every date a holiday falls on between two years (fixed dates repeat each year). */
function holidayDates(holiday: HolidayParams, firstYear: number, lastYear: number): string[] {
  if (holiday.dates) return holiday.dates;
  const dates: string[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const date = monthDayIn(year, holiday.month ?? 1, holiday.day ?? 1);
    if (date) dates.push(date);
  }
  return dates;
}

/** Forecasts look up to a year ahead, so the calendar reaches that far past the history. */
export const CALENDAR_AHEAD_DAYS = 366;

/**
 * The holidays as dated calendar events from the first day of the history to `aheadDays` after its
 * last: what a retailer knows about its calendar, without the lifts (those are the ground truth).
 */
export function holidayEvents(holidays: readonly HolidayParams[], startDate: string, days: number, aheadDays: number): { date: string; name: string }[] {
  const end = addDays(startDate, days - 1 + aheadDays);
  const events = holidays.flatMap((holiday) =>
    holidayDates(holiday, Number(startDate.slice(0, 4)), Number(end.slice(0, 4)))
      .filter((date) => date >= startDate && date <= end)
      .map((date) => ({ date, name: holiday.name })),
  );
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The days of the history with what the demand model needs to know about each. */
export type Calendar = {
  dates: string[];
  weekday: Uint8Array;
  dayOfYear: Uint16Array;
  /** Product of the lifts of the holidays covering the day (1 on ordinary days). */
  holidayLift: Float64Array;
};

export function buildCalendar(startDate: string, days: number, holidays: readonly HolidayParams[]): Calendar {
  const dates = Array.from({ length: days }, (_, d) => addDays(startDate, d));
  const weekday = new Uint8Array(days);
  const dayOfYear = new Uint16Array(days);
  dates.forEach((date, d) => {
    weekday[d] = weekdayOf(date);
    dayOfYear[d] = dayOfYearOf(date);
  });
  const holidayLift = new Float64Array(days).fill(1);
  const firstYear = Number(startDate.slice(0, 4));
  const lastYear = Number(addDays(startDate, days - 1).slice(0, 4));
  for (const holiday of holidays) {
    for (const date of holidayDates(holiday, firstYear, lastYear)) {
      const day = daysBetween(startDate, date);
      for (let d = Math.max(0, day - holiday.daysBefore); d <= Math.min(days - 1, day); d++) {
        holidayLift[d] = (holidayLift[d] ?? 1) * holiday.lift;
      }
    }
  }
  return { dates, weekday, dayOfYear, holidayLift };
}
