import type { Panel } from "@/models/data";
import { isoToEpochDay, weekdayOfEpochDay } from "@/models/data";
import { stableCode } from "./codes";

/** Longest horizon the pipeline serves; calendar tables reach this far past the history. */
export const MAX_HORIZON = 366;
/** Distances to events are capped: beyond a quarter the exact count carries no signal. */
const EVENT_DISTANCE_CAP = 90;

/** Target-day calendar features per day index, for the history and MAX_HORIZON days after it. */
export interface CalendarTable {
  length: number;
  weekday: Uint8Array;
  dayOfMonth: Uint8Array;
  weekOfYear: Uint8Array;
  month: Uint8Array;
  dayOfYear: Uint16Array;
  /** NaN when the panel has no calendar: "no event" would be a claim the data cannot make. */
  isEvent: Float32Array;
  daysToNext: Float32Array;
  daysSinceLast: Float32Array;
  eventCode: Float32Array;
}

function isoWeek(epochDay: number): number {
  const thursday = epochDay - weekdayOfEpochDay(epochDay) + 3;
  const date = new Date(thursday * 86_400_000);
  const jan1 = Date.UTC(date.getUTCFullYear(), 0, 1) / 86_400_000;
  return Math.floor((thursday - jan1) / 7) + 1;
}

export function buildCalendarTable(panel: Panel): CalendarTable {
  const length = panel.nDays + MAX_HORIZON;
  const table: CalendarTable = {
    length,
    weekday: new Uint8Array(length),
    dayOfMonth: new Uint8Array(length),
    weekOfYear: new Uint8Array(length),
    month: new Uint8Array(length),
    dayOfYear: new Uint16Array(length),
    isEvent: new Float32Array(length).fill(Number.NaN),
    daysToNext: new Float32Array(length).fill(Number.NaN),
    daysSinceLast: new Float32Array(length).fill(Number.NaN),
    eventCode: new Float32Array(length).fill(Number.NaN),
  };
  for (let d = 0; d < length; d++) {
    const epochDay = panel.startEpochDay + d;
    const date = new Date(epochDay * 86_400_000);
    table.weekday[d] = weekdayOfEpochDay(epochDay);
    table.dayOfMonth[d] = date.getUTCDate();
    table.month[d] = date.getUTCMonth() + 1;
    table.dayOfYear[d] = epochDay - Date.UTC(date.getUTCFullYear(), 0, 1) / 86_400_000 + 1;
    table.weekOfYear[d] = isoWeek(epochDay);
  }
  if (panel.has.calendar) fillEvents(panel, table);
  return table;
}

function fillEvents(panel: Panel, table: CalendarTable): void {
  const codes = new Map<number, number>();
  for (const [iso, names] of panel.events) {
    const epochDay = isoToEpochDay(iso);
    if (epochDay === null || names.length === 0) continue;
    // Several events on one day: the alphabetically first name stands for the day.
    codes.set(epochDay - panel.startEpochDay, stableCode([...names].sort()[0]!));
  }
  const days = [...codes.keys()].sort((a, b) => a - b);
  let next = 0;
  for (let d = 0; d < table.length; d++) {
    while (next < days.length && days[next]! < d) next++;
    const code = codes.get(d);
    table.isEvent[d] = code === undefined ? 0 : 1;
    table.eventCode[d] = code ?? Number.NaN;
    const after = days[code === undefined ? next : next + 1];
    const before = days[next - 1];
    table.daysToNext[d] = after === undefined ? EVENT_DISTANCE_CAP : Math.min(after - d, EVENT_DISTANCE_CAP);
    table.daysSinceLast[d] = before === undefined ? EVENT_DISTANCE_CAP : Math.min(d - before, EVENT_DISTANCE_CAP);
  }
}
