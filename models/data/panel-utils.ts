import { epochDayToIso, isoToEpochDay } from "./dates";
import type { Panel, Series } from "./types";

/** ISO date of a day index; works past the history (for forecast target dates). */
export function dateOfDay(panel: Panel, day: number): string {
  return epochDayToIso(panel.startEpochDay + day);
}

/** Day index of an ISO date (may be negative or ≥ nDays), or null when the text is not a date. */
export function dayOfDate(panel: Panel, iso: string): number | null {
  const epochDay = isoToEpochDay(iso);
  return epochDay === null ? null : epochDay - panel.startEpochDay;
}

/**
 * A series is forecast from `origin` when it has sold by then and is still listed on that day.
 * The listing end is assortment data the retailer knows in advance, so using it is not leakage.
 */
export function isActiveAt(series: Series, origin: number): boolean {
  return series.firstDay <= origin && series.lastDay >= origin;
}

/** Indices of the series active at `origin`, in panel order. */
export function activeSeriesAt(panel: Panel, origin: number): number[] {
  const out: number[] = [];
  panel.series.forEach((s, i) => {
    if (isActiveAt(s, origin)) out.push(i);
  });
  return out;
}

/**
 * The panel as seen at the end of day `origin`: units, online units and stockout flags after it
 * become unknown. Prices, discounts, promotions and markdowns stay: they are planned in advance.
 * Backtests hand this view to forecasters so none can peek at the answers.
 */
export function hideAfter(panel: Panel, origin: number): Panel {
  const from = origin + 1;
  if (from >= panel.nDays) return panel;
  const series = panel.series.map((s): Series => {
    const units = s.units.slice();
    units.fill(Number.NaN, from);
    const censored = s.censored.slice();
    censored.fill(0, from);
    const hidden: Series = { ...s, units, censored };
    if (s.onlineUnits) {
      hidden.onlineUnits = s.onlineUnits.slice();
      hidden.onlineUnits.fill(Number.NaN, from);
    }
    return hidden;
  });
  return { ...panel, series };
}
