import { dailyMoments, sumOfParts } from "./lead-time-demand";
import type { DailyQuantiles } from "./lead-time-demand";

/** Totals of sales forecasts, not of demand: no stockout mean scale, each day's band as forecast. */
export const AS_FORECAST = { varianceScale: 1, meanScale: 1 };

/**
 * Until a tenant's own fit: the larger of the demo tenants' fitted between-series error correlations (0.005, 0.05:
 * a band too narrow misleads more than one too wide; bench/lead-time-calibration.ts, README "Aggregates that add up").
 */
export const DEFAULT_SERIES_CORRELATION = 0.05;

export type AggregateDay = { mean: number; p10: number; p90: number };

/**
 * The day-by-day total of several series' forecasts (a store, a category). The mean is the sum of
 * the series' means, so totals add up. The 80% band is NOT the sum of their P10s and P90s (quantiles
 * do not add) but the same moment-matched count distribution as lead-time demand (`sumOfParts`),
 * with the series' errors correlated by ρ: shared shocks (weather, footfall) move many items at once,
 * so the total varies more than independent items would.
 */
export function aggregateDays(series: readonly (readonly DailyQuantiles[])[], seriesCorrelation: number): AggregateDay[] {
  const length = series.reduce((n, s) => Math.max(n, s.length), 0);
  return Array.from({ length }, (_, j) => {
    const parts = series.flatMap((s) => (s[j] ? [dailyMoments(s[j], AS_FORECAST)] : []));
    const total = sumOfParts(parts, seriesCorrelation);
    return total.mean > 0 ? { mean: total.mean, p10: total.quantile(0.1), p90: total.quantile(0.9) } : { mean: 0, p10: 0, p90: 0 };
  });
}
