import type { Forecaster, Panel, SeriesForecast } from "@/models/data";
import { activeSeriesAt } from "@/models/data";
import { poissonQuantile, sortedQuantile } from "./quantiles";

/**
 * A fitted point method over one series' history `y` (index 0 = first day used, NaN = unknown
 * or stockout-censored). `at(d, h)` is the forecast for day d + h made with y[0…d] only, so the
 * same fit yields out-of-sample-in-time errors at every past origin.
 */
export interface PointModel {
  at(d: number, h: number): number;
}

export type PointMethod = (y: Float64Array) => PointModel;

/** At most this much history is fitted: two years hold every weekly and yearly pattern the baselines use. */
const MAX_HISTORY = 728;
/** Past origins whose errors form the interval (a quarter of a year). */
const RESIDUAL_ORIGINS = 91;
/** Below this many errors in a horizon week, intervals come from a Poisson around the forecast. */
const MIN_RESIDUALS = 28;
/** Errors from the first four weeks are dominated by (and would see) the initialisation, not the method. */
const WARM_UP = 28;

/** Clean units of a series from max(firstDay, origin - MAX_HISTORY + 1) to origin. */
export function cleanHistory(panel: Panel, series: number, origin: number): Float64Array {
  const s = panel.series[series]!;
  const start = Math.max(s.firstDay, origin - MAX_HISTORY + 1);
  const y = new Float64Array(origin - start + 1);
  for (let d = start; d <= origin; d++) y[d - start] = s.censored[d] ? Number.NaN : s.units[d]!;
  return y;
}

/**
 * Intervals from the method's own errors: for each horizon week (h 1–7, 8–14, …) the 10% and 90%
 * quantiles of y[d+h] − at(d, h) over the last RESIDUAL_ORIGINS origins d, added to the point
 * forecast. The errors are in-sample for the parameters (fitted on the same history), so intervals
 * are slightly optimistic; with too few errors (new items) a Poisson around the forecast stands in.
 * P50 is the method's point forecast, so MAE/RMSE measure the classic baseline.
 */
export function quantileForecast(y: Float64Array, model: PointModel, horizon: number, series: number): SeriesForecast {
  const last = y.length - 1;
  const f: SeriesForecast = { series, p10: new Float32Array(horizon), p50: new Float32Array(horizon), p90: new Float32Array(horizon) };
  const buffer = new Float64Array(7 * RESIDUAL_ORIGINS);
  for (let week = 0; week * 7 < horizon; week++) {
    let count = 0;
    const hEnd = Math.min(horizon, week * 7 + 7);
    for (let h = week * 7 + 1; h <= hEnd; h++) {
      for (let d = Math.max(WARM_UP, last - h - RESIDUAL_ORIGINS + 1); d <= last - h; d++) {
        const actual = y[d + h]!;
        if (!Number.isNaN(actual)) buffer[count++] = actual - model.at(d, h);
      }
    }
    const sorted = buffer.subarray(0, count).sort();
    const empirical = sorted.length >= MIN_RESIDUALS;
    for (let h = week * 7 + 1; h <= hEnd; h++) {
      const point = Math.max(0, model.at(last, h));
      const lo = empirical ? point + sortedQuantile(sorted, 0.1) : poissonQuantile(point, 0.1);
      const hi = empirical ? point + sortedQuantile(sorted, 0.9) : poissonQuantile(point, 0.9);
      f.p50[h - 1] = point;
      f.p10[h - 1] = Math.min(point, Math.max(0, lo));
      f.p90[h - 1] = Math.max(point, hi);
    }
  }
  return f;
}

/** A Forecaster that fits `method` to each active series independently. */
export function pointForecaster(name: string, method: PointMethod): Forecaster {
  return {
    name,
    forecast(panel, origin, horizon) {
      return activeSeriesAt(panel, origin).map((series) => {
        const y = cleanHistory(panel, series, origin);
        return quantileForecast(y, method(y), horizon, series);
      });
    },
  };
}

/** Mean of the non-NaN values of y[from…to] (clipped to the array); NaN when none. */
export function meanOf(y: Float64Array, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  for (let d = Math.max(0, from); d <= Math.min(to, y.length - 1); d++) {
    const v = y[d]!;
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  return n > 0 ? sum / n : Number.NaN;
}
