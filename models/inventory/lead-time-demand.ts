import { demandDistribution } from "./demand-distribution";
import type { DemandDistribution } from "./demand-distribution";

/** One day's forecast as the forecasts table stores it: quantiles, and the mean model's expected units (null or absent for versions without one). */
export type DailyQuantiles = { p10: number; p50: number; p90: number; mean?: number | null };

/**
 * How daily forecasts combine over a window, fitted on backtest origins (see
 * bench/lead-time-calibration.ts): forecast errors of one series are positively correlated from
 * day to day (a level that is off stays off), so the variance of a sum exceeds the sum of the
 * variances. `correlation` is that between-day correlation of errors, `varianceScale` a factor
 * on each day's variance read from its P10–P90 band, `meanScale` a factor on each day's mean (a
 * model trained on stockout-censored sales forecasts sales, which fall short of demand). Fitted
 * on the mean model's forecasts where the version has one.
 */
export type LeadTimeCalibration = {
  correlation: number;
  varianceScale: number;
  meanScale: number;
  /** Error correlation between the series of one day, for store and category totals (`aggregateDays`); absent → DEFAULT_SERIES_CORRELATION. */
  seriesCorrelation?: number;
};

/** Until a tenant's own fit: the values fitted on the demo tenants' backtests (README). */
export const DEFAULT_CALIBRATION: LeadTimeCalibration = { correlation: 0.15, varianceScale: 1, meanScale: 1 };

/** z of the 90th percentile: a P10–P90 band is 2 × 1.2816 σ wide for a normal day. */
const BAND_Z = 1.2815515655446004;

export type DailyMoments = { mean: number; sd: number };

/**
 * A day's mean and variance. The mean is the mean model's forecast when the day has one;
 * otherwise Swanson's rule on the quantiles (0.3·P10 + 0.4·P50 + 0.3·P90), which weighs in the
 * right skew of counts that the median alone misses. The standard deviation comes from the band
 * width. Counts are at least as variable as Poisson, so the variance is floored at the mean.
 */
export function dailyMoments(day: DailyQuantiles, calibration: Pick<LeadTimeCalibration, "varianceScale" | "meanScale"> = DEFAULT_CALIBRATION): DailyMoments {
  const { varianceScale, meanScale } = calibration;
  const expected = day.mean ?? 0.3 * day.p10 + 0.4 * day.p50 + 0.3 * day.p90;
  const mean = Math.max(0, meanScale * expected);
  const bandSd = Math.max(0, day.p90 - day.p10) / (2 * BAND_Z);
  return { mean, sd: Math.sqrt(Math.max(bandSd * bandSd * varianceScale, mean)) };
}

/**
 * Demand over days [from, from + length) of a forecast (index 0 = tomorrow): NOT the sum of
 * daily quantiles, which are not additive, but a count distribution matched to the window's mean
 * and variance, Var = (1 − ρ)·Σσ² + ρ·(Σσ)² for between-day error correlation ρ. Days past the
 * forecast's end repeat its last week (the weekly pattern carries on).
 */
export function windowDemand(forecast: readonly DailyQuantiles[], from: number, length: number, calibration: LeadTimeCalibration = DEFAULT_CALIBRATION): DemandDistribution {
  const days: DailyMoments[] = [];
  for (let j = from; j < from + length; j++) {
    const day = dayAt(forecast, j);
    if (day) days.push(dailyMoments(day, calibration));
  }
  return sumOfParts(days, calibration.correlation);
}

/**
 * The distribution of a sum from its parts' means and standard deviations, errors correlated by ρ
 * between any two parts: the days of one series' window (lead-time demand), or the series of one
 * day (a store's or category's total, `aggregateDays`). The mean is exactly the sum of the means.
 */
export function sumOfParts(days: readonly DailyMoments[], correlation: number): DemandDistribution {
  const { mean, variance } = sumMoments(days, correlation);
  return demandDistribution(mean, variance);
}

/** Mean and variance of a sum of parts whose errors are correlated by ρ: Var = (1 − ρ)·Σσ² + ρ·(Σσ)². Means may be negative (money, e.g. a margin). */
export function sumMoments(parts: readonly DailyMoments[], correlation: number): { mean: number; variance: number } {
  let mean = 0;
  let sumVar = 0;
  let sumSd = 0;
  for (const d of parts) {
    mean += d.mean;
    sumVar += d.sd * d.sd;
    sumSd += d.sd;
  }
  return { mean, variance: (1 - correlation) * sumVar + correlation * sumSd * sumSd };
}

function dayAt(forecast: readonly DailyQuantiles[], j: number): DailyQuantiles | undefined {
  if (forecast.length === 0) return undefined;
  if (j < forecast.length) return forecast[j];
  const week = Math.min(7, forecast.length);
  return forecast[forecast.length - week + ((j - forecast.length) % week)];
}
